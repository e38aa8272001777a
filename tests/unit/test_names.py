"""Every module or name of diglot that the code's docstrings and comments, its stylesheets and templates,
the scripts, the benchmark, the README, docs/ and the translators' notes cite (``diglot.catalogs.pofile``,
``diglot.sources.documents.missing_alt``) exists: a module moved or a name renamed takes its citations with
it. CHANGELOG.md is history, and names what was."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from helpers import REPO

# A dotted name beginning ``diglot.``, not part of a longer name or path (``tool.diglot``, ``static/diglot.css``).
_CITED = re.compile(r"(?<![\w./-])diglot(?:\.[A-Za-z_]\w*)+")
# A file of the package named by its path: ``diglot/catalogs/pofile.py``, ``diglot/static/print.css``.
_CITED_FILE = re.compile(r"(?<![\w./-])diglot/[\w/.-]*\w")
# Files, not modules: the stylesheet and the lock file.
_FILES = {"diglot.css", "diglot.lock"}


# The package's text files besides its modules: stylesheets, templates, the checks' data.
_PACKAGE_TEXT = {".py", ".css", ".html", ".xml", ".csv", ".svg"}


def _texts() -> list[Path]:
    package = [p for p in sorted((REPO / "diglot").rglob("*")) if p.suffix in _PACKAGE_TEXT]
    return [*package, *sorted((REPO / "scripts").iterdir()), *sorted((REPO / "bench").glob("*.py")),
            REPO / "bench" / "README.md", REPO / "README.md", *sorted((REPO / "docs").rglob("*.md")),
            *sorted((REPO / "translations").rglob("*.md"))]


def _citations() -> list[tuple[str, str]]:
    found = []
    for path in _texts():
        for match in _CITED.finditer(path.read_text(encoding="utf-8")):
            name = match.group(0).rstrip(".")
            if name not in _FILES:
                found.append((path.relative_to(REPO).as_posix(), name))
    return sorted(set(found))


def resolves(name: str) -> bool:
    """True when ``name`` is a module of diglot, or a name defined in one (a class's attribute too)."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_citations_are_found():
    """The scan sees the citations it is there to check (a test that finds none would pass forever)."""
    names = {name for _, name in _citations()}
    assert {"diglot.catalogs.pofile", "diglot.layout"} <= names
    assert ("diglot/static/print.css", "diglot.pdf.justify") in _citations()  # a stylesheet's comment


def test_every_cited_name_exists():
    missing = [f"{path} cites {name}" for path, name in _citations() if not resolves(name)]
    assert missing == [], "names cited that do not exist"


def test_every_cited_file_of_the_package_exists():
    cited = {(path.relative_to(REPO).as_posix(), match.group(0)) for path in _texts()
             for match in _CITED_FILE.finditer(path.read_text(encoding="utf-8"))}
    assert len(cited) > 5
    assert sorted(f"{path} cites {name}" for path, name in cited if not (REPO / name).exists()) == []


def test_a_name_that_is_gone_does_not_resolve():
    assert not resolves("diglot.extract")
    assert not resolves("diglot.catalogs.extract.write_templates")
