"""``diglot update``: templates extracted, catalogs merged by msgmerge (several at once) and checked by msgfmt."""

from __future__ import annotations

from helpers import po, translate_catalog


def test_update_creates_then_keeps_every_catalog(project, diglot):
    first = diglot(project, "update")
    assert first.status == 0 and "6 catalog(s) changed" in first.out
    for language, domain in (("zh_Hant", "every-block"), ("en", "house-note"), ("zh_Hant", "site")):
        assert po(project, language, domain).is_file()
    again = diglot(project, "update")
    assert again.status == 0 and "0 catalog(s) changed" in again.out


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
