"""Hostile characters: control characters, bidirectional controls and invisible characters are refused in
sources (front matter and body) and in catalogs of every language, in every spelling (raw, YAML escapes,
PO escapes, HTML character references), by update, check, status, receive and the build alike: one
``path:line`` error naming the character, exit 2, nothing written (``helpers.run_case``), build/ as it was.
"""

from __future__ import annotations

import re

import pytest

from diglot.files import controls
from helpers import ARTICLE, EB, NOTE, Arena, run_case, tree

HTML = ["build", "--format", "html"]
COMMANDS = {"update": ["update"], "check": ["check"], "build": HTML}
HOUSE_NOTE_EN = "translations/en/LC_MESSAGES/house-note.po"

# (spelling in a Markdown source or a msgstr, the character it stands for)
HOSTILE = {
    "esc": ("\x1b[2J", "\x1b"),
    "bel": ("ring\x07", "\x07"),
    "c1-csi": ("x\x9by", "\x9b"),
    "del": ("x\x7fy", "\x7f"),
    "rlo": ("abc\u202edef", "\u202e"),
    "lri": ("x\u2066y\u2069", "\u2066"),
    "rlm": ("x\u200fy", "\u200f"),
    "alm": ("x\u061cy", "\u061c"),
    "zwsp": ("wo\u200brd", "\u200b"),
    "zwj": ("x\u200dy", "\u200d"),
    "word-joiner": ("x\u2060y", "\u2060"),
    "bom-inside": ("x\ufeffy", "\ufeff"),
    "tag-character": ("x\U000e0041y", "\U000e0041"),
    "ref-hex-rlo": ("x &#x202E; y", "\u202e"),
    "ref-hex-lower": ("x &#x202e; y", "\u202e"),
    "ref-decimal-rlo": ("x &#8238; y", "\u202e"),
    "ref-esc": ("x &#27;[2J", "\x1b"),
    "ref-esc-hex": ("x &#x1B;[2J", "\x1b"),
    "ref-padded": ("x &#x000000202E; y", "\u202e"),
    "ref-no-semicolon": ("x &#8238 y", "\u202e"),
    "named-rlm": ("x &rlm; y", "\u200f"),
    "named-lrm": ("x &lrm; y", "\u200e"),
    "named-zwsp": ("x &ZeroWidthSpace; y", "\u200b"),
    "named-zwj": ("x &zwj; y", "\u200d"),
    "ref-c1-undefined": ("x &#x81; y", "\x81"),
}
# Spellings only a catalog has: PO escapes, which msgmerge and msgfmt decode.
PO_ESCAPES = {
    "octal-esc": ("x \\033[2J", "\x1b"),
    "hex-esc": ("x \\x1b[2J", "\x1b"),
    "bell-letter": ("ring\\a", "\x07"),
    "backspace-letter": ("x\\by", "\b"),
    "form-feed-letter": ("x\\fy", "\f"),
    "vertical-tab-letter": ("x\\vy", "\v"),
    "carriage-return-letter": ("x\\ry", "\r"),
    "octal-bytes-of-rlo": ("x \\342\\200\\256 y", ""),
    "hex-bytes-of-zwsp": ("x \\xe2\\x80\\x8b y", ""),
    "escaped-backslash-then-esc": ("x \\\\\\033 y", "\x1b"),
}
# Front-matter spellings: YAML escapes in double-quoted values.
YAML_ESCAPES = {
    "yaml-e": ('"A \\e[2J title"', "\x1b"),
    "yaml-x": ('"A \\x07 title"', "\x07"),
    "yaml-u": ('"A \\u202e title"', "\u202e"),
    "yaml-U": ('"A \\U000e0041 title"', "\U000e0041"),
    "yaml-line-separator": ('"A \\L title"', "\u2028"),
    "yaml-nel": ('"A \\N title"', "\x85"),
    "yaml-zero": ('"A \\0 title"', "\x00"),
}


def _code(char: str) -> str:
    """The words naming ``char`` in the error ("" for an escaped byte)."""
    return f"U+{ord(char):04X}" if char else "holds the escaped byte"


