"""Catalogs: update creates and merges PO files with GNU msgmerge, and msgfmt accepts every one."""

from __future__ import annotations

import subprocess

from babel.messages.pofile import read_po

from conftest import po, translate_catalog


def msgfmt_check(path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def test_update_creates_a_catalog_per_target_language(project, diglot):
    result = diglot(project, "update")
    assert result.status == 0
    assert po(project, "zh_Hant", "every-block").exists()  # English source → Chinese
    assert po(project, "en", "house-note").exists()  # Chinese source → English
    assert po(project, "zh_Hant", "site").exists()
    assert not po(project, "en", "every-block").exists()
    assert not po(project, "zh_Hant", "house-note").exists()


def test_new_catalogs_have_language_and_plural_headers(project, diglot):
    diglot(project, "update")
    catalog = read_po(po(project, "zh_Hant", "every-block").open("rb"))
    assert catalog.mime_headers and dict(catalog.mime_headers)["Language"] == "zh_Hant"
    assert dict(catalog.mime_headers)["Plural-Forms"] == "nplurals=1; plural=0;"
    template = read_po((project / "translations/templates/every-block.pot").open("rb"))
    assert [m.id for m in catalog if m.id] == [m.id for m in template if m.id]


def test_msgfmt_check_passes_on_every_catalog(project, diglot):
    diglot(project, "update")
    translate_catalog(po(project, "zh_Hant", "every-block"))
    diglot(project, "update")
    catalogs = list((project / "translations").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 3
    for path in catalogs:
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""


def test_update_twice_changes_nothing(project, diglot):
    diglot(project, "update")
    before = {p: p.read_bytes() for p in (project / "translations").rglob("*.po")}
    result = diglot(project, "update")
    assert "0 catalog(s) changed" in result.out
    assert {p: p.read_bytes() for p in (project / "translations").rglob("*.po")} == before


def test_update_keeps_translations_of_unchanged_messages(project, diglot):
    diglot(project, "update")
    translate_catalog(po(project, "zh_Hant", "every-block"))
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text().replace("A tight item", "A tight, edited item"))
    diglot(project, "update")
    catalog = read_po(po(project, "zh_Hant", "every-block").open("rb"))
    assert catalog["A Heading"].string == "A HEADING"
    edited = catalog["A tight, edited item"]
    assert edited.fuzzy and edited.string == "A TIGHT ITEM"
    text = po(project, "zh_Hant", "every-block").read_text(encoding="utf-8")
    assert '#| msgid "A tight item"\nmsgid "A tight, edited item"' in text
