"""Timing and memory of whole processes, as the benchmark measures them.

Time is wall-clock (``time.perf_counter``) around the process, start-up included. Memory is measured two
ways, because a process pool's memory is spread over several processes:

- ``max_rss``: the largest resident set of any one process of the tree (the command and every worker it
  waited for), exact, from ``wait4``;
- ``tree_rss`` / ``tree_pss``: the largest sum over the live process tree, sampled every 200 ms from
  ``/proc``. RSS counts pages shared by forked workers once per process (an overestimate); PSS splits
  them between the processes that share them (the memory the machine really gives the tree).
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """One measured process."""

    seconds: float
    max_rss_mb: float
    tree_rss_mb: float = 0.0
    tree_pss_mb: float = 0.0
    stdout: str = ""
    stderr: str = ""


def run(command: list[str], sample_memory: bool = False, timeout: float | None = None, **options) -> Run:
    """Run ``command`` to its end (TimeoutError past ``timeout`` seconds); fail loudly if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, **options)
        sampler = _Sampler(process.pid) if sample_memory else None
        killer = threading.Timer(timeout, process.kill) if timeout else None
        if killer:
            killer.start()
        # wait4 rather than wait: it gives the child's resource usage, with that of the workers it reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        for helper in (sampler, killer):
            if helper:
                helper.cancel()
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if killer and process.returncode == -signal.SIGKILL:
        raise TimeoutError(f"{command[0]} took over {timeout} s")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, sampler.peak_rss / 1024 if sampler else 0.0,
               sampler.peak_pss / 1024 if sampler else 0.0, stdout, stderr)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


# Sparse enough not to steal the cores a parallel build uses: the peaks last seconds (workers hold their
# memory from one document to the next).
_INTERVAL = 0.2


class _Sampler(threading.Thread):
    """Samples the memory of a process tree until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_rss = self.peak_pss = 0
        self._done = threading.Event()
        self.start()

    def run(self) -> None:
        while not self._done.wait(_INTERVAL):
            rss = pss = 0
            for pid in _tree(self.pid):
                r, p = _memory_kb(pid)
                rss, pss = rss + r, pss + p
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def cancel(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from the children files of their threads (no scan of /proc)."""
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the thread or process has just ended
                pending += [int(child) for child in children.read_text().split()]
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) for line in lines[1:] if line.endswith("kB")}
    return values.get("Rss", 0), values.get("Pss", 0)
