"""Shared fixtures: a sample project built in tmp_path, the CLI run in-process, pseudo-translations."""

from __future__ import annotations

import io
import os
import re
import shutil
import zlib
from pathlib import Path
from typing import Callable

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import settings

from diglot.cli import main

# CI runs the property tests on a fixed seed, so that a submission's result does not depend on luck;
# elsewhere each run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite the golden files from this run")


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


class Run:
    """The result of one CLI call."""

    def __init__(self, status: int, out: str, err: str):
        self.status, self.out, self.err = status, out, err


@pytest.fixture
def diglot(capsys) -> Callable[..., Run]:
    """Run the diglot CLI in-process on a project and capture what it prints."""

    def run(root: Path, *args: str) -> Run:
        capsys.readouterr()
        status = main(["--project", str(root), *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|%(?:\(\w+\))?[sd]|\[\^\w+\]|\*\*|\*)")


def pseudo(msgid: str) -> str:
    """The uppercase pseudo-translation: text in capitals, Markdown syntax, code and targets as they are."""
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(_KEEP.split(msgid)))


def translate_catalog(path: Path, translate: Callable[[str], str | None] = pseudo, fuzzy: bool = False) -> None:
    """Fill every msgstr of a PO file with ``translate(msgid)`` (None leaves it untranslated)."""
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.id:
            message.string = translate(message.id) or ""
            if fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


def inflated_pdf(path: Path) -> bytes:
    """A PDF's bytes with its compressed streams inflated too, to search its objects and text operators."""
    data = path.read_bytes()
    streams = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            streams.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return data + b"".join(streams)


def po(root: Path, language: str, domain: str) -> Path:
    return root / "translations" / language / "LC_MESSAGES" / f"{domain}.po"
