"""Characters no text of the publication may hold, however they are spelt: control characters,
bidirectional controls and invisible format characters.

A control character (ESC, BEL, NUL, the C1 range) breaks the feed's XML, the PDF renderer and a reader's
terminal; a bidirectional override (U+202E) or isolate reorders what a reader sees against what the
text says (the "Trojan Source" trick); a zero-width character hides inside a word, a search or a link.
None has a use in an article, in either language. They are refused wherever text enters: the sources
(front matter and body, :mod:`diglot.sources.documents`) and every catalog, the repository's and a received one
(:func:`diglot.catalogs.pofile.readable`), so that ``check``, ``receive``, ``update`` and the build refuse the
same text in the same words: ``path:line``, exit status 2.

A character counts in every spelling that reaches an edition: raw, as an HTML character reference
(``&#x202E;``, ``&#27;``, ``&rlm;``), which Markdown passes through and browsers decode; in a catalog as
a PO escape (``\\033``, ``\\x1b``, ``\\a``), which msgmerge and msgfmt decode; in front matter as a YAML
escape (``"\\e"``, ``"\\u202e"``), which the YAML reader decodes (:func:`refuse_in_value`). Tab and line
feed are text; a carriage return only ends a line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from diglot.errors import DiglotError

# What each refused range is, in the words of the message.
_KINDS = (
    ("control character", "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"),
    ("bidirectional control", "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"),
    ("invisible character", "\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
                            "\U000e0001\U000e0020-\U000e007f"),
)
FORBIDDEN = re.compile("[" + "".join(chars for _, chars in _KINDS) + "]")
_RAW = re.compile("\r|" + FORBIDDEN.pattern)  # raw in a file, a carriage return may only end a line
# An HTML character reference, numeric or named (``&lrm`` without the semicolon is not one: browsers
# decode only a few legacy names that way, and none of them is refused here).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,12}|#[xX][0-9A-Fa-f]{1,12}|[A-Za-z][A-Za-z0-9]{1,40});?")
# A PO escape as GNU gettext reads one: octal, hex, or a backslash and one character.
_PO_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.S)
_PO_LETTERS = {"a": 7, "b": 8, "f": 12, "v": 11, "r": 13}
# The lines of a PO file that hold strings: a keyword or a continuation, live, obsolete or previous.
_PO_STRING_LINE = re.compile(r"^(?:#[~|]\s*)*(?:msg\w*(?:\[\d+\])?\s*)?\"")


class Found(NamedTuple):
    """A refused character: where its spelling starts in the text, the character (empty for an escaped
    byte, which may be part of any character), how it was written."""

    offset: int
    char: str
    spelling: str


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control`` and the like."""
    code = ord(char)
    kind = next((kind for kind, chars in _KINDS if re.match(f"[{chars}]", char)), "control character")
    name = unicodedata.name(char, "")
    article = "an" if kind[0] in "aeiou" else "a"
    return f"U+{code:04X} {name}, {article} {kind}" if name else f"U+{code:04X}, {article} {kind}"


def find(text: str) -> Iterator[Found]:
    """Every refused character of ``text``, raw (a bare carriage return counts: only the file reader
    may end lines with one) or as an HTML character reference, in the order they occur."""
    hits = _raw(text)
    if "&" in text:
        hits += [hit for at in _ampersands(text) if (hit := _reference_at(text, at)) is not None]
    return iter(sorted(hits))


def _raw(text: str) -> list[Found]:
    return [Found(m.start(), m.group(), m.group()) for m in _RAW.finditer(text)
            if m.group() != "\r" or not text.startswith("\n", m.end())]


def _ampersands(text: str) -> Iterator[int]:
    at = text.find("&")
    while at >= 0:
        yield at
        at = text.find("&", at + 1)


def _reference_at(text: str, at: int) -> Found | None:
    """The refused character an HTML character reference at ``at`` stands for, if it is one."""
    match = _REFERENCE.match(text, at)
    if match is None:
        return None
    char = _referenced(match.group())
    return Found(at, char, match.group()) if len(char) == 1 and (char == "\r" or FORBIDDEN.match(char)) else None


