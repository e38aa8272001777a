"""Work spread over processes: a pool of ``jobs`` workers, or none at all for a single job.

Rendering a PDF is pure Python for the most part, so threads would take turns on one core; processes use
them all. On Linux the workers are forked, and inherit the modules the build has already imported.
Results come back to the calling thread only, through ``poll`` and ``wait``, so that the caller reports
progress and records results without locks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Done = Callable[[Any, Any], None]  # called with the tag an item was submitted with, and its result


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """Runs ``function(item)`` for each submitted item, calling ``done(tag, result)`` as each finishes."""

    def __init__(self, jobs: int, count: int, done: Done):
        """``count`` is how many items will come: no more processes are started than there is work for."""
        self.done = done
        self.pending: dict[Future[Any], Hashable] = {}
        processes = min(jobs, count)
        self.pool = _pool(processes) if processes > 1 else None

    def submit(self, function: Callable[[Any], Any], item: Any, tag: Hashable) -> None:
        """Start ``function(item)`` in a worker; with no pool, run it now."""
        if self.pool is None:
            self.done(tag, function(item))
            return
        self.pending[self.pool.submit(function, item)] = tag

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
            tag = self.pending.pop(future)
            self.done(tag, future.result())


def _pool(processes: int) -> ProcessPoolExecutor:
    """A pool of forked workers where there is fork: they start at once, with WeasyPrint already imported.

    Imported here: a build with one job, or no PDF to render, needs no multiprocessing at all.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods()
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork") if fork else None)
