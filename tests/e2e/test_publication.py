"""The foundation's publication itself: No. 29 in English and Traditional Chinese, web and print."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from fontTools.ttLib import TTCollection

from diglot.catalogs.status import catalog_status
from diglot.config import load_config
from helpers import REPO, copy_publication, inflated_pdf, without_latin_marks

SLUG = "no-more-carrots"
# Three Latin-script words in a row is English prose; names (Sergiy Solodkyy, Leo Litra) are two.
ENGLISH_RUN = re.compile(r"[A-Za-z’']+(?:[ ,]+[A-Za-z’']+){2,}")


def test_four_editions_and_the_index_pages(publication):
    for tag in ("en", "zh-Hant"):
        assert (publication / f"build/web/{tag}/{SLUG}.html").exists()
        assert (publication / f"build/web/{tag}/index.html").exists()
        assert (publication / f"build/print/{tag}/{SLUG}.pdf").exists()
        assert (publication / f"build/print/{tag}/{SLUG}.html").exists()
    assert (publication / "build/web/index.html").exists()


def test_committed_templates_are_what_extract_writes(tmp_path):
    copy_publication(tmp_path)
    subprocess.run([sys.executable, "-m", "diglot", "--project", str(tmp_path), "extract"],
                   check=True, capture_output=True)
    for pot in (REPO / "translations/templates").glob("*.pot"):
        assert (tmp_path / "translations/templates" / pot.name).read_bytes() == pot.read_bytes(), pot.name


def test_every_catalog_passes_msgfmt_check():
    catalogs = sorted(REPO.glob("translations/*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 3
    for path in catalogs:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr == "", result.stderr


def test_every_catalog_is_fully_translated():
    rows = catalog_status(load_config(REPO))
    assert {(r.domain, r.language) for r in rows} == {
        (SLUG, "zh_Hant"), ("editorial-note", "en"), ("site", "zh_Hant")}
    for row in rows:
        assert row.complete and row.fuzzy == 0, row


class _Text(HTMLParser):
    """The visible text of a page."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def _pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


def test_chinese_edition_has_no_english_sentence(publication):
    for text in (_visible_text(publication / f"build/web/zh-Hant/{SLUG}.html"),
                 _visible_text(publication / f"build/print/zh-Hant/{SLUG}.html"),
                 _pdf_text(publication / f"build/print/zh-Hant/{SLUG}.pdf")):
        assert "川普" in text and "編按" in text
        assert ENGLISH_RUN.findall(text.replace("English", "")) == []


class _UnmarkedLatin(HTMLParser):
    """The Latin letters of a page's body text whose nearest ``lang`` is not English."""

    def __init__(self, page_language: str):
        super().__init__()
        self.languages = [page_language]
        self.unmarked: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "hr", "wbr", "input"):
            return
        self.languages.append(dict(attrs).get("lang") or self.languages[-1])
        self.skip += tag in ("head", "code", "pre", "style", "script")

    def handle_endtag(self, tag):
        self.languages.pop()
        self.skip -= tag in ("head", "code", "pre", "style", "script")

    def handle_data(self, data):
        if not self.skip and not self.languages[-1].startswith("en"):
            self.unmarked += re.findall(r"[A-Za-z]+", data)


def test_every_latin_run_in_a_chinese_page_is_marked_english(publication):
    pages = [*(publication / "build/web/zh-Hant").glob("*.html"),
             *(publication / "build/print/zh-Hant").glob("*.html")]
    assert len(pages) == 3
    for page in pages:
        parser = _UnmarkedLatin("zh-Hant")
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.unmarked == [], page
    html = (publication / f"build/web/zh-Hant/{SLUG}.html").read_text(encoding="utf-8")
    for name in ("Sergiy Solodkyy", "Leo Litra", "Depositphotos", "Prospects &amp; Perspectives", "PDF"):
        assert re.search(f'<span class="latin[a-z -]*" lang="en">{re.escape(name)}</span>', html), name
    home = _UnmarkedLatin("en")
    home.feed((publication / "build/web/index.html").read_text(encoding="utf-8"))  # its Chinese section
    assert home.unmarked == []


