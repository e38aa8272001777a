"""Editions: a translated build substitutes every kind of message, in HTML and in PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import FIXTURES, po, pseudo, run_cli, translate_catalog, without_latin_marks

pytestmark = pytest.mark.slow  # translated builds, PDFs and all

NOTE_EN = "**Editor’s note:** The views are the author’s own."


def _translate_all(project: Path, diglot) -> None:
    assert diglot(project, "update").status == 0
    translate_catalog(po(project, "zh_Hant", "every-block"))
    translate_catalog(po(project, "zh_Hant", "site"))
    translate_catalog(po(project, "en", "house-note"), lambda msgid: NOTE_EN)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample project, fully pseudo-translated and built: once per module, for tests that only read it."""
    root = tmp_path_factory.mktemp("editions") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    _translate_all(root, run_cli)
    result = run_cli(root, "build")
    assert result.status == 0, result.err
    assert "fallback" not in result.err
    return root


def _article_body(html: str) -> str:
    match = re.search(r'<div class="body">\n(.*?)\n</div>\n', html, re.S)
    assert match, "no articleBody element"
    return match.group(1)


def _page(project: Path, tag: str, slug: str = "every-block") -> str:
    return (project / "build/web" / tag / f"{slug}.html").read_text(encoding="utf-8")


def test_translated_body_substitutes_every_kind_golden_html(built, golden):
    golden("every-block.zh-Hant.html", _article_body(_page(built, "zh-Hant")))


def test_source_edition_body_golden_html(built, golden):
    golden("every-block.en.html", _article_body(_page(built, "en")))


def test_front_matter_is_translated(built):
    html = without_latin_marks(_page(built, "zh-Hant"))
    assert "<h1>EVERY BLOCK KIND</h1>" in html
    assert '<p class="subtitle">A FIXTURE FOR SEGMENTATION</p>' in html
    assert "BY ADA WRITER" in html  # the site string "By %(author)s" and the author's name, both translated
    assert '<p class="bio">FELLOW AT THE SAMPLE FOUNDATION</p>' in html
    assert '<figcaption class="credit">PICTURE SOURCE: THE FIXTURE.</figcaption>' in html
    assert 'alt="A SINGLE PIXEL"' in html
    assert "2024年3月1日" in html and "SAMPLE PAPERS NO. 7" in html


def test_source_edition_shows_the_source_and_babel_dates(built):
    html = _page(built, "en")
    assert '<html lang="en">' in html
    assert "<h1>Every Block Kind</h1>" in html
    assert "Published March 1, 2024" in html


def test_chinese_source_note_appears_in_english_in_the_english_edition(built):
    english, chinese = _page(built, "en"), _page(built, "zh-Hant")
    assert "<strong>Editor’s note:</strong> The views are the author’s own." in english
    assert "編按" not in english
    assert "<strong>編按：</strong>本文僅代表作者個人觀點。" in without_latin_marks(chinese)


def test_pages_link_to_each_other_in_the_other_language(built):
    chinese = _page(built, "zh-Hant")
    assert '<html lang="zh-Hant">' in chinese
    assert '<a href="../en/every-block.html" hreflang="en" lang="en">English</a>' in without_latin_marks(chinese)
    chinese_link = '<a href="../zh-Hant/every-block.html" hreflang="zh-Hant" lang="zh-Hant">中文 (繁體)</a>'
    assert chinese_link in _page(built, "en")
    assert 'href="../zh-Hant/every-block.pdf"' in chinese


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in ("href", "src") and value]


def test_web_folder_is_self_contained(built):
    web = built / "build/web"
    pages = sorted(web.rglob("*.html"))
    assert {p.relative_to(web).as_posix() for p in pages} == {
        "index.html", "404.html", "en/index.html", "zh-Hant/index.html", "en/every-block.html",
        "zh-Hant/every-block.html", "en.zh-Hant/every-block.html"}
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            if target.startswith(("http:", "https:", "#", "mailto:")):
                continue
            if target.startswith("/papers/"):  # the 404 page, at the top, links from base-url's path
                assert page.parent == web, f"{page}: {target}"
                target = target[len("/papers/"):]
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert resolved.is_relative_to(web.resolve()), f"{page}: {target} leaves build/web"
            if target.startswith("../other.html"):
                continue  # the fixture's own relative link to a page it does not have
            assert resolved.exists(), f"{page}: {target} does not exist"


