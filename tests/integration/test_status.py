"""Status: translated, fuzzy and untranslated messages and words left, per catalog."""

from __future__ import annotations

import json

from helpers import po, pseudo, translate_catalog


def test_status_table_counts_each_state(project, diglot):
    diglot(project, "update")
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog, lambda m: None if m in ("A Heading", "Cell one") else pseudo(m))
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "Cell two"', '#, fuzzy\nmsgid "Cell two"'), encoding="utf-8")
    result = diglot(project, "status")
    assert result.status == 0
    row = next(line for line in result.out.splitlines() if line.startswith("every-block "))
    assert row.split() == ["every-block", "zh_Hant", "26/29", "1", "2", "6"]  # A Heading, Cell one, Cell two
    assert any(line.split()[:5] == ["house-note", "en", "0/1", "0", "1"] for line in result.out.splitlines())


def test_status_json_and_strict(project, diglot):
    diglot(project, "update")
    assert diglot(project, "status", "--strict").status == 1
    for path in (project / "translations").glob("*/LC_MESSAGES/*.po"):
        translate_catalog(path)
    result = diglot(project, "status", "--json", "--strict")
    assert result.status == 0
    rows = json.loads(result.out)
    assert {(r["domain"], r["language"]) for r in rows} == {
        ("every-block", "zh_Hant"), ("house-note", "en"), ("site", "zh_Hant")}
    assert all(r["complete"] and r["words_left"] == 0 and r["fuzzy"] == 0 for r in rows)
    assert rows[0]["catalog"] == "translations/zh_Hant/LC_MESSAGES/every-block.po"


def test_a_message_the_catalog_lacks_counts_as_untranslated(project, diglot):
    diglot(project, "update")
    for path in (project / "translations").glob("*/LC_MESSAGES/*.po"):
        translate_catalog(path)
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8").replace("A Heading", "A Brand New Heading"))
    rows = {r["domain"]: r for r in json.loads(diglot(project, "status", "--json").out)}
    assert rows["every-block"]["untranslated"] == 1 and rows["every-block"]["words_left"] == 4
    assert diglot(project, "status", "--strict").status == 1
