"""Write files so that an interrupted run leaves the previous version whole.

A file is written to a temporary file beside it, flushed to disk and renamed over the old one. The new
file gets the old one's mode, or for a new file the mode the umask gives (0644 under umask 022): a web
server running as another user can read the build, and a teammate's PO file stays theirs to share.

Every write is checked against the project's boundary first (:mod:`diglot.files.boundary`): inside ``build/`` or
``translations/``, through no link. A failed write (a full disk, a read-only folder) is bad input that
names the file, and leaves the old file whole.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from diglot.files.boundary import check_writable, unwritable


def _umask() -> int:
    # The umask can only be read by setting it; done once, at import, before any thread starts.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


def write_bytes(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically; return False when it already held exactly that."""
    check_writable(path)
    try:
        return _replace(path, data)
    except OSError as error:
        raise unwritable(path, error) from None


def _replace(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    """Replace ``path`` with UTF-8 ``text`` atomically; return False when unchanged."""
    return write_bytes(path, text.encode("utf-8"))


def _mode_for(path: Path) -> int:
    """The permission bits the new file takes: those of the file it replaces, else the umask's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return _NEW_FILE_MODE
