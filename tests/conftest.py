"""Shared fixtures: a sample project built in tmp_path, the CLI run in-process, pseudo-translations."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from diglot.cli import main
from helpers import FIXTURES, GOLDEN, Arena, Run, copy_publication, make_decoy, po, translate_catalog

# CI runs the property tests on a fixed seed, so that a submission's result does not depend on luck;
# elsewhere each run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Everything in tests/e2e is slow (browsers, whole builds of the publication, the press edition); elsewhere
    a module or a test says so itself (``pytest.mark.slow``). ``scripts/test --quick`` leaves them out."""
    for item in items:
        if TESTS / "e2e" in item.path.parents:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite the golden files from this run")
    parser.addoption("--walkthrough-print", action="store_true",
                     help="print what each step of docs/walkthrough.md printed, instead of comparing")


@pytest.fixture
def golden(request):
    """Compare text with a golden file, or rewrite it with --regen-golden."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--regen-golden"):
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"no golden file {path}: run pytest --regen-golden"
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

    return check


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the sample project: one article with every block kind, a Chinese house note."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "sample", root)
    return root


@pytest.fixture
def diglot(capsys) -> Callable[..., Run]:
    """Run the diglot CLI in-process on a project and capture what it prints."""

    def run(root: Path, *args: str) -> Run:
        capsys.readouterr()
        status = main(["--project", str(root), *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``make`` once per run: by the first worker that asks, while the others
    wait for it, then read by all (pytest-xdist gives each worker a temporary folder, below one they share).
    What is made so is only read: a test that changes it works on a copy."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, made = shared / name, shared / f"{name}.made"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker's attempt that failed
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


def _built_sample(root: Path) -> None:
    shutil.copytree(FIXTURES / "sample", root, dirs_exist_ok=True)
    assert main(["--project", str(root), "update"]) == 0
    for language, domain in (("zh_Hant", "every-block"), ("zh_Hant", "site"), ("en", "house-note"),
                             ("en", "site")):
        if po(root, language, domain).exists():
            translate_catalog(po(root, language, domain))
    assert main(["--project", str(root), "build", "--jobs", "1"]) == 0


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """The sample project updated, translated (pseudo-translations) and built once per run, PDFs and all, for
    the hostile-input suite to copy: a case never rebuilds what it does not need to."""
    return made_once(tmp_path_factory, "built", _built_sample)


@pytest.fixture
def arena(built_project: Path, tmp_path: Path) -> Arena:
    """A fresh copy of the built project, and a decoy tree beside it that nothing may touch."""
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    make_decoy(tmp_path / "decoy", built_project)
    return Arena(root, tmp_path / "decoy")


def _built_publication(root: Path) -> None:
    copy_publication(root)
    result = subprocess.run([sys.executable, "-m", "diglot", "--project", str(root), "build"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no fallback, no WeasyPrint warning (missing glyph, refused file)


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> Path:
    """A copy of the repository's publication (No. 29 and its catalogs), built whole once per run."""
    return made_once(tmp_path_factory, "publication", _built_publication)


def _built_pseudo_sample(sample: Path) -> None:
    from PIL import Image

    from diglot.catalogs.update import update
    from diglot.config import load_config

    shutil.copytree(FIXTURES / "sample", sample, dirs_exist_ok=True)
    Image.new("RGB", (1200, 675), (122, 31, 31)).save(sample / "source/images/pixel.png")
    update(load_config(sample))
    for path in (sample / "translations").glob("*/LC_MESSAGES/*.po"):
        translate_catalog(path)
    assert main(["--project", str(sample), "build"]) == 0


@pytest.fixture(scope="session")
def sites(publication, tmp_path_factory) -> dict[str, Path]:
    """The web editions the web and browser tests look at, built once per run (web and print): the
    publication (the run's), and the sample, pseudo-translated, with a lead picture large enough for
    narrower copies."""
    return {"publication": publication, "sample": made_once(tmp_path_factory, "sample-site", _built_pseudo_sample)}
