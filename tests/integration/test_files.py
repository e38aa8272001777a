"""The files diglot writes: the same bytes whatever tool versions wrote them, and modes others can read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import babel.messages.catalog
import pytest

from helpers import po

pytestmark = pytest.mark.slow  # full builds under each umask


def _modes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*") if p.is_file()}


def test_templates_do_not_depend_on_the_babel_version(project, diglot, monkeypatch):
    assert diglot(project, "extract").status == 0
    templates = {p.name: p.read_bytes() for p in (project / "translations/templates").glob("*.pot")}
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "99.9.9")
    for path in (project / "translations/templates").glob("*.pot"):
        path.unlink()
    assert diglot(project, "extract").status == 0
    assert {p.name: p.read_bytes() for p in (project / "translations/templates").glob("*.pot")} == templates
    assert all(b"Generated-By" not in data and b"99.9.9" not in data for data in templates.values())


def test_a_build_under_umask_022_is_readable_by_everyone(project):
    def build() -> None:
        os.umask(0o022)

    for command in ("update", "build"):
        subprocess.run([sys.executable, "-m", "diglot", "--project", str(project), command], check=True,
                       capture_output=True, preexec_fn=build)
    modes = _modes(project / "build")
    assert any(name.endswith(".pdf") for name in modes) and any(name.endswith(".html") for name in modes)
    assert {name: oct(mode) for name, mode in modes.items() if mode != 0o644} == {}
    assert all(mode == 0o644 for mode in _modes(project / "translations").values())


def test_a_catalog_keeps_its_mode_through_update(project, diglot):
    assert diglot(project, "update").status == 0
    catalog = po(project, "zh_Hant", "every-block")
    catalog.chmod(0o664)
    (project / "source/articles/every-block.md").write_text(
        (project / "source/articles/every-block.md").read_text(encoding="utf-8") + "\nA new paragraph.\n",
        encoding="utf-8")
    assert diglot(project, "update").status == 0
    assert "A new paragraph." in catalog.read_text(encoding="utf-8")
    assert stat.S_IMODE(catalog.stat().st_mode) == 0o664
