"""The project's boundary, enforced in one place: what diglot may read, what it may write, and how much.

diglot reads only inside the project (sources, translations, its settings) and its own package, and
writes only inside ``build/`` and ``translations/``. A link that leads out, a folder of ``build/`` that is
a link, a path read back from a file that points elsewhere: each is bad input, never followed. Every
read of a user's file goes through :func:`read_bytes` (which also refuses folders, FIFOs, devices and
files over the size limit), every write and removal through :func:`check_writable`.

``load_config`` enters each project it reads (:func:`enter`), with the limits of its settings.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from diglot.errors import DiglotError

PACKAGE = Path(__file__).resolve().parent.parent
WRITABLE = ("build", "translations")
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one run accepts of its input; ``[tool.diglot.limits]`` changes them."""

    file_size: int = 2 * MB  # a source, catalog, glossary, setting or received file
    picture_size: int = 32 * MB  # a picture in source/images
    nesting: int = 24  # blockquotes and lists inside one another
    render_seconds: int = 120  # one PDF
    render_memory: int = 2048 * MB  # a PDF worker's heap


_projects: dict[Path, Limits] = {}


def enter(root: Path, limits: Limits) -> None:
    """Let this process read and write in the project at ``root`` (an absolute, resolved path)."""
    _projects[root] = limits


def shown(path: Path) -> Path:
    """``path`` as messages name it: relative to its project when inside one."""
    path = _absolute(path)
    project = _project_of(path)
    return path.relative_to(project) if project is not None else path


def read_bytes(path: Path, *, picture: bool = False, outside: bool = False, limits: Limits | None = None) -> bytes:
    """The bytes of the regular file ``path``, which must lie in the project (or diglot's package) unless
    ``outside`` (a file handed over on the command line), and be no larger than the limit."""
    absolute = _absolute(path)
    project = _project_of(absolute)
    name = absolute.relative_to(project) if project is not None else absolute  # as shown() names it
    if not outside:
        _refuse_outside(absolute, name, project)
    limits = limits or (_projects[project] if project is not None else Limits())
    limit = limits.picture_size if picture else limits.file_size
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as error:
        raise _unreadable(name, error) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DiglotError(name, None, "is a folder, not a file", "name the file itself")
        raise DiglotError(name, None, "is not a regular file (a FIFO, device or socket)",
                          "save the content to a file and name that")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise _unreadable(name, error) from None
    if len(data) > limit:
        setting = "picture-size" if picture else "file-size"
        raise DiglotError(name, None, f"is larger than the limit of {_size(limit)}",
                          f"make it smaller, or raise {setting} under [tool.diglot.limits]")
    return data


def check_writable(path: Path) -> None:
    """Raise DiglotError unless ``path`` lies in ``build/`` or ``translations/`` of a project, reached
    without a link, and is a regular file or absent."""
    path = _absolute(path)
    project = _project_of(path)
    if project is None or not any(path.is_relative_to(project / area) for area in WRITABLE):
        raise DiglotError(shown(path), None, "is not in the project's outputs: diglot writes only inside build/ "
                          "and translations/", "give a path inside build/ or translations/")
    current = project
    for part in path.relative_to(project).parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return
        except OSError as error:
            raise _unreadable(shown(current), error) from None
        if stat.S_ISLNK(info.st_mode):
            raise DiglotError(shown(current), None, "is a symbolic link, and diglot never writes through one",
                              "replace the link with a real folder or file, or delete it")
        if current != path and not stat.S_ISDIR(info.st_mode):
            raise DiglotError(shown(current), None, "is in the way: a folder belongs there",
                              "move the file away")
        if current == path and not stat.S_ISREG(info.st_mode):
            raise DiglotError(shown(current), None, "is in the way: not a regular file",
                              "move it away; diglot writes a file there")


def remove(path: Path) -> bool:
    """Delete the file ``path`` of ``build/`` or ``translations/``; False when it was not there."""
    check_writable(path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise unwritable(path, error) from None
    return True


def unwritable(path: Path, error: OSError) -> DiglotError:
    """The bad input a failed write stands for: a full disk, a read-only folder."""
    remedy = {errno.ENOSPC: "free some disk space and run again",
              errno.EDQUOT: "free some disk space and run again",
              errno.EFBIG: "free some disk space or raise the file-size limit of this process, and run again",
              errno.EROFS: "make build/ and translations/ writable and run again",
              errno.EACCES: "make build/ and translations/ writable and run again",
              errno.EPERM: "make build/ and translations/ writable and run again"}
    return DiglotError(shown(path), None, f"cannot be written: {os.strerror(error.errno or 0)}",
                       remedy.get(error.errno or 0, "fix the cause and run again"))


def _refuse_outside(absolute: Path, name: Path, project: Path | None) -> None:
    real = os.path.realpath(absolute)
    roots = [PACKAGE] + ([project] if project is not None else [])
    if not any(_within(real, root) for root in roots):
        what = "leads outside the project" if project is not None else "is outside the project"
        raise DiglotError(name, None, f"{what}; diglot reads only the project's own files",
                          "put the file itself in the project instead of a link to it")


def _unreadable(name: Path, error: OSError) -> DiglotError:
    if isinstance(error, FileNotFoundError):
        return DiglotError(name, None, "does not exist", "check the path")
    return DiglotError(name, None, f"cannot be read: {os.strerror(error.errno or 0)}",
                       "check the file's permissions and the path")


def _project_of(path: Path) -> Path | None:
    text = str(path)
    matches = [root for root in _projects if _within(text, root)]
    return max(matches, key=lambda root: len(root.parts)) if matches else None


def _within(path: str, root: Path) -> bool:
    """Whether the absolute, normalized ``path`` is ``root`` or lies in it: ``Path.is_relative_to`` on
    strings, which every file read asks, for a fraction of the time."""
    top = str(root)
    return path == top or path.startswith(top if top.endswith(os.sep) else top + os.sep)


def _absolute(path: Path) -> Path:
    """``path`` made absolute and free of ``..`` without following links: a link is judged, not taken."""
    return Path(os.path.abspath(path))


def _size(count: int) -> str:
    return f"{count / MB:g} MB" if count >= MB else f"{count} bytes"
