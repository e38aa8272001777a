"""The README's promises about the code: every module of the package is listed under *The code*."""

from __future__ import annotations

import re

from helpers import REPO


def test_the_readme_lists_every_module():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The code"):]
    section = section[: section.index("\n## ", 1)]
    listed = set(re.findall(r"^\| `(diglot/[\w/]+\.py)` \|", section, re.M))
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "diglot").rglob("*.py")}
    assert modules - listed == set(), "modules missing from the README's table"
    assert listed - modules == set(), "the README lists modules that do not exist"
