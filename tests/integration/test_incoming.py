"""Incoming translations replace the repository's copy only once they validate; nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import po, pseudo, snapshot, translate_catalog


@pytest.fixture
def sent(project, diglot, tmp_path) -> tuple[Path, Path]:
    """The project with a half-translated catalog, and a copy a translator finished and sent back."""
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog, lambda m: pseudo(m) if m.startswith("A ") else None)
    outside = tmp_path / "mail" / "every-block.po"
    outside.parent.mkdir()
    shutil.copy(catalog, outside)
    translate_catalog(outside, lambda m: None if m.startswith("A ") else f"譯{m}")
    return project, outside


def _strings(path: Path) -> dict[str, str]:
    return {m.id: m.string for m in read_po(path.open("rb")) if m.id}


def test_a_valid_catalog_is_merged_and_keeps_what_the_repository_had(sent, diglot):
    project, outside = sent
    result = diglot(project, "receive", str(outside))
    assert result.status == 0, result.err
    assert "merged into translations/zh_Hant/LC_MESSAGES/every-block.po" in result.out
    strings = _strings(po(project, "zh_Hant", "every-block"))
    assert strings["Every Block Kind"] == "譯Every Block Kind"  # the translator's work
    assert strings["A Heading"] == "A HEADING"  # left empty by the translator, kept from the repository
    assert all(strings.values())


def test_a_catalog_failing_the_checks_is_rejected_with_its_reasons(sent, diglot):
    project, outside = sent
    text = outside.read_text(encoding="utf-8")
    outside.write_text(text.replace('msgstr "譯Column B"', 'msgstr "[x](javascript:alert(1))"'), encoding="utf-8")
    line = outside.read_text(encoding="utf-8").split("\n").index('msgid "Column B"') + 1
    before = snapshot(project)
    result = diglot(project, "receive", str(outside))
    assert result.status == 1
    assert f"{outside}:{line}: error: link target 'javascript:alert(1)'" in result.err
    assert "rejected, translations/zh_Hant/LC_MESSAGES/every-block.po left as it was" in result.err
    assert snapshot(project) == before


@pytest.mark.parametrize("spoil, words", [
    (lambda text: text.replace('msgid "Column B"', "<<<<<<< ours\nmsgid \"Column B\""), "merge conflict marker"),
    (lambda text: text.replace('msgstr "譯Column B"', 'msgstr "譯Column B'), "invalid PO syntax"),
    (lambda text: text.replace('"Language: zh_Hant\\n"', '"Language: fr\\n"'), "unknown language 'fr'"),
])
def test_a_broken_catalog_is_bad_input(sent, diglot, spoil, words):
    project, outside = sent
    outside.write_text(spoil(outside.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(project)
    result = diglot(project, "receive", str(outside))
    assert result.status == 2 and result.err.startswith(f"{outside}:") and words in result.err, result.err
    assert snapshot(project) == before


def test_a_non_utf8_catalog_is_bad_input(sent, diglot):
    project, outside = sent
    outside.write_bytes(outside.read_bytes().replace("譯Column B".encode(), "Çolumn".encode("latin-1")))
    result = diglot(project, "receive", str(outside))
    assert result.status == 2 and "not UTF-8" in result.err


def test_an_unknown_domain_is_bad_input(sent, diglot):
    project, outside = sent
    renamed = outside.with_name("unknown-article.po")
    # Without its #: references, nothing in the file says whose translation it is.
    lines = outside.read_text(encoding="utf-8").splitlines(keepends=True)
    renamed.write_text("".join(line for line in lines if not line.startswith("#:")), encoding="utf-8")
    result = diglot(project, "receive", str(renamed))
    assert result.status == 2 and "no document or catalog is called 'unknown-article'" in result.err
    assert diglot(project, "receive", str(renamed), "--domain", "every-block").status == 0


def test_a_file_named_otherwise_goes_where_its_references_say(sent, diglot):
    project, outside = sent
    renamed = outside.with_name("Weblate-download.po")
    outside.rename(renamed)
    result = diglot(project, "receive", str(renamed))
    assert result.status == 0, result.err
    assert "merged into translations/zh_Hant/LC_MESSAGES/every-block.po" in result.out


def test_a_catalog_in_the_source_language_is_bad_input(sent, diglot):
    project, outside = sent
    result = diglot(project, "receive", str(outside), "--domain", "house-note")
    assert result.status == 2 and "house-note is written in zh_Hant" in result.err


def test_an_outdated_catalog_is_brought_up_to_date(sent, diglot):
    project, outside = sent
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Cell two", "Cell two, revised"))
    assert diglot(project, "receive", str(outside)).status == 0
    catalog = read_po(po(project, "zh_Hant", "every-block").open("rb"))
    revised = catalog["Cell two, revised"]
    assert revised.fuzzy and revised.string == "譯Cell two"
    assert "Cell two" in catalog.obsolete
