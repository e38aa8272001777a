"""``diglot update``: templates extracted, PO files created and merged by GNU msgmerge, checked by msgfmt."""

from __future__ import annotations

import subprocess

from babel.messages.pofile import read_po

from helpers import po, translate_catalog


def msgfmt_check(path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def test_update_creates_a_catalog_per_target_language(project, diglot):
    result = diglot(project, "update")
    assert result.status == 0 and "6 catalog(s) changed" in result.out  # 3 templates, 3 catalogs
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


def test_headers_survive_an_update(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('"Plural-Forms:', '"X-Generator: Poedit 3.4\\n"\n"X-Team-Note: keep\\n"\n'
                                    '"Plural-Forms:'), encoding="utf-8")
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8").replace("A Heading", "A Changed Heading"))
    diglot(project, "update")
    merged = catalog.read_text(encoding="utf-8")
    assert "A Changed Heading" in merged  # the update did run
    for header in ("X-Generator: Poedit 3.4", "X-Team-Note: keep", "Language: zh_Hant",
                   "Plural-Forms: nplurals=1; plural=0;"):
        assert f'"{header}\\n"' in merged, header


def test_a_removed_paragraph_becomes_obsolete_and_comes_back_translated(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog)
    article = project / "source/articles/every-block.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("> Another quoted paragraph.\n", ""), encoding="utf-8")
    diglot(project, "update")
    assert '#~ msgid "Another quoted paragraph."\n#~ msgstr "ANOTHER QUOTED PARAGRAPH."' in catalog.read_text()
    article.write_text(original, encoding="utf-8")
    diglot(project, "update")
    revived = read_po(catalog.open("rb"))["Another quoted paragraph."]
    assert revived.string == "ANOTHER QUOTED PARAGRAPH." and not revived.fuzzy
    assert msgfmt_check(catalog).returncode == 0


def test_an_update_after_an_edit_is_stable(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog)
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "It continues on a second line.", "It continues on a second, longer line."), encoding="utf-8")
    diglot(project, "update")
    text = catalog.read_text(encoding="utf-8")
    # The long paragraph is fuzzy, with its old text beside it, and kept whole as obsolete too.
    assert '#| msgid ""\n#| "An opening paragraph' in text and '#~ msgid ""\n#~ "An opening paragraph' in text
    assert "0 catalog(s) changed" in diglot(project, "update").out
    assert catalog.read_text(encoding="utf-8") == text


def test_changed_paragraph_keeps_its_translation_as_fuzzy(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog)
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8").replace("A quoted paragraph.", "A quoted line."),
                       encoding="utf-8")
    run = diglot(project, "update")
    assert run.status == 0
    text = catalog.read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "A quoted paragraph."\nmsgid "A quoted line."\nmsgstr "A QUOTED PARAGRAPH."' in text


def test_broken_catalog_is_refused_and_left_whole(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    broken = catalog.read_text(encoding="utf-8") + "<<<<<<< HEAD\nmsgid \"x\"\n"
    catalog.write_text(broken, encoding="utf-8")
    run = diglot(project, "update")
    assert run.status == 2 and "every-block.po" in run.err and "merge conflict marker" in run.err
    assert catalog.read_text(encoding="utf-8") == broken


def test_catalog_msgfmt_rejects_is_bad_input(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "site")
    translate_catalog(catalog, lambda msgid: msgid.replace("%(number)s", "%(count)s"))
    run = diglot(project, "update")
    assert run.status == 2 and "msgfmt failed" in run.err and "site.po" in run.err
