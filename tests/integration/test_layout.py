"""Where outputs live: every link a page makes resolves to a file the same build wrote."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from diglot.config import load_config
from helpers import po, pseudo, translate_catalog

pytestmark = pytest.mark.slow  # full builds, PDFs and all

_LOCAL_LINK = re.compile(r'\b(?:href|src)="(?![a-z]+:|#|//)([^"#?]+)')


def _broken_links(web: Path, authored: str, top: str) -> list[str]:
    """Local links that lead nowhere, but for those the author wrote in the article itself. A link from the
    server's top (the 404 page's) starts with ``top``, the path of the site's base-url."""
    broken = []
    for page in sorted(web.rglob("*.html")):
        site_path = page.relative_to(web).as_posix()
        for target in _LOCAL_LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith("/"):
                resolved = target[len(top):] if target.startswith(top) else "/nowhere"
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(site_path), target))
            if not (web / resolved).is_file() and f"]({target})" not in authored:
                broken.append(f"{site_path} -> {target}")
    return broken


@pytest.mark.parametrize("formats", [(), ("--format", "html")])
def test_every_local_link_resolves(project, diglot, formats):
    assert diglot(project, "update").status == 0
    translate_catalog(po(project, "zh_Hant", "every-block"), pseudo)
    assert diglot(project, "build", *formats).status == 0
    web = project / "build/web"
    pages = list(web.rglob("*.html"))
    assert len(pages) >= 4
    authored = (project / "source/articles/every-block.md").read_text(encoding="utf-8")
    assert _broken_links(web, authored, urlsplit(load_config(project).base_url).path) == []
    pdf_links = [p for p in pages if 'type="application/pdf"' in p.read_text(encoding="utf-8")]
    assert bool(pdf_links) == (formats == ()), "pages link their PDF exactly when the build makes it"


def test_a_full_build_after_an_html_build_adds_the_pdf_links(project, diglot):
    assert diglot(project, "update").status == 0
    assert diglot(project, "build", "--format", "html").status == 0
    page = project / "build/web/en/every-block.html"
    assert "application/pdf" not in page.read_text(encoding="utf-8")
    assert diglot(project, "build").status == 0
    assert 'href="../en/every-block.pdf" type="application/pdf"' in page.read_text(encoding="utf-8")
    assert (project / "build/web/en/every-block.pdf").is_file()