def test_english_edition_carries_the_note_in_english(publication):
    text = _visible_text(publication / f"build/web/en/{SLUG}.html")
    assert "Editor’s note:" in text and "Prospect Foundation" in text
    assert not re.search(r"[\u4e00-\u9fff]", text.replace("中文 (繁體)", ""))  # only the link's own name


def test_every_chinese_character_has_a_glyph_in_noto_serif_cjk_tc(publication):
    text = _pdf_text(publication / f"build/print/zh-Hant/{SLUG}.pdf")
    font = next(f for f in TTCollection("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").fonts
                if "Noto Serif CJK TC" in str(f["name"].getDebugName(1)))
    cmap = font.getBestCmap()
    missing = {c for c in text if not c.isspace() and ord(c) not in cmap}
    assert missing == set()


def test_pdfs_embed_subsets_of_the_noto_faces_only(publication):
    for tag in ("en", "zh-Hant"):
        rows = subprocess.run(["pdffonts", str(publication / f"build/print/{tag}/{SLUG}.pdf")], check=True,
                              capture_output=True, text=True).stdout.splitlines()[2:]
        assert rows and all(" yes yes " in row for row in rows), rows  # embedded and subset
        names = {row.split()[0].split("+")[1] for row in rows}
        assert all(name.startswith(("Noto-Serif", "Noto-Sans")) for name in names), names
        assert any("CJK" not in name for name in names), names  # Latin text in a Latin face
        assert any("CJK-TC" in name for name in names) == (tag == "zh-Hant"), names  # Han only in Chinese


def test_pdf_has_metadata_page_numbers_and_running_head(publication):
    pdf = publication / f"build/print/zh-Hant/{SLUG}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Title:           不再給胡蘿蔔" in info
    assert "Author:          索洛德基（Sergiy Solodkyy）" in info
    assert "CreationDate:    Thu May 29 00:00:00 2025 UTC" in info
    assert b"/Lang (zh-Hant)" in inflated_pdf(pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], check=True, capture_output=True,
                            text=True).stdout
    assert "Prospects&Perspectives第29期" in "".join(second.split()) and re.search(rf"\b2 ?/ ?{pages}\b", second)


def test_dates_as_each_language_writes_them(publication):
    assert "May 29, 2025" in _visible_text(publication / f"build/web/en/{SLUG}.html")
    # the digits stand in spans of their own, which _visible_text joins with a space
    assert "2025年5月29日" in _visible_text(publication / f"build/web/zh-Hant/{SLUG}.html").replace(" ", "")


def test_a_complete_translation_carries_no_stale_notice(publication):
    for path in (f"build/web/zh-Hant/{SLUG}.html", f"build/print/zh-Hant/{SLUG}.html", f"build/web/en/{SLUG}.html"):
        html = (publication / path).read_text(encoding="utf-8")
        assert 'class="stale-notice"' not in html and 'class="outdated"' not in html


def test_the_chinese_edition_invents_no_name_and_keeps_the_revision(publication):
    """The review's findings stay fixed: no invented series name, no 實質論據, no Russian form of the author's
    name; the series named as the foundation names it, the author as the Central News Agency would."""
    catalogs = [(REPO / "translations/zh_Hant/LC_MESSAGES" / name).read_text(encoding="utf-8")
                for name in (f"{SLUG}.po", "site.po")]
    pages = [(publication / path).read_text(encoding="utf-8")
             for path in (f"build/web/zh-Hant/{SLUG}.html", f"build/print/zh-Hant/{SLUG}.html",
                          "build/web/zh-Hant/index.html", "build/web/index.html")]
    for text in catalogs + pages:
        for wrong in ("遠景論壇", "實質論據", "謝爾蓋", "是時候", "對對話抱持開放態度"):
            assert wrong not in text
    web = without_latin_marks(pages[0])
    assert "Prospects &amp; Perspectives 第29期" in web
    assert "作者：索洛德基（Sergiy Solodkyy）" in web and "（索洛德基為烏克蘭" in web