def test_untranslated_and_fuzzy_messages_fall_back_and_are_reported(project, diglot):
    _translate_all(project, diglot)
    catalog = po(project, "zh_Hant", "every-block")
    translate_catalog(catalog, lambda msgid: None if msgid == "A Heading" else pseudo(msgid))
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "A tight item"', '#, fuzzy\nmsgid "A tight item"'), encoding="utf-8")
    lines = catalog.read_text(encoding="utf-8").split("\n")
    heading_line = lines.index('msgid "A Heading"') + 1
    fuzzy_line = lines.index('msgid "A tight item"') + 1

    result = diglot(project, "build", "--format", "html")
    assert result.status == 0
    first, second = sorted((heading_line, fuzzy_line))
    assert (f"translations/zh_Hant/LC_MESSAGES/every-block.po:{first}: warning: 1 fuzzy, 1 untranslated "
            f"message(s) shown in the source language (lines {first}, {second}) [fallback]") in result.err
    html = without_latin_marks(_page(project, "zh-Hant"))
    # Shown in the source language, and marked so: a screen reader reads it in English.
    assert '<h2 lang="en">A Heading</h2>' in html and '<li lang="en">A tight item</li>' in html
    assert "<h3>CONCLUSION</h3>" in html

    verbose = diglot(project, "build", "--format", "html", "--verbose")
    assert f'every-block.po:{heading_line}: warning: untranslated message shown in the source language: ' \
           f'"A Heading" [fallback]' in verbose.err
    assert f'every-block.po:{fuzzy_line}: warning: fuzzy message' in verbose.err


def test_a_language_without_catalogs_falls_back_entirely(project, diglot):
    result = diglot(project, "build", "--format", "html", "--locale", "zh_Hant")
    assert result.status == 0
    assert "translations/zh_Hant/LC_MESSAGES/every-block.po: warning: 29 missing message(s)" in result.err
    assert "run diglot update" in result.err
    assert '<h2 lang="en">A Heading</h2>' in _page(project, "zh-Hant")
    assert not (project / "build/web/en/every-block.html").exists()


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_pdfs_embed_noto_cjk_and_hold_the_text(built):
    for tag, title, body in (("en", "Every Block Kind", "An opening paragraph with bold"),
                             ("zh-Hant", "EVERY BLOCK KIND", "AN OPENING PARAGRAPH WITH BOLD")):
        pdf = built / "build/print" / tag / "every-block.pdf"
        fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
        assert fonts and all(" yes yes " in row for row in fonts), fonts  # embedded and subset
        assert all("+Noto-" in row for row in fonts), fonts  # the set-up's fonts, none the machine happens to have
        assert any("Noto-Serif-CJK-TC" in row for row in fonts)
        text = " ".join(_run("pdftotext", "-layout", str(pdf), "-").split())
        assert title in text and body in text
        info = _run("pdfinfo", str(pdf))
        assert re.search(rf"Title:\s+{title}", info) and "A4" in info
        assert (built / "build/print" / tag / "every-block.html").exists()  # kept for inspection
    chinese = " ".join(_run("pdftotext", str(built / "build/print/zh-Hant/every-block.pdf"), "-").split())
    assert "編按：本文僅代表作者個人觀點。" in chinese


def test_the_pdf_is_linked_from_the_web_edition(built):
    assert (built / "build/web/zh-Hant/every-block.pdf").read_bytes() == \
        (built / "build/print/zh-Hant/every-block.pdf").read_bytes()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is installed by scripts/test")
def test_a_browser_sees_the_language_and_the_article_body(built, tmp_path):
    page = built / "build/web/zh-Hant/every-block.html"
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path}/chrome",
         "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60).stdout
    assert '<html lang="zh-Hant">' in dom
    assert '<div class="body">' in dom and "AN OPENING PARAGRAPH WITH" in dom
    assert '<a href="../en/every-block.html" hreflang="en" lang="en">English</a>' in without_latin_marks(dom)
