"""msgfmt's verdicts on the project's catalogs, kept by digest in ``build/.diglot-msgfmt/``.

The same bytes are not given to msgfmt twice. Every strict read of a catalog
(:func:`diglot.catalogs.pofile.read_catalog`) runs GNU msgfmt on it, and every merge runs ``msgfmt --check`` on
what it is about to write; the catalog one update wrote is read by the next command, and again by the
one after. ``update`` keeps a verdict per catalog it reads or writes; every command looks them up. A
verdict is the digest of the bytes msgfmt accepted (and of the msgfmt that did), with how strictly:
``check`` (``msgfmt --check``, which implies the plain verdict) or ``plain``. Bytes that differ in any
way, or another msgfmt, find no verdict, and msgfmt runs again. Only acceptance is kept: a refusal must be
reported in msgfmt's own words, with its line, so it is never remembered. A missing or unreadable
verdict only costs a msgfmt run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from diglot.errors import DiglotError
from diglot.files import atomic, boundary

VERDICTS = ".diglot-msgfmt"
LEVELS = ("plain", "check")  # each implies those before it


class Verdicts:
    """The verdicts kept in one project's ``build`` folder: looked up there, and those found in this run
    kept aside until :meth:`save` (a run that fails on bad input writes nothing)."""

    def __init__(self, build: Path):
        self.build = build
        self._found: dict[Path, tuple[str, str]] = {}

    def known(self, catalog: Path, data: bytes, level: str) -> bool:
        """Whether msgfmt accepted these very bytes of ``catalog`` (a path inside the project) at ``level``."""
        recorded = self._found.get(catalog) or _recorded(self.build / VERDICTS / _name(catalog))
        return recorded is not None and recorded[0] == _digest(data) and \
            LEVELS.index(recorded[1]) >= LEVELS.index(level)

    def remember(self, catalog: Path, data: bytes, level: str) -> None:
        """Keep, for :meth:`save`, that msgfmt accepted ``data``, the bytes of ``catalog``, at ``level``."""
        if not self.known(catalog, data, level):
            self._found[catalog] = (_digest(data), level)

    def save(self) -> None:
        """Write the verdicts found in this run."""
        for catalog, (digest, level) in sorted(self._found.items()):
            path = self.build / VERDICTS / _name(catalog)
            try:
                boundary.check_writable(path)  # before the folders are made: none through a link
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic.write_bytes(path, f"{digest} {level}\n".encode("ascii"))
            except (OSError, DiglotError):
                return  # a verdict only saves work; what keeps build/ from being written is said where it matters
        self._found.clear()


def _recorded(path: Path) -> tuple[str, str] | None:
    if not os.path.lexists(path):
        return None
    try:  # through the boundary: a build/ that is a link out of the project is not read
        recorded = boundary.read_bytes(path).decode("ascii").split()
    except (DiglotError, UnicodeDecodeError):
        return None
    return (recorded[0], recorded[1]) if len(recorded) == 2 and recorded[1] in LEVELS else None


def _name(catalog: Path) -> str:
    return hashlib.sha256(catalog.as_posix().encode("utf-8")).hexdigest()


_MSGFMT: list[str] = []


def _digest(data: bytes) -> str:
    """The digest of ``data`` and of the msgfmt that judges it: an upgrade of gettext ends every verdict."""
    if not _MSGFMT:
        where = shutil.which("msgfmt")
        stat = os.stat(where) if where else None
        _MSGFMT.append(f"{where}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}")
    return hashlib.sha256(_MSGFMT[0].encode("utf-8") + b"\0" + data).hexdigest()
