"""Two runs on one project never interleave: the second waits for the first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diglot.files.lock import LOCK_FILE, project_lock

pytestmark = pytest.mark.slow  # parallel builds, and processes killed mid-build


def test_a_second_run_waits_for_the_first(project):
    with project_lock(project):
        second = subprocess.Popen([sys.executable, "-m", "diglot", "--project", str(project), "update"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert second.stderr is not None
        waiting = second.stderr.readline()  # written once it has found the lock taken, before it blocks
        assert "diglot: waiting for diglot process" in waiting
        assert second.poll() is None, "the second run did not wait"
        assert not (project / "translations").exists(), "the second run wrote while the lock was held"
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert (project / "translations/templates/every-block.pot").exists()


def test_reading_commands_take_no_lock(project, diglot):
    with project_lock(project):
        assert diglot(project, "status").status == 0


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _holds_lock_file(pid: int, lock: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(lock) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_killing_a_parallel_build_leaves_the_project_unlocked(project):
    """Kill -9 only the main process of ``build --jobs 2``: its PDF workers hold no copy of the lock and
    die with it, so the next run gets the lock at once instead of waiting for ever."""
    for n in range(6):  # enough PDFs that the workers are still rendering when the build is killed
        shutil.copy(project / "source/articles/every-block.md", project / f"source/articles/copy-{n}.md")
    build = subprocess.Popen([sys.executable, "-m", "diglot", "--project", str(project), "build", "--format", "pdf",
                              "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert build.stdout is not None
    workers: list[int] = []
    for line in build.stdout:  # a line per output made; the workers start before the first PDF is done
        workers = [pid for pid in _children(build.pid) if _cmdline(pid).startswith(sys.executable)]
        if len(workers) >= 2 or (line.startswith("build: [") and ".pdf" in line):
            break
    assert len(workers) >= 2, "the build ended before its workers could be seen"
    lock = project / LOCK_FILE
    assert _holds_lock_file(build.pid, lock)
    assert not any(_holds_lock_file(pid, lock) for pid in workers), "a worker holds the project lock"

    build.kill()
    build.wait()

    def waited(holder: str) -> None:
        raise AssertionError(f"the next run had to wait for {holder}")

    with project_lock(project, on_wait=waited):  # at once: nothing else holds it
        pass
    for pid in workers:  # and the orphaned workers die with their parent (parent-death signal)
        _wait_gone(pid)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _wait_gone(pid: int) -> None:
    """Wait, polling the process table, until ``pid`` has ended (or became a zombie nobody reaps)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state in ("Z", "X"):
            return
        os.sched_yield()
    raise AssertionError(f"worker {pid} outlived the build it worked for")


def test_a_stale_holder_is_named_as_such(project):
    """The lock file names the run that took the lock; when that run has ended while something it left
    behind still holds the lock, the waiting run says so, and acts on nothing the file says."""
    dead = subprocess.Popen(["true"])  # its process id is no longer running once reaped
    dead.wait()
    lock = project / LOCK_FILE
    lock.write_text(f"diglot process {dead.pid}\n")
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys\nf = open(sys.argv[1], 'a')\n"
                               "fcntl.flock(f, fcntl.LOCK_EX)\nprint('held', flush=True)\nsys.stdin.read()",
                               str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "held\n"
    seen: list[str] = []

    def waiting(who: str) -> None:
        seen.append(who)
        holder.stdin.close()  # the leftover goes away: the wait ends

    with project_lock(project, on_wait=waiting):
        pass
    holder.wait()
    assert seen == [f"a process left over from diglot process {dead.pid}, which has ended (see: fuser {LOCK_FILE})"]
