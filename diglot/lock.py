"""One run at a time: commands that write take an exclusive lock on the project first."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".diglot.lock"


@contextmanager
def project_lock(root: Path, on_wait: Callable[[str], None] = lambda holder: None) -> Iterator[None]:
    """Hold the project's lock for the block; if another run holds it, call ``on_wait`` and wait for it.

    An OS file lock dies with its process, so a run that was killed never leaves the project locked.
    """
    with open(root / LOCK_FILE, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            on_wait(handle.read().strip() or "another run")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"diglot process {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
