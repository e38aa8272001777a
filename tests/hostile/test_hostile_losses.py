"""Hostile input that used to cost translations while diglot said all was well: catalogs that GNU gettext
reads differently from how they look (bare carriage returns, NUL bytes in any spelling, a missing or
contradicting header), and an export aimed at a file diglot owns.

Each case runs on a copy of the built sample (``helpers.run_case``: status, one ``path:line`` line, no
traceback, nothing outside build/ and translations/ changed). The oracle of "nothing lost" is GNU msgfmt
itself: every catalog a case did not break still passes ``msgfmt --check``, and the translations msgfmt
compiles from it, read back by Python's own ``gettext``, are those it compiled before the case.
"""

from __future__ import annotations

import gettext
import subprocess
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from diglot.catalogs.domains import keeps_every_translation
from diglot.errors import DiglotError
from helpers import EB, SITE, Arena, msgfmt_line, run_case, tree

pytestmark = pytest.mark.slow  # the hostile arena: every spelling of a NUL or a bare CR through every command

HTML = ["build", "--format", "html"]
COMMANDS = {"update": ["update"], "status": ["status"], "check": ["check"], "build": HTML}
HEADING = b'msgstr "A HEADING"'


def compiled(path: Path) -> dict[object, object]:
    """The translations GNU msgfmt compiles from ``path`` (after ``--check``), read back by Python's
    ``gettext``: an oracle that shares no code with diglot or Babel."""
    with tempfile.TemporaryDirectory() as tmp:
        mo = Path(tmp) / "catalog.mo"
        result = subprocess.run(["msgfmt", "--check", "--output-file", str(mo), str(path)], capture_output=True,
                                text=True)
        assert result.returncode == 0, f"{path}: {result.stderr}"
        with mo.open("rb") as handle:
            return {key: value for key, value in gettext.GNUTranslations(handle)._catalog.items() if key != ""}


def catalogs(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted((root / "translations").glob("*/LC_MESSAGES/*.po"))}


class Ledger:
    """Every catalog's bytes and compiled translations before a case; :meth:`holds` asserts after it that
    the catalogs the case broke are byte for byte as they were, and every other one lost nothing."""

    def __init__(self, arena: Arena):
        self.root = arena.root
        self.before = {name: (path.read_bytes(), compiled(path)) for name, path in catalogs(self.root).items()}
        self.broken: dict[str, bytes] = {}

    def edit(self, name: str, change) -> bytes:
        """Break the catalog ``name`` with ``change`` (of its bytes); return the bytes it now holds."""
        path = self.root / name
        path.write_bytes(change(path.read_bytes()))
        self.broken[name] = path.read_bytes()
        return self.broken[name]

    def holds(self, broken: tuple[str, ...] = ()) -> None:
        after = catalogs(self.root)
        assert set(after) == set(self.before)
        for name, path in after.items():
            translations = self.before[name][1]
            if name in broken:
                assert path.read_bytes() == self.broken[name], f"{name} was rewritten"
            else:
                assert compiled(path) == translations, f"{name}: a translation was lost or changed"


def _line(data: bytes, marker: bytes) -> int:
    return data[: data.index(marker)].count(b"\n") + 1


# --- line ends --------------------------------------------------------------------------------------------

