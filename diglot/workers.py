"""Work spread over processes: a pool of ``jobs`` workers, or none at all for a single job.

Rendering a PDF is pure Python for the most part, so threads would take turns on one core; processes use
them all. On Linux the workers are forked, and inherit the modules the build has already imported.
Results come back to the calling thread only, through ``poll`` and ``wait``, so that the caller reports
progress and records results without locks.

Each worker dies with the process that started it (Linux's parent-death signal), holds no copy of the
project lock (see :mod:`diglot.files.lock`), and works within limits: a heap size (``render-memory``) and a
time per item (``render-seconds``). An item over its time, or a worker that dies, is bad input naming
the item; the work not yet started is dropped.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from diglot.errors import DiglotError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor  # lazy: as above

Done = Callable[[Any, Any], None]  # called with the tag an item was submitted with, and its result


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class WorkLimits:
    """What one item may take: seconds of time, and bytes of heap in a worker process."""

    seconds: int
    memory: int


class Workers:
    """Runs ``function(item)`` for each submitted item, calling ``done(tag, result)`` as each finishes."""

    def __init__(self, jobs: int, count: int, done: Done, limits: WorkLimits | None = None):
        """``count`` is how many items will come: no more processes are started than there is work for."""
        self.done = done
        self.limits = limits
        self.pending: dict[Future[Any], tuple[Hashable, str]] = {}
        processes = min(jobs, count)
        # A time limit is an alarm signal, which only a main thread may set: work started from another thread
        # (the preview server rebuilds in one) goes to a worker process even when one job is asked for.
        timed_off_main = bool(limits and limits.seconds) and threading.current_thread() is not threading.main_thread()
        self.pool = _pool(processes, limits) if processes > 1 or (timed_off_main and count) else None

    def submit(self, function: Callable[[Any], Any], item: Any, tag: Hashable, name: str = "") -> None:
        """Start ``function(item)`` in a worker; with no pool, run it now. ``name`` says what it is."""
        seconds = self.limits.seconds if self.limits else 0
        if self.pool is None:
            self.done(tag, _timed(function, item, seconds, name))
            return
        self.pending[self.pool.submit(_timed, function, item, seconds, name)] = (tag, name)

    def poll(self) -> None:
        """Hand over the results that are ready, without waiting."""
        self._collect(timeout=0)

    def wait(self) -> None:
        """Hand over every result, waiting for each."""
        while self.pending:
            self._collect(timeout=None)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers; with ``cancel``, drop the work not yet started (after an error)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        self.close(cancel=error is not None)

    def _collect(self, timeout: float | None) -> None:
        if not self.pending:
            return
        finished, _ = wait(list(self.pending), timeout=timeout, return_when=FIRST_COMPLETED)
        # Submission order among those finished together, so that a run's reports are stable.
        order = {future: index for index, future in enumerate(self.pending)}
        for future in sorted(finished, key=order.__getitem__):
            tag, name = self.pending.pop(future)
            self.done(tag, _result(future, name))


def _result(future: Future[Any], name: str) -> Any:
    from concurrent.futures.process import BrokenProcessPool  # lazy: only a pool's results need it

    try:
        return future.result()
    except BrokenProcessPool:
        raise DiglotError(name or None, None, "a worker died while making it (out of memory, or killed)",
                          "make the document smaller or simpler, or raise render-memory under "
                          "[tool.diglot.limits]") from None
    except MemoryError:
        raise DiglotError(name or None, None, "needs more memory than the render-memory limit",
                          "make the document smaller or simpler, or raise render-memory under "
                          "[tool.diglot.limits]") from None


class _OverTime(Exception):
    pass


def _timed(function: Callable[[Any], Any], item: Any, seconds: int, name: str) -> Any:
    """``function(item)``, stopped after ``seconds`` (0: no limit) with bad input naming the item."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, stop) if seconds else None
    if seconds:
        signal.alarm(seconds)
    try:
        return function(item)
    except _OverTime:
        raise DiglotError(Path(name) if name else None, None, f"took longer than {seconds} s to make",
                          "make the document smaller or simpler, or raise render-seconds under "
                          "[tool.diglot.limits]") from None
    except RecursionError:
        raise DiglotError(Path(name) if name else None, None, "is nested too deeply to make",
                          "nest its blocks and markup less deeply") from None
    finally:
        if seconds:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _start_worker(parent: int, memory: int) -> None:
    """In a new worker: die with the parent, and keep to the heap limit."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends when it finds its queue closed
        pass
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)
    if memory:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _pool(processes: int, limits: WorkLimits | None) -> ProcessPoolExecutor:
    """A pool of forked workers where there is fork: they start at once, with WeasyPrint already imported.

    Imported here: a build with one job, or no PDF to render, needs no multiprocessing at all.
    """
    import multiprocessing  # lazy: a single job starts no pool
    from concurrent.futures import ProcessPoolExecutor  # lazy: as above

    fork = "fork" in multiprocessing.get_all_start_methods()
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork") if fork else None,
                               initializer=_start_worker, initargs=(os.getpid(), limits.memory if limits else 0))
