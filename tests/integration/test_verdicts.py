"""msgfmt's verdicts (diglot.catalogs.verdicts): the bytes an update wrote are not given to msgfmt again, and any
change of a catalog's bytes sends it back to msgfmt."""

from __future__ import annotations

from pathlib import Path

import pytest

from diglot.catalogs.pofile import read_catalog
from diglot.catalogs.verdicts import Verdicts
from diglot.config import load_config
from diglot.errors import DiglotError
from helpers import po

# A catalog msgfmt refuses (the same message twice) and that the other strict checks let through.
DUPLICATE = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
             'msgid "Ceasefire"\nmsgstr "停火"\n\nmsgid "Ceasefire"\nmsgstr "停戰"\n').encode()


def test_an_update_keeps_msgfmts_verdict_on_every_catalog_it_wrote(project, diglot):
    assert diglot(project, "update").status == 0
    catalogs = sorted((project / "translations").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    verdicts = Verdicts(project / "build")
    for path in catalogs:
        shown = path.relative_to(project)
        assert verdicts.known(shown, path.read_bytes(), "check")
        assert verdicts.known(shown, path.read_bytes(), "header")  # --check implies it
        assert not verdicts.known(shown, path.read_bytes() + b"\n", "header")


def test_a_known_verdict_spares_msgfmt_and_changed_bytes_do_not(project, diglot):
    assert diglot(project, "update").status == 0
    path = po(project, "zh_Hant", "site")
    shown = path.relative_to(project)
    path.write_bytes(DUPLICATE)
    with pytest.raises(DiglotError, match="invalid PO syntax: duplicate message definition") as refused:
        read_catalog(path, project)
    assert refused.value.line == 8  # msgfmt's own line: msgfmt ran
    # A verdict for these bytes (made here, as no msgfmt would give it) is taken: msgfmt does not run.
    forged = Verdicts(project / "build")
    forged.remember(shown, DUPLICATE, "header")
    forged.save()
    assert read_catalog(path, project).get("Ceasefire") is not None
    # One byte more and the verdict is not these bytes': msgfmt runs and refuses them again.
    path.write_bytes(DUPLICATE + b"\n")
    with pytest.raises(DiglotError, match="duplicate message definition"):
        read_catalog(path, project)
    # A plain verdict does not stand for msgfmt --check, nor one file's for another's.
    assert not Verdicts(project / "build").known(shown, DUPLICATE, "check")
    assert not Verdicts(project / "build").known(Path("translations/en/LC_MESSAGES/site.po"), DUPLICATE, "header")


def test_a_build_folder_that_is_a_link_keeps_no_verdict(project, tmp_path):
    load_config(project)  # enters the project's boundary, as every command does
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "build").symlink_to(elsewhere)
    catalog = project / "translations/zh_Hant/LC_MESSAGES/site.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_bytes(DUPLICATE.replace(b'msgid "Ceasefire"\nmsgstr "\xe5\x81\x9c\xe6\x88\xb0"\n', b""))
    verdicts = Verdicts(project / "build")
    verdicts.remember(catalog.relative_to(project), catalog.read_bytes(), "header")
    verdicts.save()
    assert list(elsewhere.iterdir()) == []
    (project / "build").unlink()
    verdicts.remember(catalog.relative_to(project), catalog.read_bytes(), "header")
    verdicts.save()
    assert Verdicts(project / "build").known(catalog.relative_to(project), catalog.read_bytes(), "header")