def _middle(data: bytes) -> bytes:
    half = data.index(b"\n\n", len(data) // 2)
    return data[:half] + data[half:].replace(b"\n", b"\r")


LINE_ENDS = {  # how to break the line ends, and the bytes the first bare CR follows
    "cr-only": (lambda d: d.replace(b"\n", b"\r"), b""),
    "cr-from-the-middle": (_middle, None),
    "cr-ending-one-entry": (lambda d: d.replace(HEADING + b"\n\n", HEADING + b"\r\r", 1), HEADING),
    "cr-inside-a-msgstr": (lambda d: d.replace(HEADING, b'msgstr "A\rHEADING"', 1), b'msgstr "A'),
    "cr-before-a-comment": (lambda d: d.replace(b"\n#. heading", b"\r#. heading", 1), None),
}


def _first_bare_cr_line(data: bytes) -> int:
    at = next(i for i, byte in enumerate(data) if byte == 13 and data[i + 1: i + 2] != b"\n")
    return data[:at].count(b"\n") + 1


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", LINE_ENDS)
def test_a_catalog_with_bare_carriage_returns_is_refused_not_rewritten(arena, capsys, case, command):
    """GNU msgfmt reads a CR-only catalog as one long comment: update used to write it back empty."""
    ledger = Ledger(arena)
    data = ledger.edit(EB, LINE_ENDS[case][0])
    run_case(arena, capsys, COMMANDS[command], 2, f"{EB}:{_first_bare_cr_line(data)}", "carriage return alone")
    ledger.holds(broken=(EB,))


@pytest.mark.parametrize("case", ["cr-only", "cr-inside-a-msgstr"])
def test_receive_refuses_bare_carriage_returns(arena, capsys, case):
    ledger = Ledger(arena)
    incoming = arena.decoy / "every-block.po"
    incoming.write_bytes(LINE_ENDS[case][0](arena.path(EB).read_bytes()))
    line = _first_bare_cr_line(incoming.read_bytes())
    run_case(arena, capsys, ["receive", str(incoming)], 2, f"{incoming}:{line}", "carriage return alone")
    ledger.holds()


def test_windows_line_ends_are_read_and_keep_every_translation(arena, capsys):
    """CRLF is a line end gettext reads: such a catalog is merged like any other."""
    ledger = Ledger(arena)
    ledger.edit(EB, lambda d: d.replace(b"\n", b"\r\n"))
    run_case(arena, capsys, ["update"], 0, "", "update:")
    ledger.holds()


# --- NUL, whatever its spelling -----------------------------------------------------------------------------

NULS = {
    "raw": b"A \x00 HEADING",
    "escape-0": b"A \\0 HEADING",
    "escape-00": b"A \\00 HEADING",
    "escape-000": b"A \\000 HEADING",
    "escape-x00": b"A \\x00 HEADING",
    "escape-x0": b"A \\x0 HEADING",
    "at-the-start": b"\\0A HEADING",
    "html-reference": b"A &#0; HEADING",
    "html-hex-reference": b"A &#x0000; HEADING",
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("spelling", NULS)
def test_a_nul_in_a_translation_is_refused_never_cut(arena, capsys, spelling, command):
    """msgmerge cuts a translation at a NUL, however it is written: the catalog is refused instead."""
    ledger = Ledger(arena)
    entry = b'msgstr "' + NULS[spelling] + b'"'
    data = ledger.edit(EB, lambda d: d.replace(HEADING, entry, 1))
    out = run_case(arena, capsys, COMMANDS[command], 2, f"{EB}:{_line(data, entry)}", "U+0000")
    assert "32/32" not in out and "29/29" not in out
    ledger.holds(broken=(EB,))


@pytest.mark.parametrize("where", ["plural-form", "obsolete", "msgctxt"])
def test_a_nul_anywhere_in_a_catalog_is_refused(arena, capsys, where):
    ledger = Ledger(arena)
    if where == "plural-form":
        data = ledger.edit(SITE, lambda d: d.replace(b'msgstr[0] "%(num)s PAGE', b'msgstr[0] "%(num)s \\0PAGE', 1))
        name, line = SITE, _line(data, b'msgstr[0] "%(num)s \\0')
    elif where == "obsolete":
        data = ledger.edit(EB, lambda d: d.rstrip(b"\n") + b'\n\n#~ msgid "Gone"\n#~ msgstr "GO\\x00NE"\n')
        name, line = EB, _line(data, b'#~ msgstr "GO')
    else:
        data = ledger.edit(EB, lambda d: d.replace(b'msgid "A Heading"', b'msgctxt "x\\000"\nmsgid "A Heading"', 1))
        name, line = EB, _line(data, b'msgctxt "x')
    run_case(arena, capsys, ["update"], 2, f"{name}:{line}", "U+0000")
    ledger.holds(broken=(name,))


@pytest.mark.parametrize("spelling", ["raw", "escape-0", "escape-x00", "escape-000"])
def test_receive_refuses_a_nul(arena, capsys, spelling):
    ledger = Ledger(arena)
    incoming = arena.decoy / "every-block.po"
    incoming.write_bytes(arena.path(EB).read_bytes().replace(HEADING, b'msgstr "' + NULS[spelling] + b'"', 1))
    line = _line(incoming.read_bytes(), b'msgstr "' + NULS[spelling])
    run_case(arena, capsys, ["receive", str(incoming)], 2, f"{incoming}:{line}", "U+0000")
    ledger.holds()


# --- headers ------------------------------------------------------------------------------------------------

def _without_header(data: bytes) -> bytes:
    start = data.index(b'msgid ""')
    return data[:start] + data[data.index(b"\n\n", start) + 2:]


def _full_plural(data: bytes) -> bytes:
    data = data.replace(b"nplurals=1; plural=0;", b"nplurals=2; plural=(n != 1);")
    return data.replace(b'msgstr[0] "%(num)s PAGE, %(size)s KB"',
                        b'msgstr[0] "%(num)s PAGE, %(size)s KB"\nmsgstr[1] "%(num)s PAGES, %(size)s KB"')


HEADERS = {  # how to break the header, the marker of the line named, the words
    "no-header": (_without_header, None, "no valid header entry"),
    "simplified-chinese": (lambda d: d.replace(b"Language: zh_Hant", b"Language: zh_CN"), b'"Language:',
                           "Language: 'zh_CN'"),
    "english": (lambda d: d.replace(b"Language: zh_Hant", b"Language: en"), b'"Language:', "Language: 'en'"),
    "two-plural-forms": (lambda d: d.replace(b"nplurals=1; plural=0;", b"nplurals=2; plural=(n != 1);"),
                         "msgfmt", "some messages have only one plural form"),
    "two-complete-plural-forms": (lambda d: _full_plural(d), b'"Plural-Forms:', "nplurals=2, but zh_Hant has 1"),
}


def _named_line(path: Path, marker: bytes | str | None) -> int:
    """The line a refused header is named by: msgfmt's (the oracle), the marker's, or the first."""
    if marker == "msgfmt":
        return msgfmt_line(path, "--check-header")
    return _line(path.read_bytes(), marker) if isinstance(marker, bytes) else 1


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", HEADERS)
def test_a_repository_catalog_with_a_wrong_header_is_refused(arena, capsys, case, command):
    ledger = Ledger(arena)
    change, marker, words = HEADERS[case]
    name = SITE if "plural" in case else EB  # the site catalog has a plural message
    ledger.edit(name, change)
    line = _named_line(arena.path(name), marker)
    run_case(arena, capsys, COMMANDS[command], 2, f"{name}:{line}", words)
    ledger.holds(broken=(name,))


RECEIVED_HEADERS = {  # an incoming site catalog: how it is made, the marker of the line named, the words
    "one-form-of-two": (HEADERS["two-plural-forms"][0], "msgfmt", "some messages have only one plural"),
    "two-forms-of-two": (_full_plural, b'"Plural-Forms:', "nplurals=2, but zh_Hant has 1"),
    "simplified-chinese": (HEADERS["simplified-chinese"][0], b'"Language:', "Language: 'zh_CN'"),
    "no-header": (_without_header, None, "no valid header entry"),
}


@pytest.mark.parametrize("case", RECEIVED_HEADERS)
def test_receive_never_changes_the_language_or_plural_forms(arena, capsys, case):
    """A received catalog whose header contradicts the language is refused; the repository's header stays."""
    ledger = Ledger(arena)
    change, marker, words = RECEIVED_HEADERS[case]
    incoming = arena.decoy / "site.po"
    incoming.write_bytes(change(arena.path(SITE).read_bytes()))
    line = _named_line(incoming, marker)
    run_case(arena, capsys, ["receive", str(incoming), "--language", "zh_Hant"], 2, f"{incoming}:{line}", words)
    ledger.holds()


@pytest.mark.parametrize("said", ["zh_TW", "zh-Hant", "zh_HK", "zh_hant"])
def test_a_language_named_another_way_is_the_same_language(arena, capsys, said):
    """Poedit writes zh_TW for Traditional Chinese: a catalog of the zh_Hant folder may say so."""
    ledger = Ledger(arena)
    ledger.edit(EB, lambda d: d.replace(b"Language: zh_Hant", b"Language: " + said.encode()))
    run_case(arena, capsys, ["check"], 0, "", "check:")
    incoming = arena.decoy / "site.po"
    incoming.write_bytes(arena.path(SITE).read_bytes().replace(b"Language: zh_Hant", b"Language: " + said.encode()))
    run_case(arena, capsys, ["receive", str(incoming), "--language", "zh_Hant"], 0, "", "merged into")
    assert ("Language", "zh_Hant") in read_po(arena.path(SITE).open("rb")).mime_headers


def test_a_received_catalog_without_language_keeps_the_repository_header(arena, capsys):
    """A translator's tool may leave Language and Plural-Forms out: the repository's stay as they were."""
    site = arena.path(SITE)
    incoming = arena.decoy / "site.po"
    lines = [line for line in site.read_bytes().split(b"\n") if not line.startswith((b'"Language:', b'"Last-'))]
    incoming.write_bytes(b"\n".join(lines).replace(b'msgstr "SAMPLE FOUNDATION"', b'msgstr "THE FOUNDATION"'))
    run_case(arena, capsys, ["receive", str(incoming), "--language", "zh_Hant"], 0, "", "merged into")
    header = read_po(site.open("rb")).mime_headers
    assert ("Language", "zh_Hant") in header and ("Plural-Forms", "nplurals=1; plural=0;") in header
    assert compiled(site)["Sample Foundation"] == "THE FOUNDATION"


# --- an export never replaces what diglot owns --------------------------------------------------------------

OWNED = [EB, SITE, "translations/templates/every-block.pot", "translations/en/LC_MESSAGES/house-note.po",
         "translations/glossary/zh_Hant.csv", "translations/memory/en-zh_Hant.po", "build/.diglot-manifest.json",
         "build/.diglot-stamp.json", "build/web/index.html", "build/web/zh-Hant/every-block.html",
         "build/web/memory.tmx", "build/review/memory.tmx", "build/.diglot-memory.tmx"]


@pytest.mark.parametrize("output", OWNED)
def test_an_export_never_replaces_a_file_diglot_owns(arena, capsys, output):
    ledger = Ledger(arena)
    path = arena.path(output)
    if not path.exists() and not output.endswith(".tmx"):  # the sample has no glossary nor memory: make one
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(arena.path(EB).read_bytes() if output.endswith(".po") else "en,zh_Hant\nNATO,北約\n".encode())
    existed = path.read_bytes() if path.exists() else None
    before = tree(arena.root / "translations"), tree(arena.root / "build")
    run_case(arena, capsys, ["tmx", "export", "--output", output], 2, output, "")
    assert (path.read_bytes() if path.exists() else None) == existed
    assert (tree(arena.root / "translations"), tree(arena.root / "build")) == before
    ledger.holds()


@pytest.mark.parametrize("output", ["build/memory.tmx", "translations/memory.tmx", "build/exports/all.TMX"])
def test_an_export_to_a_file_of_its_own_is_written(arena, capsys, output):
    run_case(arena, capsys, ["tmx", "export", "--output", output], 0, "", "translation unit(s)")
    assert arena.path(output).read_bytes().startswith(b"<?xml")


# --- the last guard ------------------------------------------------------------------------------------------

def test_a_merge_that_would_lose_a_translation_is_refused(arena):
    """Whatever a tool does, a catalog holding fewer translations than it read is never written."""
    old = read_po(arena.path(EB).open("rb"))
    data = arena.path(EB).read_bytes()
    keeps_every_translation(old, data, Path(EB))  # itself: nothing lost
    moved = data.replace(b'msgid "A Heading"\nmsgstr "A HEADING"', b'#~ msgid "A Heading"\n#~ msgstr "A HEADING"')
    keeps_every_translation(old, moved, Path(EB))  # made obsolete: kept
    fuzzy = data.replace(b'msgid "A Heading"', b'#, fuzzy\nmsgid "A Heading"')
    keeps_every_translation(old, fuzzy, Path(EB))  # made fuzzy: kept
    with pytest.raises(DiglotError, match="would lose 1 translation"):
        keeps_every_translation(old, data.replace(HEADING, b'msgstr "A "'), Path(EB))
    with pytest.raises(DiglotError, match="would lose 1 translation"):
        keeps_every_translation(old, data.replace(HEADING, b'msgstr ""'), Path(EB))
