"""An interrupted update or build leaves every file it was writing exactly as it was before."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from diglot.cli import main
from helpers import FIXTURES, po, replace_in, snapshot, translate_catalog

pytestmark = pytest.mark.slow  # each case updates or builds the sample, PDFs and all

ARTICLE = "source/articles/every-block.md"


class Interrupt:
    """Stops the run, as Ctrl-C would, at one step (fsync or replace) of its n-th atomic write, and
    remembers which file that write was replacing."""

    def __init__(self, monkeypatch, step: str, nth: int):
        self.calls, self.nth, self.target = 0, nth, None
        original = getattr(os, step)

        def interrupted(*args, **kwargs):
            self.calls += 1
            if self.calls == self.nth:
                self.target = _target(step, args)
                raise KeyboardInterrupt
            return original(*args, **kwargs)

        monkeypatch.setattr(os, step, interrupted)


def _target(step: str, args: tuple) -> Path:
    """The file an atomic write replaces: the rename's target, or what its temporary file stands for."""
    if step == "replace":
        return Path(args[1])
    temporary = Path(os.readlink(f"/proc/self/fd/{args[0]}"))  # .<name>.<random>.tmp beside the file
    return temporary.with_name(temporary.name[1:].rsplit(".", 2)[0])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, Path]:
    """The sample translated and built, PDFs and all, then its article revised (title and an item) and not
    yet updated: made once per module, with a copy to restore from. Restored at the same path, because
    the PDFs depend on where the build folder is."""
    base = tmp_path_factory.mktemp("interrupt")
    root = base / "project"
    shutil.copytree(FIXTURES / "sample", root)
    assert main(["--project", str(root), "update"]) == 0
    translate_catalog(po(root, "zh_Hant", "every-block"))
    translate_catalog(po(root, "zh_Hant", "site"))
    assert main(["--project", str(root), "build"]) == 0
    replace_in(root, ARTICLE, "A tight item", "A tight, revised item")
    replace_in(root, ARTICLE, "title: Every Block Kind", "title: Every Block Kind, Revised")
    shutil.copytree(root, base / "pristine", symlinks=True)
    return root, base / "pristine"


@pytest.fixture
def changed(pristine) -> Path:
    """A fresh copy of the revised project, at the path it was built at."""
    root, copy = pristine
    shutil.rmtree(root)
    shutil.copytree(copy, root, symlinks=True)
    return root


def _check_interrupted(root: Path, before: dict[str, bytes], result, interrupt: Interrupt) -> None:
    assert result.status == 130 and "interrupted" in result.err
    after = snapshot(root)
    cut_short = interrupt.target.relative_to(root).as_posix()
    assert after.get(cut_short) == before.get(cut_short), f"{cut_short} was not left as it was"
    assert not [name for name in after if name.endswith(".tmp")], "a temporary file was left behind"
    changed = [name for name in before if after.get(name) != before[name]]
    for name in changed:  # a file that changed was replaced whole, never cut short
        if name.endswith(".po"):
            subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(root / name)], check=True)
        if name.endswith(".pdf"):
            assert after[name].rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("step", ["fsync", "replace"])
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_interrupted_update_keeps_every_previous_file(changed, diglot, monkeypatch, step, nth):
    root = changed
    before = snapshot(root)
    interrupt = Interrupt(monkeypatch, step, nth)
    result = diglot(root, "update")
    _check_interrupted(root, before, result, interrupt)
    monkeypatch.undo()
    assert diglot(root, "update").status == 0


@pytest.mark.parametrize("step", ["fsync", "replace"])
@pytest.mark.parametrize("nth", [1, 2, 5])
def test_interrupted_build_keeps_every_previous_file(changed, diglot, monkeypatch, step, nth):
    root = changed
    diglot(root, "update")
    before = snapshot(root)
    interrupt = Interrupt(monkeypatch, step, nth)
    result = diglot(root, "build", "--jobs", "1")
    _check_interrupted(root, before, result, interrupt)
    monkeypatch.undo()
    assert diglot(root, "build").status == 0
