"""The build manifest, ``build/.diglot-manifest.json``: what every output was last made of.

For each output it keeps the digest of its inputs, the files it wrote and the messages it showed in the
source language (so that a build that skips it still reports them); for a PDF, its number of pages, which
the web page linking it gives. For each edition it keeps what an
index lists of it, so that an index can be remade without composing every article again.

The manifest is read back from disk, so the files it names are checked before anything acts on them:
each must be a plain path inside ``build/`` (``web/…``, ``print/…`` or ``press/…``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diglot.catalogs.fallback import Fallback
from diglot.config import Config
from diglot.errors import DiglotError
from diglot.files import atomic, boundary

MANIFEST = ".diglot-manifest.json"
_FORMAT = 3  # bump when the layout changes: an older manifest is then ignored, and everything rebuilt


# What a file was when the build wrote it: its size, modification time and the digest of its bytes.
Written = tuple[int, int, str]


@dataclass(frozen=True)
class Record:
    """One output as last made: the digest of its inputs, its files (below build/), its fallbacks, what
    each file was when written (so that a file changed by hand is noticed) and, for a PDF, its pages."""

    digest: str
    files: tuple[str, ...]
    fallbacks: tuple[Fallback, ...] = ()
    written: tuple[Written | None, ...] = ()
    pages: int | None = None

    def as_json(self) -> dict[str, Any]:
        data = {"digest": self.digest, "files": list(self.files),
                "fallbacks": [[f.catalog.as_posix(), f.line, f.msgid, f.state, f.context, f.reason, f.rule]
                              for f in self.fallbacks],
                "written": [list(w) if w else None for w in self.written]}
        return data if self.pages is None else data | {"pages": self.pages}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        written = tuple((int(w[0]), int(w[1]), str(w[2])) if w else None for w in data.get("written", []))
        pages = data.get("pages")
        return cls(data["digest"], tuple(data["files"]),
                   tuple(Fallback(Path(c), line, msgid, state, context, reason, rule)
                         for c, line, msgid, state, context, reason, rule in data["fallbacks"]), written,
                   None if pages is None else int(pages))


class Manifest:
    """The records of one build folder, read at the start of a build and written at its end."""

    def __init__(self, path: Path, records: dict[str, Record] | None = None,
                 listings: dict[str, Any] | None = None):
        self.path = path
        self.records = records or {}
        self.listings = listings or {}
        # What was read, to tell whether there is anything to write: a build that changed nothing has not.
        self._read = (dict(self.records), dict(self.listings))

    @classmethod
    def read(cls, config: Config) -> Manifest:
        """The manifest of ``build/``; an empty one when it is missing, unreadable or of another format,
        which only costs a full rebuild."""
        path = config.build_dir / MANIFEST
        if not os.path.lexists(path):
            return cls(path)
        text = boundary.read_bytes(path, state=True)  # a link out, a FIFO or a huge file is refused, not read
        try:
            data = json.loads(text)
            if data.get("format") != _FORMAT:
                return cls(path)
            records = {key: Record.from_json(value) for key, value in data["outputs"].items()}
            manifest = cls(path, records, data["listings"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(path)
        for key, record in records.items():
            for name in (key, *record.files):
                if not _inside_build(name):
                    raise DiglotError(boundary.shown(path), None, f"names a file outside build/ ({name[:80]!r})",
                                      f"delete {MANIFEST}; the next build makes every output again")
        return manifest

    def fresh(self, key: str, digest: str) -> bool:
        """True when output ``key`` was made of inputs with this digest and its files are all there."""
        record = self.records.get(key)
        build = self.path.parent
        return record is not None and record.digest == digest and all((build / f).is_file() for f in record.files)

    def edited(self) -> dict[str, list[str]]:
        """The files changed since the build wrote them (by hand, or by another tool), by output: a file
        whose size or time moved is read, and counts as changed only when its bytes did."""
        build = self.path.parent
        found: dict[str, list[str]] = {}
        for key, record in self.records.items():
            for name, written in zip(record.files, record.written, strict=False):
                if written is not None and _changed(build / name, written):
                    found.setdefault(key, []).append(name)
        return found

    def record(self, key: str, record: Record) -> None:
        self.records[key] = record

    def listing(self, key: str, digest: str) -> dict[str, Any] | None:
        """What an index lists of edition ``key``, if it was composed from inputs with this digest."""
        entry = self.listings.get(key)
        return entry["listing"] if entry is not None and entry["digest"] == digest else None

    def keep_listing(self, key: str, digest: str, listing: dict[str, Any]) -> None:
        self.listings[key] = {"digest": digest, "listing": listing}

    def write(self) -> None:
        """Write the manifest atomically, keys sorted: an interrupted build leaves the previous one whole."""
        if (self.records, self.listings) == self._read and self.path.is_file():
            return
        data = {"format": _FORMAT, "outputs": {k: r.as_json() for k, r in sorted(self.records.items())},
                "listings": dict(sorted(self.listings.items()))}
        atomic.write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _inside_build(name: object) -> bool:
    """True for a path such as ``web/en/index.html``: relative, plain, in one of the editions' folders."""
    if not isinstance(name, str) or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    return parts[0] in ("web", "print", "press") and len(parts) > 1 and all(p not in ("", ".", "..") for p in parts)


def written(path: Path, was: Written | None = None) -> Written | None:
    """What ``path`` is now, to tell later whether it was changed; None when it is not there. The file is
    read only when its size or time differ from ``was``, what it was known to be."""
    try:
        info = os.stat(path)
        if was is not None and (info.st_size, info.st_mtime_ns) == was[:2]:
            return was
        data = path.read_bytes()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest()


def _changed(path: Path, was: Written) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False  # a missing file is made again: nothing of anyone's is lost
    if (info.st_size, info.st_mtime_ns) == was[:2]:
        return False
    now = written(path)
    return now is not None and now[2] != was[2]
