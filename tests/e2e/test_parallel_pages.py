"""The parallel and review editions in the checkers' eyes: the Nu HTML checker and axe-core in Chromium.

The checkers are installed by scripts/setup into .tools/ (pinned); the web edition's pages are checked with
them as the parallel edition's are, so that a page of one kind cannot pass where another fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from diglot.cli import main
from helpers import FIXTURES, REPO, po, pseudo, translate_catalog

# Where scripts/setup installs the Nu checker, axe-core and puppeteer-core (either place serves).
TOOLS = next((folder for folder in (REPO / "tests/browser", REPO / ".tools")
              if (folder / "node_modules/vnu-jar/build/dist/vnu.jar").is_file()), REPO / ".tools")
VNU = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = Path(__file__).parents[1] / "axe.cjs"

pytestmark = pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None or shutil.which("node") is None,
                                reason="the Nu checker and axe-core are installed by scripts/test")


@pytest.fixture(scope="module")
def pages(publication, tmp_path_factory) -> list[Path]:
    """No. 29's web edition; the sample's parallel page with a pending translation; a review edition."""
    root = tmp_path_factory.mktemp("pages") / "sample"
    shutil.copytree(FIXTURES / "sample", root)
    assert main(["--project", str(root), "update"]) == 0
    translate_catalog(po(root, "zh_Hant", "every-block"), lambda m: None if m == "A Heading" else pseudo(m))
    translate_catalog(po(root, "zh_Hant", "site"))
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    assert main(["--project", str(root), "review", "every-block", "--locale", "zh_Hant", "--format", "html"]) == 0
    return [*sorted((publication / "build/web").rglob("*.html")), root / "build/web/en.zh-Hant/every-block.html",
            root / "build/review/zh-Hant/every-block.html"]


def test_the_pages_include_the_parallel_and_review_editions(pages):
    names = [page.relative_to(page.parents[2]).as_posix() for page in pages]
    assert "web/en.zh-Hant/no-more-carrots.html" in names and "web/en.zh-Hant/every-block.html" in names
    assert "review/zh-Hant/every-block.html" in names


def test_nu_html_checker_finds_no_error(pages):
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    found = json.loads(result.stderr or result.stdout)["messages"]
    assert found == [], json.dumps(found, indent=1, ensure_ascii=False)


def test_axe_finds_no_violation_wide_or_on_a_phone(pages):
    result = subprocess.run(["node", str(AXE), str(TOOLS), *map(str, pages)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    checked = json.loads(result.stdout)
    assert len(checked) == 2 * len(pages)
    violations = {page: found for page, found in checked.items() if found}
    assert violations == {}, json.dumps(violations, indent=1)
