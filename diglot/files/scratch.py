"""Scratch folders: where the gettext tools work on copies, inside the project's ``build/.diglot-scratch``.

A merge needs files on disk (the template, the merged catalog, the translation memory). They are kept in
the project, never in the system's temporary folder: a run killed outright (SIGKILL, a lost terminal)
cannot clean up after itself, and what it left in ``/tmp`` would stay there for good, outside anything
diglot may touch. Here it stays below ``build/``, and the next run that takes the project's lock
(:mod:`diglot.files.lock`), so that no other run can be using it, removes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diglot.errors import DiglotError
from diglot.files.boundary import check_writable, unwritable

SCRATCH = ".diglot-scratch"


@contextmanager
def folder(build: Path, prefix: str) -> Iterator[Path]:
    """A new, empty folder below ``build/.diglot-scratch`` for the block, removed after it."""
    top = build / SCRATCH
    check_writable(top / prefix)  # through no link, inside the project's build folder
    try:
        top.mkdir(parents=True, exist_ok=True)
        made = Path(tempfile.mkdtemp(prefix=prefix, dir=top))
    except OSError as error:
        raise unwritable(top, error) from None
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)
        with contextlib.suppress(OSError):  # the last one out leaves build/ as it found it
            top.rmdir()


def sweep(build: Path) -> None:
    """Remove what runs killed before they could clean up left below ``build/.diglot-scratch``. Only a run
    holding the project's lock calls it: no other run is using the folder then."""
    top = build / SCRATCH
    try:
        if not stat.S_ISDIR(os.lstat(top).st_mode):
            return  # absent, or a link or file: never followed; folder() says what is wrong
        check_writable(top / "x")
    except (OSError, DiglotError):  # a sweep only tidies; what is wrong is said where it matters
        return
    with contextlib.suppress(OSError):
        for entry in os.scandir(top):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        top.rmdir()
