"""The POT maker: a process forked as extraction starts, to make the few POTs a run finds missing.

After one article's edit, an extraction spends more time importing what segments and writes a POT
(Markdown, Babel, the segmenter) than reading and checking every other source. Forked before the sources
are read, the maker imports all that on another core while the parent reads them; the parent then hands
it the POTs to make (their documents, by pickle) and takes their bytes back, never importing any of
it itself. Where there is no fork or a single core, or when the parent has nothing or a great deal to make
(then a pool of every core makes them, :mod:`diglot.catalogs.extract`), the maker is stopped unused; in
a process that has imported the segmenter already, none is forked (:func:`started`).

Like the PDF workers (:mod:`diglot.workers`) it dies with its parent and holds no copy of the project
lock; an error it meets (bad input in a source) comes back to the parent and is raised there.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from typing import Any

from diglot.catalogs.pot import make_pot

_SEGMENTER = "diglot.sources.segments"  # what making a POT imports, the longest import of all


def started() -> PotMaker | None:
    """A maker forked now, or None where it would have nothing to import: this process has the segmenter
    already (``diglot serve``, which updates again and again), and makes the POTs itself."""
    return None if _SEGMENTER in sys.modules else PotMaker()


class PotMaker:
    """A forked process waiting to make POTs; ``pid`` is None where none could be forked."""

    def __init__(self) -> None:
        self.pid: int | None = None
        if not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2:
            return
        inbox, to_maker = os.pipe()
        from_maker, outbox = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(to_maker)
            os.close(from_maker)
            _serve(os.getppid(), inbox, outbox)  # never returns
        os.close(inbox)
        os.close(outbox)
        self.pid, self._send, self._receive = pid, to_maker, from_maker

    def make(self, items: list[Any]) -> list[bytes]:
        """The bytes of each POT of ``items`` (as :func:`diglot.catalogs.pot.make_pot` takes them)."""
        if self.pid is None:
            raise RuntimeError("no POT maker")
        pid, self.pid = self.pid, None
        try:
            with os.fdopen(self._send, "wb") as send:
                pickle.dump(items, send, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(self._receive, "rb") as receive:
                status, value = pickle.load(receive)
        except (OSError, EOFError, pickle.UnpicklingError):  # the maker died: they are made here instead
            _end(pid)
            return [make_pot(item) for item in items]
        os.waitpid(pid, 0)
        if status != "made":
            raise value
        return list(value)

    def close(self) -> None:
        """Stop a maker that was not used."""
        if self.pid is not None:
            pid, self.pid = self.pid, None
            os.close(self._send)
            os.close(self._receive)
            _end(pid)


def _end(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _serve(parent: int, inbox: int, outbox: int) -> None:
    """In the maker: import, make what the parent sends, send the bytes (or the error) back, and end."""
    result: tuple[str, Any]
    try:
        _die_with(parent)
        # Imported now, in the maker, while the parent reads the sources: what making a POT needs.
        from diglot.catalogs.potwriter import pot_bytes  # noqa: F401
        from diglot.sources.segments import segment_document  # noqa: F401

        with os.fdopen(inbox, "rb") as receive:
            items = pickle.load(receive)
        result = ("made", [make_pot(item) for item in items])
    except BaseException as error:  # every error goes back to the parent, which raises it
        result = ("error", error)
    try:
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an error that cannot be pickled, said as it is
            data = pickle.dumps(("error", RuntimeError(repr(error))))
        with os.fdopen(outbox, "wb") as send:
            send.write(data)
    finally:
        os._exit(0)  # no atexit handler, no flush of the parent's buffers


def _die_with(parent: int) -> None:
    """Be killed when the parent ends (Linux's parent-death signal), as the workers of :mod:`diglot.workers`
    are, without importing what the workers need."""
    import ctypes  # lazy: only in the forked maker

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)
