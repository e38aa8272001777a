"""Incremental extraction and update: what did not change is not parsed or merged again, and the cache
can only save work, never make a template or catalog differ from a run without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import diglot.catalogs.extract
import diglot.catalogs.update
import diglot.sources.documents
from diglot.catalogs.potmaker import PotMaker
from diglot.sources import documents
from diglot.sources.sourcecache import CACHE
from helpers import po, pseudo, snapshot, translate_catalog

ARTICLE = "source/articles/every-block.md"


@pytest.fixture
def counted(monkeypatch):
    """How often this run parsed a source, made a template and merged a catalog (the real functions run)."""
    calls = {"parse": 0, "template": 0, "merge": 0}

    def counting(module, name, key):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[key] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(diglot.sources.documents, "_parse_document", "parse")
    counting(diglot.catalogs.extract, "make_pot", "template")
    counting(diglot.catalogs.update, "merged_with_memory", "merge")  # as update calls it
    # A few POTs are made by the forked POT maker, where the wrapper above counts in the child.
    real_make = PotMaker.make

    def make(maker, items):
        calls["template"] += len(items)
        return real_make(maker, items)

    monkeypatch.setattr(PotMaker, "make", make)
    return calls


def _templates(project):
    return {p.name: p.read_bytes() for p in (project / "translations/templates").glob("*.pot")}


def test_unchanged_sources_are_neither_parsed_nor_extracted_again(project, diglot, counted):
    assert diglot(project, "extract").status == 0
    first = _templates(project)
    assert counted == {"parse": 2, "template": 3, "merge": 0}
    assert diglot(project, "extract").status == 0
    assert counted["parse"] == 2 and counted["template"] == 3  # nothing read again
    assert _templates(project) == first

    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    result = diglot(project, "extract")
    assert result.out.splitlines()[0] == "extract: 1 template catalog(s) changed"
    assert counted["parse"] == 3 and counted["template"] == 4  # that article alone
    assert b'msgid "A new closing paragraph."' in _templates(project)["every-block.pot"]


def test_a_template_edited_by_hand_is_made_again(project, diglot):
    diglot(project, "extract")
    first = _templates(project)
    (project / "translations/templates/every-block.pot").write_bytes(b"# edited\n")
    assert diglot(project, "extract").status == 0
    assert _templates(project) == first


@pytest.mark.parametrize("cache", [b"", b"{not json", b'{"format": 1, "salt": "x", "records": []}', "foreign"])
def test_a_corrupt_or_foreign_cache_costs_a_parse_never_a_wrong_template(project, tmp_path, diglot, cache):
    diglot(project, "update")
    expected = snapshot(project / "translations")
    other = tmp_path / "other"
    shutil.copytree(project, other)
    article = other / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("A Heading", "Another Heading"), encoding="utf-8")
    diglot(other, "update")
    for pot in (project / "translations/templates").glob("*.pot"):
        pot.write_bytes(pot.read_bytes().replace(b"A Heading", b"Another Heading"))
    # The other project's cache vouches for its own templates: here it must vouch for nothing.
    data = (other / "build" / CACHE).read_bytes() if cache == "foreign" else cache
    (project / "build" / CACHE).write_bytes(data)
    assert diglot(project, "update").status == 0
    assert snapshot(project / "translations") == expected


def test_update_merges_only_what_could_change(project, diglot, counted):
    diglot(project, "update")
    assert counted["merge"] == 3  # every-block and site into Chinese, the house note into English
    for language, domain in (("zh_Hant", "every-block"), ("zh_Hant", "site"), ("en", "house-note")):
        translate_catalog(po(project, language, domain))  # complete: the memory has nothing to fill
    diglot(project, "update")  # msgmerge lays the hand-filled catalogs out
    diglot(project, "update")  # and leaves them as they are: fixed points
    settled = snapshot(project / "translations")
    merges = counted["merge"]
    assert diglot(project, "update").out.startswith("update: 0 catalog(s) changed")
    assert counted["merge"] == merges  # every catalog is a fixed point: none merged again
    assert snapshot(project / "translations") == settled

    catalog = po(project, "zh_Hant", "every-block")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "A HEADING"', 'msgstr ""'),
                       encoding="utf-8")
    diglot(project, "update")
    assert counted["merge"] == merges + 1  # the edited catalog, and it alone
    assert 'msgid "A Heading"\nmsgstr ""' in catalog.read_text(encoding="utf-8")
    assert pseudo("Cell one") in catalog.read_text(encoding="utf-8")


def test_a_body_edit_reads_no_front_matter_and_makes_what_a_cold_run_makes(project, tmp_path, diglot, monkeypatch):
    yaml_reads = []
    real = documents._parse_yaml
    monkeypatch.setattr(documents, "_parse_yaml", lambda *args: yaml_reads.append(args[0]) or real(*args))
    assert diglot(project, "extract").status == 0
    assert len(yaml_reads) == 2
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("It continues on a second line.", "It goes on, revised."), encoding="utf-8")
    assert diglot(project, "extract").out.startswith("extract: 1 template catalog(s) changed")
    assert len(yaml_reads) == 2  # the front matter is the same text: its fields come from the cache
    cold = tmp_path / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("build", "translations"))
    assert diglot(cold, "extract").status == 0
    assert _templates(project) == _templates(cold)

    # The front matter edited too: read again, and the new title is in the template.
    yaml_reads.clear()
    article.write_text(article.read_text(encoding="utf-8").replace("title: Every Block Kind", "title: Each Block"),
                       encoding="utf-8")
    assert diglot(project, "extract").status == 0
    assert yaml_reads == [Path(ARTICLE)]
    assert b'msgid "Each Block"' in _templates(project)["every-block.pot"]


def test_a_body_edit_still_finds_the_picture_gone(project, diglot):
    assert diglot(project, "extract").status == 0
    (project / "source/images/pixel.png").unlink()
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    result = diglot(project, "extract")
    assert result.status == 2 and "pixel.png" in result.err
