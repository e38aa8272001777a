"""Hostile runs: a preview server asked for what it must not serve, a port that is none, a disk with no
byte left for the lock, and a run killed outright in the middle of a merge. Each ends in an exit status
of 0, 1 or 2 with one clean line, or a plain 404: never a traceback, never a file from outside build/web,
never a scratch file left for good.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from diglot.config import load_config
from diglot.outputs.serve import Preview
from helpers import ARTICLE, EB, SECRET, Arena, assert_outcome, tree, untouched

pytestmark = pytest.mark.slow  # the hostile arena: preview servers, killed runs, a full disk


def _diglot(arena: Arena, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diglot", "--project", str(arena.root), *args],
                          capture_output=True, text=True, env=env)


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http", "1e3", ""])
def test_serve_refuses_a_port_that_is_none(arena, port):
    result = _diglot(arena, "serve", "--port", port)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "is not a port" in result.stderr and result.stdout == ""


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# What is planted in build/web once the preview runs: a link to each kind of place it must not serve.
PLANTED = {
    "leak.txt": lambda a: a.decoy / "secret.txt",
    "en/elsewhere": lambda a: a.decoy / "dir",
    "settings.html": lambda a: a.root / "pyproject.toml",
    "en/looped.html": lambda a: a.root / "build/web/en/looped.html",
}
REQUESTS = ["leak.txt", "en/elsewhere/inside.txt", "settings.html", "en/looped.html", "a" * 10_000,
            "en/" + "b" * 300 + "/x.html", "%00", "en/%00.html", "..%2f..%2fpyproject.toml",
            "en/%2e%2e/%2e%2e/pyproject.toml", "//etc/passwd", "en/every-block.html%00.txt"]


def test_serve_answers_hostile_requests_with_a_plain_404(arena, capfd):
    preview = Preview(load_config(arena.root), 0, ("html",), lambda report, error: None)
    preview.start()
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    try:
        for name, target in PLANTED.items():
            arena.link(f"build/web/{name}", target(arena))
        capfd.readouterr()
        for request in REQUESTS:
            status, body = _get(preview.url + request)
            assert status in (400, 404, 414), (request[:40], status)
            assert SECRET not in body and b"[tool.diglot]" not in body, request[:40]
        status, body = _get(preview.url + "en/every-block.html")
        assert status == 200 and b"Every Block Kind" in body  # the site itself is served as ever
    finally:
        preview.stop()
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err, err


def test_serve_refuses_a_build_web_that_is_a_link(arena, capfd):
    preview = Preview(load_config(arena.root), 0, ("html",), lambda report, error: None)
    preview.start()
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    try:
        arena.link("build/web", arena.decoy)
        assert _get(preview.url + "secret.txt")[0] == 404
    finally:
        preview.stop()
    assert "Traceback" not in "".join(capfd.readouterr())


def _in_namespace(arena: Arena, setup: str, command: list[str], env: dict[str, str] | None = None
                  ) -> subprocess.CompletedProcess[str]:
    """Run diglot in its own user and mount namespaces, where ``setup`` (shell) makes the fault."""
    script = f"{setup} && cd {arena.root} && exec {sys.executable} -m diglot {' '.join(command)}"
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                            capture_output=True, text=True, env=env)
    if "unshare failed" in result.stderr or "mount:" in result.stderr:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("command", [["update"], ["build", "--format", "html"], ["glossary"],
                                     ["tmx", "export"], ["review", "every-block", "--locale", "zh_Hant"]])
def test_a_disk_with_no_byte_left_for_the_lock(arena, tmp_path, command):
    """The project on a full file system: every command that takes the lock says so in one line."""
    full = tmp_path / "full"
    full.mkdir()
    before = tree(arena.root)
    setup = (f"mount -t tmpfs -o size=8m tmpfs {full} && cp -a {arena.root} {full}/project && "
             f"rm -f {full}/project/.diglot.lock && (dd if=/dev/zero of={full}/filler bs=4k 2>/dev/null; true) && "
             f"mount --bind {full}/project {arena.root}")
    result = _in_namespace(arena, setup, command)
    assert_outcome(result.returncode, result.stdout, result.stderr, 2, ".diglot.lock",
                   "cannot be written: No space left on device")
    assert tree(arena.root) == before


def _fake_msgmerge(folder: Path, pidfile: Path) -> None:
    """A msgmerge that says where it runs and then hangs: the moment to kill the run that started it."""
    folder.mkdir()
    fake = folder / "msgmerge"
    fake.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nexec sleep 120\n")
    fake.chmod(0o755)


def test_a_run_killed_outright_leaves_nothing_behind_for_good(arena, tmp_path):
    """SIGKILL in the middle of a merge: nothing in the system's temporary folder, the catalogs whole,
    and what the run left in build/.diglot-scratch removed by the next run."""
    arena.edit(ARTICLE, "## A Heading", "## A Heading, Changed")
    bin_dir, pidfile, private_tmp = tmp_path / "bin", tmp_path / "msgmerge.pid", tmp_path / "tmp"
    _fake_msgmerge(bin_dir, pidfile)
    private_tmp.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(private_tmp)}
    catalog = arena.path(EB).read_bytes()
    with untouched(arena):
        run = subprocess.Popen([sys.executable, "-m", "diglot", "--project", str(arena.root), "update"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while not pidfile.exists() or not pidfile.read_text().strip():
                assert run.poll() is None and time.monotonic() < deadline, "msgmerge never started"
                time.sleep(0.05)
            left = list((arena.root / "build/.diglot-scratch").rglob("*"))
            assert left, "the merge works below build/.diglot-scratch"
        finally:
            run.send_signal(signal.SIGKILL)
            run.wait()
            if pidfile.exists() and pidfile.read_text().strip():
                os.kill(int(pidfile.read_text()), signal.SIGKILL)
        assert list(private_tmp.iterdir()) == []
        assert arena.path(EB).read_bytes() == catalog
        again = _diglot(arena, "update", env={**os.environ, "TMPDIR": str(private_tmp)})
    assert again.returncode == 0, again.stderr
    assert not (arena.root / "build/.diglot-scratch").exists()
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("command", [["status"], ["check"], ["--version"], ["status", "--json"]])
def test_a_reader_gone_before_the_output_is_no_traceback(arena, command):
    """``diglot status | head -1``: the pipe closed before diglot writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "diglot", "--project", str(arena.root), *command],
                                stdout=write, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1, 2), result.stderr
