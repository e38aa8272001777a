"""PO files as diglot reads and writes them: strictly read, and written so that the bytes depend on the
content alone."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from diglot.catalogs.gettext_tools import require_tools
from diglot.catalogs.verdicts import Verdicts
from diglot.errors import DiglotError
from diglot.files import boundary


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


def read_catalog(path: Path, root: Path | None = None, verdicts: Verdicts | None = None) -> Catalog:
    """Read a PO file as strictly as GNU msgfmt does: a syntax error, a duplicate, a conflict marker, a bad
    encoding or a charset other than UTF-8 is bad input. ``root``: the project the file must lie in, whose
    msgfmt verdicts (diglot.catalogs.verdicts) spare msgfmt bytes it accepted before; ``verdicts``: those to keep
    this one's in (default: the project's, looked up only)."""
    shown = display_path(path, root)
    if verdicts is None and root is not None:
        verdicts = Verdicts(root / "build")  # Config.build_dir
    return parse_catalog(boundary.read_bytes(path, outside=root is None), shown, verdicts)


def parse_catalog(data: bytes, shown: Path, verdicts: Verdicts | None = None) -> Catalog:
    """The catalog in ``data`` (the bytes of the PO file ``shown``), read strictly; msgfmt's verdict is
    looked up in, and kept in, ``verdicts`` (diglot.catalogs.verdicts)."""
    readable(data, shown)
    _declared_charset(data, shown)
    if verdicts is None or not verdicts.known(shown, data, "plain"):
        _msgfmt_accepts(data, shown)
        if verdicts is not None:
            verdicts.remember(shown, data, "plain")
    # Babel cannot parse the previous msgid of an obsolete entry (``#~|``), which GNU gettext writes;
    # it is of no use to diglot, so it is blanked, line for line, to keep the line numbers.
    data = re.sub(rb"(?m)^#~\|.*$", b"#", data)
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        problem = re.sub(r" on \d+$", "", str(error.args[0]))
        raise DiglotError(shown, error.lineno + 1,  # Babel counts the lines of its errors from 0
                          f"invalid PO syntax: {problem}", _FIX) from None
    except (ValueError, LookupError, TypeError) as error:  # what Babel's header parsing lets through
        raise DiglotError(shown, 1, f"invalid PO header: {error}", _FIX) from None


_FIX = "fix the entry or take the file back from git"
_CONFLICT_MARKER = re.compile(rb"^(?:<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)", re.M)
_CHARSET = re.compile(rb"charset=([^\s\\\";]*)", re.I)


def readable_bytes(path: Path, shown: Path) -> bytes:
    """The bytes of a catalog of the project that is UTF-8 and free of merge conflict markers."""
    data = boundary.read_bytes(path)
    readable(data, shown)
    return data


def readable(data: bytes, shown: Path) -> None:
    """Raise DiglotError unless ``data`` is UTF-8 text, free of merge conflict markers."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise DiglotError(shown, 1, "starts with a byte-order mark (BOM)", "save the catalog as UTF-8 without BOM")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(shown, line, "not UTF-8 text", "save the catalog as UTF-8 (Poedit does so)") from None
    marker = _CONFLICT_MARKER.search(data)
    if marker:
        raise DiglotError(shown, data.count(b"\n", 0, marker.start()) + 1, "unresolved merge conflict marker",
                          "keep one side of the conflict and delete the markers, then run diglot update")


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
    """Raise DiglotError, with msgfmt's line, unless GNU msgfmt compiles ``data`` without an error."""
    require_tools()
    result = subprocess.run(["msgfmt", "--output-file", "/dev/null", "-"], input=data, capture_output=True)
    if result.returncode != 0:
        errors = result.stderr.decode("utf-8", "replace")
        match = re.search(r"^<stdin>:(\d+):(?:\d+:)? (.*)$", errors, re.M)
        line, problem = (int(match.group(1)), match.group(2)) if match else (None, errors.strip().split("\n")[0])
        raise DiglotError(shown, line, f"invalid PO syntax: {problem}", _FIX)


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
    keyword: str | None = None
    parts: list[str] = []
    for line in text.split("\n"):
        body = line[len(prefix):] if line.startswith(prefix) else None
        if keyword and body is not None and body.startswith('"'):
            parts.append(body)
            continue
        if keyword == "msgctxt":
            context = denormalize("\n".join(parts))
        elif keyword == "msgid":
            keys.add((context, denormalize("\n".join(parts))))
            context = None
        keyword, parts = None, []
        word, _, rest = (body or "").partition(" ")
        if word in ("msgctxt", "msgid"):
            keyword, parts = word, [rest]
    return keys
