"""The build stamp, ``build/.diglot-stamp.json``: a build that finds nothing touched ends before it starts.

At archive scale a build with nothing to do spends its time importing the pipeline and digesting every
source and catalog. Before any of that, a build compares what ``os.stat`` says of every file a build
reads and of every file it wrote with what it said when the last build ended: same size, modification
and change times and inode for each, the same files in each folder, the same request (formats,
languages, build folder). All the same, nothing can have changed, and the last build's report stands.
Anything different — a touched source, a new catalog, a deleted output, an upgraded library, a new
font — and the build runs as usual, with its content digests (diglot.outputs.digests). The stamp is
written only when a build has finished, and a build that starts removes it first.

What a build reads: ``pyproject.toml``, everything in ``source/``, the PO files, diglot's own files
(code, templates, stylesheets, data), the files that say which version of each library is installed,
and the fonts fontconfig may pick from.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import diglot
from diglot.catalogs.fallback import Fallback
from diglot.config import Config
from diglot.files import atomic, boundary

STAMP = ".diglot-stamp.json"
_FORMAT = 2
_PACKAGE = Path(diglot.__file__).parent
# The libraries whose files shape the output (as diglot.outputs.digests lists them), by import name.
_LIBRARIES = ("babel", "markdown", "jinja2", "nh3", "weasyprint", "pydyf", "tinycss2", "cssselect2", "fontTools",
              "yaml")
_RACY_NS = 50_000_000  # far more than a clock tick
_FONT_ROOTS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/etc/fonts")


def request(config: Config, formats: tuple[str, ...], languages: tuple[str, ...]) -> str:
    """What a build was asked for: a stamp answers only the same question."""
    return json.dumps([str(config.build_dir), sorted(formats), sorted(languages)])


@dataclass(frozen=True)
class Inputs:
    """What ``os.stat`` said of a build's inputs as it started, and when."""

    digest: str
    newest: int  # the latest modification time among them
    taken: int  # when they were looked at


def inputs(config: Config) -> Inputs:
    """The inputs of a build as they are now: taken before the build reads any of them, so that a file
    changed while it runs makes the next build look again."""
    taken = time.time_ns()
    digest, newest = _fingerprint(_inputs(config))
    return Inputs(digest, newest, taken)


@dataclass(frozen=True)
class Report:
    """What a build with nothing to do reports: the last build's outputs, fallbacks and withheld editions."""

    up_to_date: int
    fallbacks: list[Fallback]
    withheld: list[str]


def untouched(config: Config, asked: str, now: Inputs) -> Report | None:
    """The last build's report when nothing it read or wrote has been touched since and it was asked the
    same; otherwise None."""
    path = config.build_dir / STAMP
    if not os.path.lexists(path):
        return None
    raw = boundary.read_bytes(path)  # a link out, a FIFO or a huge file is refused, not read
    try:
        data = json.loads(raw)
        if data.get("format") != _FORMAT or data.get("request") != asked:
            return None
        if data["inputs"] != now.digest or data["outputs"] != _fingerprint(
                config.build_dir / name for name in data["files"])[0]:
            return None
        return Report(int(data["outputs_up_to_date"]), [Fallback(Path(c), line, msgid, state, context, reason, rule)
                      for c, line, msgid, state, context, reason, rule in data["fallbacks"]],
                      [str(edition) for edition in data["withheld"]])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def forget(config: Config) -> None:
    """Remove the stamp: from here on, until it is written again, outputs may change."""
    boundary.remove(config.build_dir / STAMP)


def write(config: Config, asked: str, started: Inputs, files: list[str], report: Report) -> None:
    """Stamp a finished build that ``started`` with these inputs: ``files`` are every file below ``build/``
    it answers for.

    Not when an input had been modified moments before: file times are kept in clock ticks of a few
    milliseconds, and a file written again within the same tick, at the same size, would look untouched
    (git's "racy" files). The next build stamps instead."""
    if started.newest > started.taken - _RACY_NS:
        return
    data = {"format": _FORMAT, "request": asked, "inputs": started.digest,
            "files": sorted(files), "outputs": _fingerprint(config.build_dir / name for name in sorted(files))[0],
            "outputs_up_to_date": report.up_to_date, "withheld": report.withheld,
            "fallbacks": [[f.catalog.as_posix(), f.line, f.msgid, f.state, f.context, f.reason, f.rule]
                          for f in report.fallbacks]}
    atomic.write_text(config.build_dir / STAMP, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _fingerprint(paths: Iterator[Path] | list[Path]) -> tuple[str, int]:
    """A digest of what ``os.stat`` says of each path (absent ones too), in order; the newest modification."""
    digest = hashlib.sha256()
    newest = 0
    for path in paths:
        try:
            s = os.stat(path)
            newest = max(newest, s.st_mtime_ns)
            digest.update(f"{path}\0{s.st_size}\0{s.st_mtime_ns}\0{s.st_ctime_ns}\0{s.st_ino}\n".encode(
                "utf-8", "surrogateescape"))
        except OSError:
            digest.update(f"{path}\0absent\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), newest


def _inputs(config: Config) -> Iterator[Path]:
    """Every file, and every folder (whose times change when a file comes or goes), a build may read."""
    yield config.root / "pyproject.toml"
    yield from _tree(config.source_dir)
    yield from _tree(config.translations_dir)
    yield from _tree(_PACKAGE, skip=("__pycache__",))
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            yield Path(spec.origin)
    for root in _FONT_ROOTS:
        yield from _tree(Path(root).expanduser())


def _tree(root: Path, skip: tuple[str, ...] = ()) -> Iterator[Path]:
    """``root``, its folders and files, in a stable order."""
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in skip)
        yield Path(folder)
        for name in sorted(files):
            yield Path(folder) / name