def _po_string(text: str) -> str:
    """``text`` as a PO string literal's content: quotes and backslashes escaped, the rest raw."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


SOME = ["esc", "rlo", "zwsp", "ref-hex-rlo", "named-rlm"]  # what every command is tried with
EVERY = [(case, "build") for case in HOSTILE] + [(case, command) for case in SOME for command in ("update", "check")]


@pytest.mark.parametrize(("case", "command"), EVERY)
def test_a_hostile_character_in_an_article_body_is_refused(arena, capsys, case, command):
    text, char = HOSTILE[case]
    arena.edit(ARTICLE, "A tight item", f"A tight {text} item")
    line = arena.line_of(ARTICLE, "- A tight ")
    before = tree(arena.root / "build"), tree(arena.root / "translations")
    run_case(arena, capsys, COMMANDS[command], 2, f"{ARTICLE}:{line}", _code(char))
    assert (tree(arena.root / "build"), tree(arena.root / "translations")) == before


@pytest.mark.parametrize("case", SOME)
def test_a_hostile_character_in_a_chinese_source_is_refused(arena, capsys, case):
    """The editorial note is written in Chinese: the rule is the same in every language."""
    text, char = HOSTILE[case]
    path = arena.path(NOTE)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n編按{text}。\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").split("\n")) - 1
    run_case(arena, capsys, HTML, 2, f"{NOTE}:{line}", _code(char))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", ["esc", "bel", "rlo", "zwsp", "ref-hex-rlo", "ref-esc", "named-zwsp"])
def test_a_hostile_character_in_front_matter_is_refused(arena, capsys, case, command):
    text, char = HOSTILE[case]
    arena.edit(ARTICLE, "subtitle: A fixture for segmentation", f"subtitle: A fixture {text}")
    run_case(arena, capsys, COMMANDS[command], 2, f"{ARTICLE}:{arena.line_of(ARTICLE, 'subtitle:')}", _code(char))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", YAML_ESCAPES)
def test_a_yaml_escape_of_a_hostile_character_is_refused(arena, capsys, case, command):
    value, char = YAML_ESCAPES[case]
    arena.edit(ARTICLE, "subtitle: A fixture for segmentation", f"subtitle: {value}")
    run_case(arena, capsys, COMMANDS[command], 2, f"{ARTICLE}:{arena.line_of(ARTICLE, 'subtitle:')}",
             f"subtitle holds {_code(char)}")


CATALOG_COMMANDS = {**COMMANDS, "status": ["status"]}
TRANSLATED = {"zh_Hant": EB, "en": HOUSE_NOTE_EN}  # a catalog of each language


def _translate(arena: Arena, name: str, msgstr: str) -> int:
    """Give the first translated message of catalog ``name`` the msgstr ``msgstr`` (PO syntax); its line."""
    path = arena.path(name)
    text = path.read_text(encoding="utf-8")
    match = re.search(r'(?m)^msgstr "(?!")(.*)"$', text[text.index("\n\n"):])
    assert match, name
    start = text.index("\n\n") + match.start()
    path.write_text(text[:start] + f'msgstr "{msgstr}"' + text[start + len(match.group()):], encoding="utf-8")
    return text[:start].count("\n") + 1


EVERY_IN_CATALOGS = [(case, "check") for case in [*HOSTILE, *PO_ESCAPES]] + [
    (case, command) for case in [*SOME, "octal-esc", "octal-bytes-of-rlo"] for command in ("update", "status", "build")]


@pytest.mark.parametrize(("case", "command"), EVERY_IN_CATALOGS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_a_hostile_character_in_a_translation_is_refused(arena, capsys, case, language, command):
    text, char = HOSTILE[case] if case in HOSTILE else PO_ESCAPES[case]
    msgstr = _po_string(text) if case in HOSTILE else text
    name = TRANSLATED[language]
    line = _translate(arena, name, f"TRANSLATED {msgstr}")
    before = tree(arena.root / "build"), arena.path(name).read_bytes()
    run_case(arena, capsys, CATALOG_COMMANDS[command], 2, f"{name}:{line}", _code(char))
    assert (tree(arena.root / "build"), arena.path(name).read_bytes()) == before


@pytest.mark.parametrize("case", ["esc", "rlo", "zwsp", "ref-hex-rlo", "ref-esc", "named-rlm", "octal-esc",
                                  "hex-esc", "octal-bytes-of-rlo"])
def test_receive_refuses_a_hostile_character(arena, capsys, case):
    text, char = HOSTILE[case] if case in HOSTILE else PO_ESCAPES[case]
    incoming = arena.decoy / "every-block.po"
    incoming.write_bytes(arena.path(EB).read_bytes())
    msgstr = _po_string(text) if case in HOSTILE else text
    lines = incoming.read_text(encoding="utf-8").split("\n")
    at = lines.index('msgstr "A HEADING"')
    lines[at] = f'msgstr "A {msgstr} HEADING"'
    incoming.write_text("\n".join(lines), encoding="utf-8")
    before = tree(arena.root / "translations")
    run_case(arena, capsys, ["receive", str(incoming)], 2, f"{incoming}:{at + 1}", _code(char))
    assert tree(arena.root / "translations") == before


BENIGN = {  # text that looks close and is fine: it is built, and nothing hostile reaches build/
    "escaped-ampersand": "x &amp;#x202E; y",
    "tab": "x\ty",
    "soft-hyphen": "hy\u00adphen",
    "euro-by-windows-1252-reference": "x &#128; y",
    "ellipsis-by-windows-1252-reference": "x &#x85; y",
    "emoji-with-variation-selector": "x \u2764\ufe0f y",
    "ideographic-variation": "x \u8fbb\U000e0100 y",
    "right-to-left-text": "x \u05e9\u05dc\u05d5\u05dd y",
}


@pytest.mark.slow  # an update and a web build per case
@pytest.mark.parametrize("case", BENIGN)
def test_text_near_the_rule_is_published(arena, capsys, case):
    text = BENIGN[case]
    arena.edit(ARTICLE, "A tight item", f"A tight {text} item")
    run_case(arena, capsys, ["update"], 0, "", "update:")
    run_case(arena, capsys, HTML, 0, "", "build:")
    _nothing_hostile_in(arena)


def _nothing_hostile_in(arena: Arena) -> None:
    for path in arena.path("build/web").rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json", ".css", ".svg"):
            text = path.read_text(encoding="utf-8")
            hit = next(controls.find(text.replace("\r\n", "\n")), None)
            assert hit is None, (path, hit)


def test_the_built_sample_holds_nothing_hostile(arena):
    _nothing_hostile_in(arena)


@pytest.mark.parametrize(("text", "spelling"), [
    ("\x00", "\x00"), ("&#0;", "&#0;"), ("&#x0;", "&#x0;"), ("&#13;", "&#13;"), ("bare\rreturn", "\r"),
    ("&#x202E", "&#x202E"), ("&NoBreak;", "&NoBreak;"), ("&#x2029;", "&#x2029;"),
])
def test_every_spelling_is_found(text, spelling):
    assert [hit.spelling for hit in controls.find(text)] == [spelling]


@pytest.mark.parametrize("text", ["line\r\nend", "&amp;rlm;", "&#128;", "&#x1F600;", "&#99999999;", "x & y",
                                  "\u00ad", "tab\there", "中文（繁體）「引號」"])
def test_what_is_not_refused(text):
    assert list(controls.find(text)) == []


def test_po_escapes_are_read_as_gnu_gettext_reads_them():
    catalog = "\n".join([r'msgid "a"', r'msgstr "\\0 \\n \n \t \\\a"', r"# \0 in a comment", ""])
    assert [hit.spelling for hit in controls.find_in_catalog(catalog)] == ["\\a"]


@pytest.mark.parametrize("case", ["esc", "rlo", "zwsp", "ref-hex-rlo", "named-zwj"])
@pytest.mark.parametrize("command", [["check"], ["glossary", "--tbx"]])
def test_a_hostile_character_in_the_glossary_is_refused(arena, capsys, case, command):
    """Its terms reach check's findings and the TBX export's XML."""
    text, char = HOSTILE[case]
    glossary = arena.path("translations/glossary/zh_Hant.csv")
    glossary.parent.mkdir(exist_ok=True)
    glossary.write_text(f"source,target\nNATO,北約\nceasefire,停火{text}\n", encoding="utf-8")
    run_case(arena, capsys, command, 2, "translations/glossary/zh_Hant.csv:3", _code(char))
    assert not arena.path("translations/glossary/zh_Hant.tbx").exists()
