"""docs/walkthrough.md, run as a newcomer runs it: every ``sh`` block in order, in a clean copy of the
repository, each output compared with the ``text`` block the walkthrough shows after it.

The commands are read from the document itself, so the document and this test cannot drift apart. In a
``text`` block a line ``…`` stands for any number of lines, and ``…`` within a line for any text (a date,
a port). Blocks fenced as ``shell`` are shown, not run: setting up the machine, deploying.

``pytest tests/e2e/test_walkthrough.py --walkthrough-print`` prints what each step printed, to update the
document after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import REPO, interruptible

WALKTHROUGH = REPO / "docs" / "walkthrough.md"
_STEP = re.compile(r"^```sh\n(?P<commands>.*?)^```\n(?:\n*^```text\n(?P<output>.*?)^```\n)?", re.M | re.S)
_FRONT_MATTER = re.compile(r"^```yaml\n(?P<text>---\n.*?)^```\n", re.M | re.S)


@dataclass(frozen=True)
class Step:
    commands: str
    output: str | None  # None: the walkthrough shows no output for it


def steps(text: str) -> list[Step]:
    """The walkthrough's ``sh`` blocks, each with the ``text`` block that follows it."""
    return [Step(m.group("commands"), m.group("output")) for m in _STEP.finditer(text)]


def expected(output: str) -> re.Pattern[str]:
    """The pattern a step's printed text must match: ``…`` lines for any lines, ``…`` for any text."""
    parts = []
    for line in output.splitlines():
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*".join(map(re.escape, line.split("…"))) + r"\n")
    return re.compile("".join(parts))


def clean_clone(target: Path) -> None:
    """A clone of the repository as it stands in the working tree: the tracked files only (no build/,
    no .venv), committed in a repository of its own."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "clone"], cwd=target, check=True, env=_environment(target))


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "DIGLOT"))}
    return {**env, "PATH": f"{REPO / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}", "PYTHONUNBUFFERED": "1",
            "HOME": str(home), "GIT_AUTHOR_NAME": "Ed Itor", "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Ed Itor", "GIT_COMMITTER_EMAIL": "editor@example.org", "LC_ALL": "C.UTF-8"}


def run_step(step: Step, root: Path, env: dict[str, str]) -> str:
    """Run one step's commands with bash in ``root``; what they printed, stdout and stderr as a terminal
    shows them."""
    if step.commands.startswith("diglot serve"):
        return _preview(step, root, env)
    done = subprocess.run(["bash", "-e", "-c", step.commands], cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=900)
    assert done.returncode == 0, f"{step.commands}\nexited {done.returncode}:\n{done.stdout}"
    return done.stdout


def _preview(step: Step, root: Path, env: dict[str, str]) -> str:
    """``diglot serve`` runs until stopped: read what it prints until it names its address, fetch a page
    there, then stop it as Ctrl-C does."""
    process = subprocess.Popen(["bash", "-c", f"exec {step.commands.strip()}"], cwd=root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=interruptible)
    try:
        lines = []
        while not (lines and lines[-1].startswith("serve: http://")):
            line = process.stdout.readline() if process.stdout else ""
            assert line, "".join(lines)
            lines.append(line)
        url = lines[-1].split()[1]
        with urllib.request.urlopen(url + "zh-Hant/taiwan-chips.html", timeout=60) as page:
            assert page.status == 200 and "晶片與海峽" in page.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    return "".join(lines) + rest


def test_the_walkthrough_runs_as_written(tmp_path, request):
    text = WALKTHROUGH.read_text(encoding="utf-8")
    found = steps(text)
    assert len(found) >= 8, "the walkthrough lost its steps"
    root = tmp_path / "diglot"
    root.mkdir()
    clean_clone(root)
    env = _environment(tmp_path)
    printing = request.config.getoption("--walkthrough-print", default=False)
    for step in found:
        printed = run_step(step, root, env)
        if printing:
            print(f"\n$ {step.commands}{printed}")
        elif step.output is not None:
            assert expected(step.output).fullmatch(printed), f"{step.commands}\nprinted:\n{printed}"
    _front_matter_as_shown(text, root)
    assert (root / "build/web/zh-Hant/taiwan-chips.html").is_file()
    assert (root / "build/web/zh-Hant/taiwan-chips.pdf").is_file()
    assert not (root / "build/preview/web/zh-Hant/taiwan-chips.pdf").exists()  # the preview kept to its folder


def _front_matter_as_shown(text: str, root: Path) -> None:
    """The front matter the walkthrough shows is the one ``diglot new`` wrote (its date aside)."""
    shown = _FRONT_MATTER.search(text)
    assert shown is not None, "the walkthrough shows no front matter"
    written = subprocess.run(["git", "show", "HEAD:source/articles/taiwan-chips.md"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    front = written[: written.index("\n---\n", 4) + 5]
    assert expected(shown.group("text")).fullmatch(front), front


@pytest.fixture(scope="session", autouse=True)
def _walkthrough_tools_exist():
    if not (REPO / ".venv" / "bin" / "diglot").exists():
        pytest.skip("run scripts/setup first: the walkthrough runs .venv/bin/diglot")
