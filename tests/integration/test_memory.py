"""The translation memory: update offers the archive's translations to new messages; TMX out and in."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import denormalize, read_po

from helpers import copy_publication, po, snapshot

REPO = Path(__file__).parents[2]
SLUG = "no-more-carrots"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

UNCHANGED = ("Trump’s diplomatic efforts to mediate between Russia and Ukraine appeared erratic and "
             "unstructured.")
EDITED_FROM = "In the end, peace proved elusive — not within 24 hours"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the publication: No. 29 translated into Chinese."""
    copy_publication(tmp_path)
    return tmp_path


def paragraph(root: Path, start: str) -> str:
    text = (root / f"source/articles/{SLUG}.md").read_text(encoding="utf-8")
    return next(block for block in text.split("\n\n") if block.startswith(start))


def catalog(root: Path, language: str, domain: str) -> dict:
    return {m.id: m for m in read_po(po(root, language, domain).open("rb")) if m.id}


def previous_msgids(path: Path) -> list[str]:
    """The ``#|`` previous msgids of a PO file (Babel reads only one-line ones)."""
    found = []
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line[3:] for line in entry.splitlines() if line.startswith("#| ")]
        if lines:
            found.append(denormalize("\n".join(lines).removeprefix("msgid ")))
    return found


def add_article(root: Path, body: list[str]) -> None:
    bio = catalog(root, "zh_Hant", SLUG)
    author_bio = next(msgid for msgid in bio if msgid.startswith("First Deputy Director"))
    front = (f"---\ntitle: A New Commentary\nauthor:\n  name: Sergiy Solodkyy\n  bio: {author_bio}\n"
             "date: 2025-07-01\nseries: Prospects & Perspectives\nnumber: 30\nsummary: A new summary.\nlang: en\n"
             "---\n\n")
    (root / "source/articles/a-new-commentary.md").write_text(front + "\n\n".join(body) + "\n", encoding="utf-8")


def test_update_fills_a_new_article_from_the_archive(archive, diglot):
    unchanged = paragraph(archive, UNCHANGED)
    original = paragraph(archive, EDITED_FROM)
    edited = original.replace("peace proved elusive", "peace remained elusive")
    add_article(archive, ["A paragraph no catalog has seen before.", unchanged, edited])
    run = diglot(archive, "update")
    assert run.status == 0, run.err

    old = catalog(archive, "zh_Hant", SLUG)
    new = catalog(archive, "zh_Hant", "a-new-commentary")
    bio = next(msgid for msgid in new if msgid.startswith("First Deputy Director"))
    assert new[bio].string == old[bio].string and not new[bio].fuzzy
    assert new[unchanged].string == old[unchanged].string and not new[unchanged].fuzzy
    assert new[edited].string == old[original].string and new[edited].fuzzy
    assert previous_msgids(po(archive, "zh_Hant", "a-new-commentary")) == [original]
    assert not new["A paragraph no catalog has seen before."].string
    assert not new["A New Commentary"].string


def test_the_archive_file_itself_is_not_changed_by_the_memory(archive, diglot):
    before = po(archive, "zh_Hant", SLUG).read_bytes()
    add_article(archive, [paragraph(archive, UNCHANGED)])
    diglot(archive, "update")
    assert po(archive, "zh_Hant", SLUG).read_bytes() == before


# --- TMX ----------------------------------------------------------------------------------------------

def test_tmx_export_is_tmx_1_4_with_every_translation(archive, diglot):
    run = diglot(archive, "tmx", "export")
    assert run.status == 0, run.err
    root = ET.parse(archive / "build/memory.tmx").getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "en"
    units = root.findall("body/tu")
    translated = [m for m in catalog(archive, "zh_Hant", SLUG).values() if m.string and not m.fuzzy]
    site = [m for m in catalog(archive, "zh_Hant", "site").values() if m.string and not m.fuzzy]
    note = catalog(archive, "en", "editorial-note")
    singular = {m.id for m in translated + site if isinstance(m.id, str)}  # TMX holds no plural forms
    assert len(units) == len(singular) + len(note)
    pairs = {tuple(v.get(XML_LANG) for v in unit.findall("tuv")) for unit in units}
    assert pairs == {("en", "zh-Hant"), ("zh-Hant", "en")}
    first = diglot(archive, "tmx", "export").out
    assert "(unchanged)" in first  # same catalogs, same bytes


