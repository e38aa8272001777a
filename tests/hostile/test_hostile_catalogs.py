"""Hostile input, the catalogs: read as strictly as GNU msgfmt by every command, the site's placeholders
checked, the links and pictures a translation adds withheld, and ``receive`` safe whatever it is handed.

Each case asserts the exit status, the ``path:line`` line, no traceback, and that neither the decoy tree
beside the project nor anything outside build/ and translations/ changed (``helpers.run_case``). A
rejected catalog leaves translations/ and build/ as they were too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import EB, SITE, Arena, msgfmt_line, run_case, translate_catalog, tree

pytestmark = pytest.mark.slow  # the hostile arena: every bad catalog through every command, builds included

HTML = ["build", "--format", "html"]
COMMANDS = {"build": HTML, "check": ["check"], "status": ["status"], "update": ["update"]}
ENTRY = 'msgid "A Heading"\nmsgstr "A HEADING"'


def _swap(old: str, new: str):
    def swap(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return swap


def _charset(name: str):
    return lambda text: re.sub(r"(?i)charset=utf-8", f"charset={name}", text, count=1)


# A broken catalog: how to break it, and whether msgfmt is the oracle of the line (else: the words say).
BROKEN = {
    "unterminated-string": _swap('msgstr "A HEADING"', 'msgstr "A HEADING'),
    "stray-plural-form": _swap('msgstr "A HEADING"', 'msgstr[0] "A HEADING"'),
    "bad-escape": _swap('msgstr "A HEADING"', 'msgstr "A \\q HEADING"'),
    "duplicate-msgid": _swap(ENTRY, ENTRY + '\n\nmsgid "A Heading"\nmsgstr "TWICE"'),
    "unknown-keyword": _swap('msgstr "A HEADING"', 'msgstring "A HEADING"'),
    "stray-msgid-plural": _swap('msgstr "A HEADING"', 'msgid_plural "x"\nmsgstr "A HEADING"'),
    "truncated": lambda text: text[: text.index('msgstr "A HEADING"') + 12],
    "orphan-continuation": _swap('msgstr "A HEADING"', 'msgstr "A HEADING"\n"and more'),
    "msgstr-without-msgid": _swap(ENTRY, 'msgstr "A HEADING"'),
}
# Problems diglot itself finds, with the words of its message.
REFUSED = {
    "charset-latin1": (_charset("ISO-8859-1"), "charset=", "not UTF-8"),
    "charset-unknown": (_charset("NO-SUCH-CHARSET"), "charset=", "not UTF-8"),
    "charset-big5": (_charset("BIG5"), "charset=", "not UTF-8"),
    "conflict-markers": (_swap(ENTRY, "<<<<<<< HEAD\n" + ENTRY + "\n=======\n>>>>>>> theirs"), "<<<<<<<",
                         "conflict marker"),
}


def _break(arena: Arena, breaking) -> Path:
    path = arena.path(EB)
    path.write_text(breaking(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("broken", BROKEN)
def test_a_catalog_msgfmt_rejects_is_rejected_by_every_command(arena, capsys, broken, command):
    path = _break(arena, BROKEN[broken])
    before = tree(arena.root / "translations"), tree(arena.root / "build")
    run_case(arena, capsys, COMMANDS[command], 2, f"{EB}:{msgfmt_line(path)}", "invalid PO syntax")
    assert (tree(arena.root / "translations"), tree(arena.root / "build")) == before


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("refused", REFUSED)
def test_a_catalog_diglot_refuses_is_refused_by_every_command(arena, capsys, refused, command):
    breaking, marker, words = REFUSED[refused]
    _break(arena, breaking)
    before = tree(arena.root / "translations"), tree(arena.root / "build")
    run_case(arena, capsys, COMMANDS[command], 2, f"{EB}:{_line_with(arena, marker)}", words)
    assert (tree(arena.root / "translations"), tree(arena.root / "build")) == before


def _line_with(arena: Arena, text: str) -> int:
    lines = arena.path(EB).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("name", "data", "line", "words"), [
    ("latin-1-bytes", "Ä".encode("latin-1"), "inject", "not UTF-8"),
    ("byte-order-mark", b"\xef\xbb\xbf", 1, "byte-order mark"),
    ("binary", bytes(range(256)) * 4, 2, "not UTF-8"),  # the first bad byte follows the first newline
])
def test_a_catalog_that_is_not_utf8_text_is_refused(arena, capsys, command, name, data, line, words):
    path = arena.path(EB)
    text = path.read_bytes()
    if line == "inject":
        at = text.index(b"A HEADING")
        path.write_bytes(text[:at] + data + text[at:])
        line = text[:at].count(b"\n") + 1
    else:
        path.write_bytes(data + text)
    run_case(arena, capsys, COMMANDS[command], 2, f"{EB}:{line}", words)


@pytest.mark.parametrize("command", ["check", "status", "update"])
def test_a_huge_catalog_is_refused_before_it_is_read(arena, capsys, command):
    path = arena.path(EB)
    path.write_bytes(path.read_bytes() + b"# padding\n" * 300_000)  # 3 MB: over the 2 MB default
    run_case(arena, capsys, [command], 2, EB, "larger than the limit of 2 MB")


# Site translations whose placeholders are not the msgid's: (msgid, translation, words of the finding).
PLACEHOLDERS = {
    "unknown-name": ("No. %(number)s", "第%(num)s期", "%(num)s is not in the source"),
    "other-type": ("No. %(number)s", "第%(number)d期", "%(number)d is not in the source"),
    "width": ("No. %(number)s", "第%(number)5s期", "width, precision or flag"),
    "precision": ("By %(author)s", "%(author).3s 著", "width, precision or flag"),
    "stray-percent": ("By %(author)s", "%(author)s 著 100%", "write %% for a percent sign"),
    "repr-type": ("Published %(date)s", "%(date)r 出版", "not a placeholder"),
    "no-type": ("Published %(date)s", "%(date)出版", "not a placeholder"),
    "positional-for-named": ("By %(author)s", "%s 著", "%(author)s of the source is missing"),
    "mixed": ("By %(author)s", "%(author)s %s 著", "mixed"),
    "dropped": ("Published %(date)s", "出版", "%(date)s of the source is missing"),
    "jinja": ("Back to top", "{{ config }}", "template syntax"),
    "backlink-braces": ("Jump back to footnote %d in the text", "回到第 {0} 個註腳", "positional placeholders"),
    "backlink-twice": ("Jump back to footnote %d in the text", "%d %d", "positional placeholders"),
}


def _translate_site(arena: Arena, msgid: str, translation: str) -> int:
    """Give ``msgid`` of the site catalog ``translation``; return its msgid line."""
    translate_catalog(arena.path(SITE), lambda m: translation if m == msgid else m.upper())
    return arena.line_of(SITE, f'msgid "{msgid}"')


@pytest.mark.parametrize("bad", PLACEHOLDERS)
def test_check_reports_a_placeholder_the_msgid_lacks(arena, capsys, bad):
    msgid, translation, words = PLACEHOLDERS[bad]
    line = _translate_site(arena, msgid, translation)
    run_case(arena, capsys, ["check"], 1, f"{SITE}:{line}", words)


@pytest.mark.parametrize("bad", PLACEHOLDERS)
def test_the_build_withholds_a_bad_placeholder_and_says_so(arena, capsys, bad):
    msgid, translation, _ = PLACEHOLDERS[bad]
    line = _translate_site(arena, msgid, translation)
    run_case(arena, capsys, [*HTML, "--locale", "zh_Hant"], 0, f"{SITE}:{line}", "[placeholders]")
    page = arena.path("build/web/zh-Hant/every-block.html").read_text(encoding="utf-8")
    assert msgid.split("%")[0].strip() in page  # the source text stands in (the rest is in capitals)


@pytest.mark.parametrize("bad", ["unknown-name", "stray-percent", "jinja", "width"])
def test_receive_rejects_a_bad_placeholder(arena, capsys, bad):
    msgid, translation, words = PLACEHOLDERS[bad]
    incoming = arena.decoy / "site.po"
    incoming.write_bytes(arena.path(SITE).read_bytes())
    translate_catalog(incoming, lambda m: translation if m == msgid else m.upper())
    line = next(n for n, text in enumerate(incoming.read_text().split("\n"), 1) if text == f'msgid "{msgid}"')
    before = arena.path(SITE).read_bytes()
    decoy = tree(arena.decoy)
    run_case(arena, capsys, ["receive", str(incoming), "--language", "zh_Hant"], 1, f"{incoming}:{line}", words)
    assert arena.path(SITE).read_bytes() == before and tree(arena.decoy) == decoy


# What a translation may not add: (msgid, translation, rule).
FOREIGN = {
    "added-web-link": ("A tight item", "緊湊的一項，見[此處](https://elsewhere.example/)", "links"),
    "added-anchor": ("A tight item", "緊湊的一項[跳](#top)", "links"),
    "added-autolink": ("A tight item", "緊湊的一項 <https://elsewhere.example/>", "links"),
    "added-reference": ("A tight item", "緊湊的一項[見][ref]", "links"),
    "javascript-link": ("A tight item", "[一項](javascript:alert(1))", "links"),
    "entity-javascript": ("A tight item", "[一項](&#106;avascript:alert(1))", "links"),
    "added-image": ("A tight item", "一項 ![圖](../images/pixel.png)", "images"),
    "added-remote-image": ("A tight item", "一項 ![圖](https://tracker.example/p.gif)", "images"),
    "raw-html": ("A tight item", "<b>一項</b>", "html"),
    "attribute-list": ("A tight item", "一項\n{: .x onclick=alert(1) }", "html"),
    "nested-brackets": ("A tight item", "[" * 3000 + "一項" + "](x)" * 3000, "links"),
    "nested-emphasis": ("A tight item", "*一項 " * 3000 + "b" + "*" * 3000, "emphasis"),
}


def _translate_article(arena: Arena, msgid: str, translation: str) -> int:
    translate_catalog(arena.path(EB), lambda m: translation if m == msgid else m.upper())
    return arena.line_of(EB, f'msgid "{msgid}"')


@pytest.mark.parametrize("foreign", FOREIGN)
def test_the_build_withholds_what_check_reports_under_the_same_rule(arena, capsys, foreign):
    msgid, translation, rule = FOREIGN[foreign]
    line = _translate_article(arena, msgid, translation)
    out = run_case(arena, capsys, ["check"], 1, f"{EB}:{line}", f"[{rule}]")
    assert f"{EB}:{line}: error: " in out
    out = run_case(arena, capsys, [*HTML, "--locale", "zh_Hant"], 0, f"{EB}:{line}", f"[{rule}]")
    page = arena.path("build/web/zh-Hant/every-block.html").read_text(encoding="utf-8")
    assert "elsewhere.example" not in page and "tracker.example" not in page and "一項" not in page


RECEIVED = [
    ("missing", lambda a: a.decoy / "nowhere.po", "does not exist"),
    ("folder", lambda a: a.decoy / "dir", "is a folder"),
    ("fifo", lambda a: (os.mkfifo(a.decoy / "pipe.po"), a.decoy / "pipe.po")[1], "not a regular file"),
    ("dev-zero", lambda a: Path("/dev/zero"), "not a regular file"),
    ("dev-null", lambda a: Path("/dev/null"), "not a regular file"),
    ("link-to-dev-zero", lambda a: (os.symlink("/dev/zero", a.decoy / "zero.po"), a.decoy / "zero.po")[1],
     "not a regular file"),
    ("huge", lambda a: (a.decoy.joinpath("huge.po").write_bytes(b"#\n" * 1_500_000), a.decoy / "huge.po")[1],
     "larger than the limit"),
    ("empty", lambda a: (a.decoy.joinpath("every-block.po").write_bytes(b""), a.decoy / "every-block.po")[1],
     "holds no messages"),
    ("binary", lambda a: (a.decoy.joinpath("every-block.po").write_bytes(bytes(range(256))),
                          a.decoy / "every-block.po")[1], "not UTF-8"),
    ("not-a-catalog", lambda a: a.decoy / "secret.txt", "invalid PO syntax"),
]


@pytest.mark.parametrize(("make", "words"), [case[1:] for case in RECEIVED], ids=[case[0] for case in RECEIVED])
def test_receive_refuses_what_is_not_a_catalog_file(arena, capsys, make, words):
    incoming = make(arena)
    before = tree(arena.root / "translations")
    line = {"holds no messages": ":1", "not UTF-8": ":2", "invalid PO syntax": ":1"}.get(words, "")
    run_case(arena, capsys, ["receive", str(incoming), "--domain", "every-block", "--language", "zh_Hant"], 2,
             f"{incoming}{line}", words)
    assert tree(arena.root / "translations") == before


@pytest.mark.parametrize("broken", BROKEN)
def test_receive_rejects_what_msgfmt_rejects(arena, capsys, broken):
    incoming = arena.decoy / "every-block.po"
    incoming.write_text(BROKEN[broken](arena.path(EB).read_text(encoding="utf-8")), encoding="utf-8")
    before = tree(arena.root / "translations")
    run_case(arena, capsys, ["receive", str(incoming)], 2, f"{incoming}:{msgfmt_line(incoming)}", "invalid PO syntax")
    assert tree(arena.root / "translations") == before


def test_receive_refuses_a_catalog_declaring_another_charset(arena, capsys):
    incoming = arena.decoy / "every-block.po"
    incoming.write_text(_charset("ISO-8859-1")(arena.path(EB).read_text(encoding="utf-8")), encoding="utf-8")
    line = next(n for n, text in enumerate(incoming.read_text().split("\n"), 1) if "charset=" in text)
    run_case(arena, capsys, ["receive", str(incoming)], 2, f"{incoming}:{line}", "not UTF-8")


def test_a_charset_declaration_never_turns_translations_into_mojibake(arena, capsys):
    """The data loss the issue found: update rewrote a catalog declared ISO-8859-1 as mojibake."""
    _break(arena, _charset("ISO-8859-1"))
    arena.edit("source/articles/every-block.md", "## A Heading", "## A Changed Heading")
    before = arena.path(EB).read_bytes()
    run_case(arena, capsys, ["update"], 2, f"{EB}:{_line_with(arena, 'charset=')}", "not UTF-8")
    assert arena.path(EB).read_bytes() == before
