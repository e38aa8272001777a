"""PO files as diglot reads and writes them: strictly read, and written so that the bytes depend on the
content alone."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from diglot.errors import DiglotError
from diglot.gettext_tools import require_tools


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


def read_catalog(path: Path, root: Path | None = None) -> Catalog:
    """Read a PO file strictly: a syntax error, conflict marker or bad encoding is bad input."""
    shown = display_path(path, root)
    # Babel cannot parse the previous msgid of an obsolete entry (``#~|``), which GNU gettext writes;
    # it is of no use to diglot, so it is blanked, line for line, to keep the line numbers.
    data = re.sub(rb"(?m)^#~\|.*$", b"#", readable_bytes(path, shown))
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        problem = re.sub(r" on \d+$", "", str(error.args[0]))
        raise DiglotError(shown, error.lineno + 1,  # Babel counts the lines of its errors from 0
                          f"invalid PO syntax: {problem}", "fix the entry or take the file back from git") from None


def validate_catalog(path: Path, root: Path | None = None) -> None:
    """Raise DiglotError unless GNU msgfmt can parse the file, as it must before anything merges it
    (msgmerge would drop what it cannot read; msgfmt is also stricter than Babel)."""
    shown = display_path(path, root)
    readable_bytes(path, shown)
    require_tools()
    result = subprocess.run(["msgfmt", "--output-file", "/dev/null", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        match = re.search(rf"^{re.escape(str(path))}:(\d+):(?:\d+:)? (.*)$", result.stderr, re.M)
        line, problem = (int(match.group(1)), match.group(2)) if match else (None, result.stderr.strip())
        raise DiglotError(shown, line, f"invalid PO syntax: {problem}", "fix the entry or take the file back from git")


_CONFLICT_MARKER = re.compile(rb"^(?:<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)", re.M)


def readable_bytes(path: Path, shown: Path) -> bytes:
    """The bytes of a catalog that is UTF-8 and free of merge conflict markers."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(shown, line, "not UTF-8 text", "save the catalog as UTF-8 (Poedit does so)") from None
    marker = _CONFLICT_MARKER.search(data)
    if marker:
        raise DiglotError(shown, data.count(b"\n", 0, marker.start()) + 1, "unresolved merge conflict marker",
                          "keep one side of the conflict and delete the markers, then run diglot update")
    return data


def display_path(path: Path, root: Path | None) -> Path:
    return path.relative_to(root) if root and path.is_relative_to(root) else path


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's live messages: no header, no obsolete entries."""
    return [m for m in catalog if m.id]
