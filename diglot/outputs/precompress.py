"""Precompressed copies of the web edition's text files, for servers that can send them as they are.

Beside each page, feed, stylesheet and icon the build writes ``<name>.br`` (Brotli) and ``<name>.gz`` (gzip),
made once at the best compression rather than by the server on every request: nginx sends them with
``gzip_static``/``brotli_static``, Caddy with ``file_server { precompressed br gzip }``, ``diglot serve``
by the reader's ``Accept-Encoding``. A plain static server ignores them. A copy is written only where it is
smaller than its file, and again whenever its file is newer; a copy whose file is gone is removed.

Both formats are reproducible: the gzip header carries no name and no time.
"""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from diglot.files import atomic

TEXT_SUFFIXES = (".html", ".css", ".xml", ".txt", ".svg", ".js", ".json")
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # as Accept-Encoding names them, and their file suffix


def compress(data: bytes, encoding: str, fast: bool = False) -> bytes:
    """``data`` compressed as ``encoding`` (``br`` or ``gzip``), at the best compression, or ``fast`` for a
    response compressed as it is sent."""
    if encoding == "br":
        return bytes(brotli.compress(data, quality=5 if fast else 11))
    return gzip.compress(data, compresslevel=6 if fast else 9, mtime=0)


def update(web: Path, jobs: int = 1) -> tuple[list[Path], list[Path]]:
    """Bring the precompressed copies below ``web`` up to date, on ``jobs`` threads (Brotli and zlib let go
    of Python's lock while they compress); the copies written, and those removed."""
    texts, removed = [], []
    for path in sorted(web.rglob("*")):
        if path.suffix in (".br", ".gz") and path.is_file():
            if not path.with_suffix("").is_file():
                path.unlink()
                removed.append(path)
            continue
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
            texts.append(path)
    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as threads:
        written = [copy for copies in threads.map(_siblings, texts) for copy in copies]
    return written, removed


def _siblings(path: Path) -> list[Path]:
    """Write the copies of ``path`` that are missing or older than it; remove any no smaller than it."""
    written = []
    data: bytes | None = None
    mtime = path.stat().st_mtime_ns
    for encoding, suffix in ENCODINGS:
        copy = path.with_name(path.name + suffix)
        if copy.is_file() and copy.stat().st_mtime_ns >= mtime:
            continue
        data = path.read_bytes() if data is None else data
        packed = compress(data, encoding)
        if len(packed) < len(data):
            if atomic.write_bytes(copy, packed):
                written.append(copy)
            else:  # the same copy as before: marked as made from the file as it is now
                os.utime(copy)
        else:
            copy.unlink(missing_ok=True)
    return written