def test_tmx_round_trip_restores_the_translations(archive, diglot, tmp_path_factory):
    diglot(archive, "tmx", "export")
    exported = tmp_path_factory.mktemp("outside") / "memory.tmx"
    shutil.copy(archive / "build/memory.tmx", exported)
    before = {m.id: m.string for m in catalog(archive, "zh_Hant", SLUG).values()}
    po(archive, "zh_Hant", SLUG).unlink()
    po(archive, "en", "editorial-note").unlink()
    diglot(archive, "update")
    # Only the series name comes back at once: the site catalog, still there, translates it too.
    assert [m.id for m in catalog(archive, "zh_Hant", SLUG).values() if m.string] == ["Prospects & Perspectives"]

    run = diglot(archive, "tmx", "import", str(exported))
    assert run.status == 0, run.err
    assert "translations/memory/en-zh_Hant.po" in run.out and "translations/memory/zh_Hant-en.po" in run.out
    after = catalog(archive, "zh_Hant", SLUG)
    assert {m.id: m.string for m in after.values()} == before
    assert not any(m.fuzzy for m in after.values())
    assert all(m.string for m in catalog(archive, "en", "editorial-note").values())


def test_tmx_import_refuses_what_check_refuses(archive, diglot, tmp_path):
    tmx = tmp_path / "bad.tmx"
    tmx.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>{UNCHANGED}</seg></tuv>
<tuv xml:lang="zh-TW"><seg>特朗普的斡旋外交顯得反覆無常。</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Some other paragraph.</seg></tuv><tuv xml:lang="zh-TW"><seg>另一段。</seg></tuv></tu>
</body></tmx>
""", encoding="utf-8")
    run = diglot(archive, "tmx", "import", str(tmx))
    assert run.status == 0
    assert f"{tmx}:4: error: " in run.err and "[mainland-terms]" in run.err
    memory = {m.id: m.string for m in read_po((archive / "translations/memory/en-zh_Hant.po").open("rb")) if m.id}
    assert memory == {"Some other paragraph.": "另一段。"}


@pytest.mark.parametrize("seg", ["另一段\u202e。", "另一段&#x202E;。", "另一段&amp;#27;。", "另一段\u200b。",
                                 "另一段&#x85;\x85。"])
def test_tmx_import_skips_hostile_characters(archive, diglot, tmp_path, seg):
    """A memory is a catalog: what diglot.files.controls refuses never enters one, and update still runs."""
    tmx = tmp_path / "bidi.tmx"
    tmx.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Some other paragraph.</seg></tuv><tuv xml:lang="zh-TW"><seg>{seg}</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>A third paragraph.</seg></tuv><tuv xml:lang="zh-TW"><seg>第三段。</seg></tuv></tu>
</body></tmx>
""", encoding="utf-8")
    run = diglot(archive, "tmx", "import", str(tmx))
    assert run.status == 0, run.err
    assert "1 skipped (control, bidirectional or invisible characters)" in run.out
    memory = {m.id: m.string for m in read_po((archive / "translations/memory/en-zh_Hant.po").open("rb")) if m.id}
    assert memory == {"A third paragraph.": "第三段。"}
    assert diglot(archive, "update").status == 0


@pytest.mark.parametrize("document, problem", [
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">]>\n<tmx version="1.4"><body/></tmx>',
     ":2: error: the file declares a DOCTYPE"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "file:///etc/passwd">\n<tmx version="1.4"><body/></tmx>',
     ":2: error: the file declares a DOCTYPE"),
    ('<tmx version="1.4"><body><tu>&xxe;</tu></body></tmx>', ":1: error: not well-formed XML"),
    ('<tmx version="1.4"><body>', ":1: error: not well-formed XML"),
    ('<html><body/></html>', ":1: error: not a TMX document"),
])
def test_tmx_import_treats_the_file_as_untrusted(archive, diglot, tmp_path, document, problem):
    tmx = tmp_path / "evil.tmx"
    tmx.write_text(document, encoding="utf-8")
    before = snapshot(archive)
    run = diglot(archive, "tmx", "import", str(tmx))
    assert run.status == 2 and run.err.startswith(f"{tmx}{problem}"), run.err
    assert len(run.err.strip().splitlines()) == 1
    assert snapshot(archive) == before


def test_tmx_export_writes_only_inside_the_project_outputs(archive, diglot, tmp_path):
    run = diglot(archive, "tmx", "export", "--output", str(tmp_path / "elsewhere.tmx"))
    assert run.status == 2 and "writes only inside build/ and translations/" in run.err
    assert not (tmp_path / "elsewhere.tmx").exists()


def test_only_a_catalog_with_something_to_fill_reads_the_memory():
    from diglot.catalogs.memory import needs_memory

    header = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    done = header + b'msgid "One"\nmsgstr "\xe4\xb8\x80"\n\nmsgctxt "heading"\nmsgid "Two"\nmsgstr ""\n"\xe4\xba\x8c"\n'
    keys = {(None, "One"), ("heading", "Two")}
    assert not needs_memory(done, keys)
    assert needs_memory(done, keys | {(None, "Three")})  # a new or changed message
    assert needs_memory(done.replace(b'msgstr "\xe4\xb8\x80"', b'msgstr ""'), keys)  # untranslated
    assert needs_memory(done.replace(b'msgid "One"', b'#, fuzzy\nmsgid "One"'), keys)
    assert not needs_memory(done + b'\n#~ msgid "Gone"\n#~ msgstr ""\n', keys)  # obsolete: nothing to fill