def _referenced(reference: str) -> str:
    """What a browser reads a character reference as. ``html.unescape`` drops references to control
    characters, which browsers decode (and the C1 range as Windows-1252, as both do)."""
    if not reference.startswith("&#"):
        return html.unescape(reference)
    digits = reference[2:].rstrip(";")
    code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", "ignore") or chr(code)
    return chr(code) if code <= 0x10FFFF else ""


def find_in_catalog(text: str) -> Iterator[Found]:
    """Every refused character of a PO file's text: raw anywhere, and as a PO escape or an HTML character
    reference inside its strings. A numeric escape of a byte above 0x7F counts too: escaped bytes can
    spell any character, U+202E among them."""
    hits = _raw(text)
    for match in re.finditer(r"[\\&]", text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        line = text[start: len(text) if end < 0 else end]
        if not _PO_STRING_LINE.match(line):
            continue
        if match.group() == "&":
            hit = _reference_at(text, match.start())
            if hit is not None:
                hits.append(hit)
        elif not _escaped(text, match.start()):
            escape = _PO_ESCAPE.match(text, match.start())
            value = _escape_value(escape) if escape else None
            if escape and value is not None and value >= 0x80:  # a byte of a character: which, unknown
                hits.append(Found(match.start(), "", escape.group()))
            elif escape and value is not None and (value == 13 or FORBIDDEN.match(chr(value))):
                hits.append(Found(match.start(), chr(value), escape.group()))
    return iter(sorted(hits))


def _escaped(text: str, at: int) -> bool:
    """Whether the backslash at ``at`` is itself escaped (preceded by an odd run of backslashes)."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _escape_value(escape: re.Match[str]) -> int | None:
    octal, hexadecimal, letter = escape.groups()
    if octal:
        return int(octal, 8) & 0xFF
    if hexadecimal:
        return int(hexadecimal[:8], 16)
    return _PO_LETTERS.get(letter)


def refuse(found: Iterator[Found], text: str, shown: Path | str, first_line: int = 1) -> None:
    """Raise DiglotError for the first of ``found`` in ``text`` (which starts on file line ``first_line``)."""
    hit = next(found, None)
    if hit is not None:
        line = first_line + text.count("\n", 0, hit.offset)
        raise error(shown, line, hit)


def error(shown: Path | str, line: int | None, hit: Found, what: str = "") -> DiglotError:
    """The bad input ``hit`` stands for (in the field or setting ``what``, if one is named)."""
    if not hit.char:
        return DiglotError(shown, line, f"holds the escaped byte {hit.spelling!r}: escaped bytes can spell any "
                           "character, invisible ones among them", "write the character itself, or delete it")
    written = "" if hit.spelling == hit.char else f" written {hit.spelling!r}"
    subject = f"{what} holds" if what else "holds"
    return DiglotError(shown, line, f"{subject} {describe(hit.char)}{written}",
                       "delete it: no text of the publication may hold control, bidirectional or "
                       "invisible characters")


def refuse_in_text(text: str, shown: Path | str, first_line: int = 1) -> None:
    """Raise DiglotError naming the line of the first refused character of a source's ``text``."""
    refuse(find(text), text, shown, first_line)


def refuse_in_catalog(text: str, shown: Path | str) -> None:
    """Raise DiglotError naming the line of the first refused character of a PO file's ``text``."""
    refuse(find_in_catalog(text), text, shown)


def refuse_in_value(value: str, shown: Path | str, line: int | None, what: str) -> None:
    """Raise DiglotError if the decoded value of ``what`` (a front-matter field, a setting) holds a refused
    character: what an escape of the file's own syntax (YAML's ``"\\e"``, TOML's ``"\\u202e"``) became."""
    hit = next(find(value), None)
    if hit is not None:
        raise error(shown, line, hit, what)
