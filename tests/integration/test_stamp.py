"""The build stamp: a build with nothing touched reports the last one's result and makes nothing; any
touched input or output sends the build through its content digests again."""

from __future__ import annotations

import os

import pytest

from diglot.config import load_config
from diglot.outputs.build import build
from diglot.outputs.stamp import STAMP
from helpers import po, pseudo, translate_catalog, without_latin_marks

pytestmark = pytest.mark.slow  # full builds, and a wait for the clock


def _html(project):
    return build(load_config(project), ("html",), jobs=1)


def _age(project) -> None:
    """Set every file's times back a minute, as if the project had been left alone since."""
    past = os.stat(project).st_mtime_ns - 60_000_000_000
    for folder, _, files in os.walk(project):
        for name in [*files, ""]:
            os.utime(os.path.join(folder, name), ns=(past, past))


def test_untouched_build_repeats_the_last_report(project, diglot):
    diglot(project, "update")
    translate_catalog(po(project, "zh_Hant", "every-block"), lambda m: None if m == "A Heading" else pseudo(m))
    _age(project)
    first = _html(project)
    assert (project / "build" / STAMP).is_file()
    again = _html(project)
    assert again.rebuilt == [] and again.up_to_date == len(first.rebuilt) + first.up_to_date
    assert again.fallbacks == first.fallbacks and any(f.msgid == "A Heading" for f in again.fallbacks)


def test_a_touched_catalog_or_a_missing_output_is_seen(project, diglot):
    diglot(project, "update")
    translate_catalog(po(project, "zh_Hant", "every-block"))
    _age(project)
    _html(project)
    catalog = po(project, "zh_Hant", "every-block")
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "CELL ONE"', 'msgstr "CELL 1!!"'), encoding="utf-8")  # same size
    assert set(_html(project).rebuilt) == {"web/zh-Hant/every-block.html", "web/en.zh-Hant/every-block.html"}
    page = (project / "build/web/zh-Hant/every-block.html").read_text(encoding="utf-8")
    assert "CELL 1!!" in without_latin_marks(page)
    _age(project)
    _html(project)
    (project / "build/web/en/every-block.html").unlink()
    assert _html(project).rebuilt == ["web/en/every-block.html"]


def test_a_file_written_moments_before_a_build_is_not_trusted_to_its_times(project, diglot):
    diglot(project, "update")
    _age(project)
    catalog = po(project, "zh_Hant", "every-block")
    catalog.write_bytes(catalog.read_bytes())  # now: an edit within the same clock tick would look the same
    _html(project)
    assert not (project / "build" / STAMP).exists()
    assert _html(project).rebuilt == []  # looked at again, by content, and found up to date
