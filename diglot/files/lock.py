"""One run at a time: commands that write take an exclusive lock on the project first.

The lock is an OS file lock on ``.diglot.lock``, so it dies with the run that holds it. Processes forked
while it is held (the PDF workers) close their copy of it at once: a killed build whose workers linger
never leaves the project locked. The file itself is opened without following a link, and only when it
is a plain file of its own, since it is rewritten with the holder's process id.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from diglot.errors import DiglotError

LOCK_FILE = ".diglot.lock"
_held: set[int] = set()  # descriptors of the locks this process holds


@contextmanager
def project_lock(root: Path, on_wait: Callable[[str], None] = lambda holder: None) -> Iterator[None]:
    """Hold the project's lock for the block; if another run holds it, call ``on_wait`` and wait for it."""
    fd = _open(root / LOCK_FILE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(_holder(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held.add(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"diglot process {os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        _held.discard(fd)
        os.close(fd)  # releases the lock


def _open(path: Path) -> int:
    """The lock file, opened for the lock: created if missing, refused when it is anything but a file."""
    name = Path(LOCK_FILE)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DiglotError(name, None, "is a symbolic link", "delete it; diglot makes its own lock file") from None
        raise DiglotError(name, None, f"cannot be opened: {os.strerror(error.errno or 0)}",
                          "make the project folder writable (diglot keeps its lock file there)") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise DiglotError(name, None, "is not a plain file of its own (a FIFO, device or hard link)",
                          "delete it; diglot makes its own lock file")
    return fd


def _holder(fd: int) -> str:
    """Who holds the lock, as its file says: only a process id is taken from it, and never acted on."""
    match = re.match(rb"diglot process (\d{1,9})\n", os.pread(fd, 64, 0))
    if match is None:
        return "another run"
    pid = int(match.group(1))
    if _alive(pid):
        return f"diglot process {pid}"
    return f"a process left over from diglot process {pid}, which has ended (see: fuser {LOCK_FILE})"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _forget_in_child() -> None:
    """In a forked child, close the locks the parent holds: the lock must die with the run itself."""
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)
