"""Translations are untrusted: nothing a translator writes adds script, handlers, unsafe URLs or local files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from diglot.editions.sanitize import sanitize
from diglot.pdf.weasy import ProjectFetcher
from diglot.sources.segments import EXTENSIONS
from helpers import FIXTURES, inflated_pdf, po, pseudo, run_cli, translate_catalog, without_latin_marks

# msgid of the sample article → a hostile translation; each carries a marker that must not get through.
HOSTILE = {
    "A Heading": "<script>alert('m01')</script>",
    "A tight item": "<svg onload=alert('m02')>x</svg>",
    "A nested item": "<iframe src='https://evil.example/m03'></iframe>",
    "A loose item": "[x](javascript:alert('m04'))",
    "Its second paragraph.": "[x](JaVaScRiPt:alert('m05'))",
    "The last loose item": "[x](&#106;avascript:alert('m06')) [y](&#x6A;avascript:alert('m06b'))",
    "A quoted paragraph.": "[x](data:text/html;base64,PHNjcmlwdD5tMDc8L3NjcmlwdD4=)",
    "Another quoted paragraph.": "Quoted m08\n{: onclick=\"alert('m08')\" }",
    "Cell one": "![m09](file:///etc/passwd)",
    "Cell two": "[m10](file:///etc/passwd)",
    "Column A": "![m11](../../../../../../../../etc/passwd)",
    "Column B": "<img src=x onerror=alert('m12')>",
    "Every Block Kind": "<script>alert('m13')</script>",
    "A footnote with *emphasis*.": "<a href=\"javascript:alert('m14')\">m14</a>",
}
MARKERS = [f"m{n:02d}" for n in range(1, 15)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample translated with an attack in each of ``HOSTILE``'s messages, and built: once per module,
    for the tests that read it."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURES / "sample", project)
    run_cli(project, "update")
    translate_catalog(po(project, "zh_Hant", "site"))
    translate_catalog(po(project, "zh_Hant", "every-block"), lambda m: HOSTILE.get(m, pseudo(m)))
    result = run_cli(project, "build")
    assert result.status == 0, result.err
    return project, result


@pytest.mark.slow  # a build, PDFs and all
def test_hostile_translations_reach_neither_html_nor_pdf(hostile):
    project, _ = hostile
    outputs = [p for p in (project / "build").rglob("*") if p.suffix in (".html", ".pdf", ".xml")]
    # the pages, the PDFs, the parallel edition's four files, the feeds and the sitemap
    assert len(outputs) == 19
    for path in outputs:
        data = inflated_pdf(path) if path.suffix == ".pdf" else _without_json_ld(path.read_bytes())
        lowered = data.lower()
        for needle in (b"<script", b"onload", b"onerror", b"onclick", b"<iframe", b"<svg", b"javascript:",
                       b"data:text", b"file:", b"/etc/passwd", b"root:x:0:0", b"&#106;", b"/javascript", b"/launch"):
            assert needle not in lowered, f"{path}: {needle!r}"
        text = _pdf_text(path) if path.suffix == ".pdf" else data.decode("utf-8", "replace")
        assert not [m for m in MARKERS if m in text], path


def _without_json_ld(html: bytes) -> bytes:
    """The page without its JSON-LD, the one script diglot writes: checked to be data, with no markup in it."""
    def data(match: re.Match) -> bytes:
        json.loads(match.group(1))
        assert b"<" not in match.group(1)
        return b""

    return re.sub(rb'<script type="application/ld\+json">(.*?)</script>', data, html, flags=re.S)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.slow  # a build, PDFs and all
def test_each_refused_translation_is_reported_with_its_catalog_line(hostile):
    project, result = hostile
    lines = po(project, "zh_Hant", "every-block").read_text(encoding="utf-8").split("\n")
    for msgid in HOSTILE:
        first = f"msgid {msgid!r}".replace("'", '"')
        line = next(i for i, text in enumerate(lines, 1) if text == first or text.startswith(first[:-1]))
        assert f"translations/zh_Hant/LC_MESSAGES/every-block.po:{line}: warning: translation not published" \
               in result.err, msgid
    # Each is withheld under the rule diglot check reports it by.
    assert sum(result.err.count(f"[{rule}]") for rule in ("html", "links", "images")) == len(HOSTILE)


@pytest.mark.slow  # a build, PDFs and all
def test_the_source_text_stands_in_for_a_refused_translation(hostile):
    project, _ = hostile
    html = (project / "build/web/zh-Hant/every-block.html").read_text(encoding="utf-8")
    assert '<h2 lang="en">A Heading</h2>' in html and '<td lang="en">Cell one</td>' in html
    assert "A HEADING" not in html and "ANOTHER ITEM WITH A" in without_latin_marks(html)  # the rest is translated


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("fragment", list(HOSTILE.values()))
def test_the_sanitizer_alone_removes_each_attack(fragment):
    # The second line of defence: even HTML rendered straight from a hostile text is made harmless.
    parser = _Elements()
    parser.feed(str(sanitize(markdown.markdown(fragment, extensions=[e() for e in EXTENSIONS]))))
    for tag, attrs in parser.elements:
        assert tag not in ("script", "svg", "iframe", "object", "embed"), tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "file:")), attrs


def test_the_pdf_fetcher_reads_only_the_print_folder(tmp_path):
    (tmp_path / "print").mkdir()
    (tmp_path / "print/ok.png").write_bytes(b"x")
    fetcher = ProjectFetcher(tmp_path / "print")
    assert fetcher.fetch((tmp_path / "print/ok.png").as_uri()).read() == b"x"
    for url in ("file:///etc/passwd", (tmp_path / "print/../secret").as_uri() + "",
                f"file://{tmp_path}/print/../../etc/passwd", "https://example.org/x.png", "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.slow  # a build in a Python of its own
def test_the_build_reads_inline_markdown_without_the_check_machinery(project):
    """The build's safety and ``diglot check`` share diglot/sources/inline.py and diglot/sources/safety.py; the
    build itself never loads the check rules (nor the glossary and term lists they read)."""
    script = ("import sys\nfrom pathlib import Path\nfrom diglot.config import load_config\n"
              "from diglot.outputs.build import build\n"
              f"build(load_config(Path({str(project)!r})), ('html',))\n"
              "print(sorted(m for m in sys.modules if m.startswith(('diglot.checks', 'diglot.catalogs.glossary'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
