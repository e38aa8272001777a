"""Two runs on one project never interleave: the second waits for the first."""

from __future__ import annotations

import subprocess
import sys

from diglot.lock import project_lock


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
