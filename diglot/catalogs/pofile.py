"""PO files as diglot reads and writes them: strictly read, and written so that the bytes depend on the
content alone."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, read_po, unescape, write_po

from diglot.catalogs.gettext_tools import require_tools
from diglot.catalogs.verdicts import Verdicts
from diglot.errors import DiglotError
from diglot.files import boundary, controls


class StableCatalog(Catalog):
    """A catalog diglot writes: its header names no tool version (Babel's ``Generated-By``), so the bytes
    depend on the sources alone, not on which Babel release wrote them."""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        headers = [(name, value) for name, value in Catalog.mime_headers.fget(self)  # type: ignore[attr-defined]
                   if name != "Generated-By"]
        # Babel ends the header with Generated-By's value, "Babel X\n"; the last header left ends it now.
        name, value = headers[-1]
        return [*headers[:-1], (name, value.rstrip("\n") + "\n")]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]


def catalog_bytes(catalog: Catalog) -> bytes:
    """A catalog as PO text, 79 columns wide as Babel wraps it (msgmerge rewraps the PO files it writes)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    return buffer.getvalue()


def read_catalog(path: Path, root: Path | None = None, verdicts: Verdicts | None = None, *,
                 state: bool = False) -> Catalog:
    """Read a PO file as strictly as GNU msgfmt does: a syntax error, a duplicate, a conflict marker, a bad
    encoding or a charset other than UTF-8 is bad input. ``root``: the project the file must lie in, whose
    msgfmt verdicts (diglot.catalogs.verdicts) spare msgfmt bytes it accepted before; ``verdicts``: those to
    keep this one's in (default: the project's, looked up only); ``state``: a catalog diglot writes itself
    (an imported memory), read within the state's size limit."""
    shown = display_path(path, root)
    if verdicts is None and root is not None:
        verdicts = Verdicts(root / "build")  # Config.build_dir
    data = boundary.read_bytes(path, outside=root is None, state=state)
    catalog = parse_catalog(data, shown, verdicts)
    language = _folder_language(path, root)
    if language is not None:
        check_header(catalog, data, shown, language)
    return catalog


def _folder_language(path: Path, root: Path | None) -> str | None:
    """The language a catalog of the project is for, by its folder: ``translations/<code>/LC_MESSAGES``."""
    if root is None or not path.is_relative_to(root / "translations"):
        return None
    parts = path.relative_to(root / "translations").parts
    return parts[0] if len(parts) == 3 and parts[1] == "LC_MESSAGES" and path.suffix == ".po" else None


def check_header(catalog: Catalog, data: bytes, shown: Path, language: str) -> None:
    """Raise DiglotError if the header of the ``language`` catalog ``shown`` (``data``, its bytes) names
    another language or another number of plural forms: another language's catalog in the wrong folder, or a
    Plural-Forms that msgmerge would carry into every merge, is refused before anything is written."""
    headers = dict(catalog.mime_headers)
    said = headers.get("Language", "").strip()
    if said and not same_language(said, language):
        raise DiglotError(shown, _header_line(data, "Language"), f"the header says Language: {said[:40]!r}, "
                          f"but the catalog is the {language} one", f"write Language: {language} in the header, "
                          "or move the file to its language's folder")
    if "Plural-Forms" not in headers:
        return
    try:
        expected = Catalog(locale=language).num_plurals
    except (ValueError, LookupError):  # not a language Babel knows: it is no language of the site either
        return
    if catalog.num_plurals != expected:
        raise DiglotError(shown, _header_line(data, "Plural-Forms"), f"the header's Plural-Forms says "
                          f"nplurals={catalog.num_plurals}, but {language} has {expected}",
                          f"write Plural-Forms: {Catalog(locale=language).plural_forms} in the header")


def same_language(said: str, code: str) -> bool:
    """Whether the Language header ``said`` names the language ``code``, as a translator's tool may write
    it: ``zh_TW`` or ``zh-Hant`` for ``zh_Hant``, ``en_US`` for ``en``; never ``zh_CN`` (another script)."""
    def language_and_script(tag: str) -> tuple[str, str | None]:
        locale = Locale.parse(tag.strip().replace("-", "_"))
        likely = get_global("likely_subtags").get(locale.language)
        return locale.language, locale.script or (Locale.parse(likely).script if likely else None)

    try:
        return language_and_script(said) == language_and_script(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return said.replace("-", "_").lower() == code.lower()


def _header_line(data: bytes, name: str) -> int:
    """The line of header field ``name``, or of the header entry where it has none."""
    found = re.search(rb'(?m)^"' + name.encode("ascii") + rb":", data) or re.search(rb'(?m)^msgid ""', data)
    return data.count(b"\n", 0, found.start()) + 1 if found else 1


_HEADER = re.compile(rb'(?m)^msgid ""\r?\nmsgstr ""\r?\n(?:"[^\n]*"\r?\n)*')


def header_field(data: bytes, name: str) -> str | None:
    """The value of the header field ``name`` of the PO text ``data``, as written, or None."""
    header = _HEADER.search(data)
    found = re.search(rb'(?m)^"' + re.escape(name.encode("ascii")) + rb': ?(.*?)\\n"\r?$', header.group()) \
        if header else None
    return found.group(1).decode("utf-8") if found else None


def with_header_field(data: bytes, name: str, value: str) -> bytes:
    """The PO text ``data`` with its header field ``name`` set to ``value`` (added at the header's end)."""
    header = _HEADER.search(data)
    if header is None:
        return data
    line = b'"' + f"{name}: {value}".encode().replace(b'"', b'\\"') + b'\\n"\n'
    block = header.group()
    field = re.search(rb'(?m)^"' + re.escape(name.encode("ascii")) + rb':.*\r?\n', block)
    block = block[:field.start()] + line + block[field.end():] if field else block + line
    return data[:header.start()] + block + data[header.end():]


def parse_catalog(data: bytes, shown: Path, verdicts: Verdicts | None = None) -> Catalog:
    """The catalog in ``data`` (the bytes of the PO file ``shown``), read strictly; msgfmt's verdict is
    looked up in, and kept in, ``verdicts`` (diglot.catalogs.verdicts)."""
    readable(data, shown)
    _declared_charset(data, shown)
    if verdicts is None or not verdicts.known(shown, data, "header"):
        _msgfmt_accepts(data, shown)
        if verdicts is not None:
            verdicts.remember(shown, data, "header")
    # Babel cannot parse the previous msgid of an obsolete entry (``#~|``), which GNU gettext writes;
    # it is of no use to diglot, so it is blanked, line for line, to keep the line numbers.
    data = re.sub(rb"(?m)^#~\|.*$", b"#", data)
    _unfolded_header(data, shown)
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        problem = re.sub(r" on \d+$", "", str(error.args[0]))
        raise DiglotError(shown, error.lineno + 1,  # Babel counts the lines of its errors from 0
                          f"invalid PO syntax: {problem}", _FIX) from None
    except (ValueError, LookupError, TypeError, AttributeError) as error:  # what Babel's header parsing lets through
        raise DiglotError(shown, 1, f"invalid PO header: {error}", _FIX) from None


_FIX = "fix the entry or take the file back from git"
_CONFLICT_MARKER = re.compile(rb"^(?:<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)", re.M)
_BARE_CR = re.compile(rb"\r(?!\n)")
_CHARSET = re.compile(rb"charset=([^\s\\\";]*)", re.I)


def readable_bytes(path: Path, shown: Path, *, state: bool = False) -> bytes:
    """The bytes of a catalog of the project that is UTF-8 and free of merge conflict markers (``state``:
    one diglot writes itself, as :func:`read_catalog`)."""
    data = boundary.read_bytes(path, state=state)
    readable(data, shown)
    return data


def readable(data: bytes, shown: Path) -> None:
    """Raise DiglotError unless ``data`` is UTF-8 text with LF or CRLF line ends, free of merge conflict
    markers and of the characters :mod:`diglot.files.controls` refuses, in any spelling."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise DiglotError(shown, 1, "starts with a byte-order mark (BOM)", "save the catalog as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(shown, line, "not UTF-8 text", "save the catalog as UTF-8 (Poedit does so)") from None
    marker = _CONFLICT_MARKER.search(data)
    if marker:
        raise DiglotError(shown, data.count(b"\n", 0, marker.start()) + 1, "unresolved merge conflict marker",
                          "keep one side of the conflict and delete the markers, then run diglot update")
    bare = _BARE_CR.search(data)
    if bare:  # GNU gettext ends lines at LF only: the rest of the file would be one comment, or garbage
        raise DiglotError(shown, data.count(b"\n", 0, bare.start()) + 1,
                          "a line ends in a carriage return alone (classic Mac OS line ends)",
                          "save the catalog with LF (Unix) line ends; Poedit does so")
    controls.refuse_in_catalog(text, shown)


def _declared_charset(data: bytes, shown: Path) -> None:
    """The header must declare UTF-8 (a POT may still say CHARSET): any other charset would make
    msgmerge convert, and every translation come back as mojibake."""
    header = re.search(rb'(?m)^msgid ""\n(?:msgstr ""\n)?(?:msgstr )?(?:"[^\n]*"\n)*', data)
    if header is None:
        return
    found = _CHARSET.search(header.group(0))
    if found is None:
        return
    charset = found.group(1).decode("utf-8", "replace")
    if charset.lower().replace("_", "-") not in ("utf-8", "utf8", "charset"):
        line = data.count(b"\n", 0, header.start() + found.start()) + 1
        raise DiglotError(shown, line, f"the header declares the charset {charset[:40]!r}, not UTF-8",
                          "declare charset=UTF-8 and save the file as UTF-8 (Poedit does so)")


def _msgfmt_accepts(data: bytes, shown: Path) -> None:
    """Raise DiglotError, with msgfmt's line, unless GNU msgfmt compiles ``data`` without an error. The
    header is checked too: a catalog without one, or whose Plural-Forms its plural messages contradict,
    is no catalog diglot may merge."""
    require_tools()
    result = subprocess.run(["msgfmt", "--check-header", "--output-file", "/dev/null", "-"], input=data,
                            capture_output=True)
    if result.returncode != 0:
        errors = result.stderr.decode("utf-8", "replace")
        found = re.findall(r"^<stdin>:(\d+):(?:\d+:)? (.*)$", errors, re.M)
        if not found and b"msgid" not in data:
            raise DiglotError(shown, 1, "holds no messages", "send or keep the translated PO file itself")
        if not found and "header missing or invalid" in errors:
            raise DiglotError(shown, 1, 'the catalog has no valid header entry (msgid "" first, with its '
                              "Content-Type and Plural-Forms)", "take the header back from git or from the template")
        if not found:
            raise DiglotError(shown, None, f"invalid PO syntax: {errors.strip().split(chr(10))[0]}", _FIX)
        line, problem = int(found[0][0]), found[0][1]
        if problem.endswith("...") and len(found) > 1:  # msgfmt says one thing over two lines
            problem += f" {found[1][1]} (line {found[1][0]})"
        raise DiglotError(shown, line, f"invalid PO syntax: {problem}", _FIX)


def _unfolded_header(data: bytes, shown: Path) -> None:
    """Refuse a header line that starts with a space or tab. Babel reads the header as e-mail headers are
    read, where such a line continues the field before it (a date so continued made Babel fail with a
    traceback), while GNU gettext reads it as a line of its own: the two would not agree on the header."""
    lines = data.decode("utf-8").split("\n")
    start = _header_start(lines)
    if start is None:
        return
    field, text, at_start = "", "", True
    for number in range(start + 1, len(lines)):
        quoted = lines[number].strip().removeprefix("msgstr").strip() if number == start + 1 else lines[number].strip()
        if not (quoted.startswith('"') and quoted.endswith('"') and len(quoted) > 1):
            return
        for char in unescape(quoted):
            if at_start and char in " \t":
                raise _folded(shown, number + 1, "tab" if char == "\t" else "space", field)
            if char == "\n":
                field, text = text.split(":", 1)[0], ""
            else:
                text += char
            at_start = char == "\n"


def _folded(shown: Path, line: int, kind: str, field: str) -> DiglotError:
    where = f"so Babel reads it as part of {field}" if field else "before any field's name"
    return DiglotError(shown, line, f"invalid PO header: a header line starts with a {kind}, {where}",
                       'join it to the line before, or begin it with its field\'s name ("Name: value\\n")')


def _header_start(lines: list[str]) -> int | None:
    """The index of the header's ``msgid ""`` line: the first empty msgid, with a msgstr and no context."""
    for number, line in enumerate(lines[:-1]):
        if (line.rstrip() == 'msgid ""' and re.match(r'msgstr\s*"', lines[number + 1])
                and not (number and lines[number - 1].lstrip().startswith(('"', "msgctxt")))):
            return number
    return None


def display_path(path: Path, root: Path | None) -> Path:
    return path.relative_to(root) if root and path.is_relative_to(root) else path


def translation_state(message: Message) -> str:
    """The one rule for whether a message is translated: ``translated`` when every form has a translation
    and it is not fuzzy, ``fuzzy`` when complete but fuzzy, else ``untranslated``."""
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    if not strings or not all(strings):
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


def has_translation(message: Message) -> bool:
    """Whether a translator wrote anything for the message (any form, fuzzy or not): what checks read."""
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return any(strings)


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's live messages: no header, no obsolete entries."""
    return [m for m in catalog if m.id]


def entry_keys(text: str, prefix: str) -> set[tuple[str | None, str]]:
    """The (msgctxt, msgid) of the entries GNU gettext wrote with ``prefix``: "" for live entries,
    ``#| `` for previous msgids, ``#~ `` for obsolete ones. A scan, not a parse: far quicker than
    Babel on a large catalog, and GNU's layout is regular."""
    keys: set[tuple[str | None, str]] = set()
    context: str | None = None
    for keyword, value in _fields(text, prefix):
        if keyword == "msgctxt":
            context = value
        elif keyword == "msgid":
            keys.add((context, value))
            context = None
    return keys


def translations(text: str, prefix: str) -> set[str]:
    """Every msgstr (each plural form) of the entries GNU gettext wrote with ``prefix`` ("" live, ``#~ ``
    obsolete): the scan of :func:`entry_keys`."""
    return {value for keyword, value in _fields(text, prefix) if keyword.startswith("msgstr") and value}


def _fields(text: str, prefix: str) -> Iterator[tuple[str, str]]:
    """Each field of the entries written with ``prefix``, in order: its keyword (``msgctxt``, ``msgid``,
    ``msgid_plural``, ``msgstr``, ``msgstr[1]``…) and its value, its continued lines joined."""
    keyword: str | None = None
    parts: list[str] = []
    for line in text.split("\n"):
        body = line[len(prefix):] if line.startswith(prefix) else None
        if keyword and body is not None and body.startswith('"'):
            parts.append(body)
            continue
        if keyword:
            yield keyword, denormalize("\n".join(parts))
        keyword, parts = None, []
        word, _, rest = (body or "").partition(" ")
        if word.startswith(("msgctxt", "msgid", "msgstr")):
            keyword, parts = word, [rest]
    if keyword:
        yield keyword, denormalize("\n".join(parts))
