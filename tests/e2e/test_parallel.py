"""The parallel edition: every message of both languages in aligned pairs, on the web and in print."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pdfplumber
import pytest

from diglot.catalogs.pofile import messages, read_catalog
from helpers import copy_publication, po, pseudo, translate_catalog, without_latin_marks

SLUG = "no-more-carrots"
PARALLEL = "en.zh-Hant"
HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Side:
    lang: str
    classes: list[str]
    text: str = ""


@dataclass
class Pair:
    section: str  # "article-head", "body" or "editorial-note"
    kind: str
    sides: list[Side] = field(default_factory=list)


class _Pairs(HTMLParser):
    """The pairs of a parallel page: each ``div.pair``'s sides, with their lang and visible text."""

    def __init__(self):
        super().__init__()
        self.pairs: list[Pair] = []
        self.section = ""
        self._stack: list[str] = []  # the role of each open element: "pair", "side", "pending-note" or ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            return
        if tag in ("header", "div", "aside") and {"article-head", "body", "editorial-note"} & set(classes):
            self.section = next(c for c in classes if c in ("article-head", "body", "editorial-note"))
        role = ""
        if "pair" in classes:
            role = "pair"
            self.pairs.append(Pair(self.section, next(c for c in classes if c != "pair")))
        elif "side" in classes:
            role = "side"
            self.pairs[-1].sides.append(Side(attributes.get("lang", ""), classes))
        elif "pending-note" in classes:
            role = "pending-note"
        self._stack.append(role)

    def handle_endtag(self, tag):
        if tag not in ("br", "img", "hr", "meta", "link", "input") and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if "side" in self._stack and "pending-note" not in self._stack:
            self.pairs[-1].sides[-1].text += data


def pairs_of(path: Path) -> list[Pair]:
    parser = _Pairs()
    parser.feed(path.read_text(encoding="utf-8"))
    for pair in parser.pairs:
        for side in pair.sides:
            side.text = " ".join(side.text.replace("↩", "").split())
    return parser.pairs


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def rendered(message: str) -> str:
    """A message's text as a page shows it: its inline Markdown rendered, spaces collapsed."""
    parser = _Text()
    parser.feed(markdown.markdown(message))
    return " ".join("".join(parser.parts).split())


def _catalog(root: Path, language: str, domain: str) -> list:
    return messages(read_catalog(po(root, language, domain)))


@pytest.fixture(scope="module", params=["web", "print"])
def no29(publication, request) -> list[Pair]:
    """The pairs of No. 29's parallel edition, in its web page and in the HTML its PDF is rendered from."""
    return pairs_of(publication / f"build/{request.param}/{PARALLEL}/{SLUG}.html")


def test_every_body_message_is_paired_with_its_translation(publication, no29):
    body = [p for p in no29 if p.section == "body"]
    catalog = [m for m in _catalog(publication, "zh_Hant", SLUG) if not m.auto_comments[0].startswith("front")]
    assert len(body) == len(catalog) > 20
    for pair, message in zip(body, catalog, strict=True):
        english, chinese = pair.sides
        assert (english.lang, chinese.lang) == ("en", "zh-Hant")
        assert english.text == rendered(message.id), message.id
        assert chinese.text == rendered(message.string), message.string
        assert pair.kind == message.auto_comments[0].replace(" ", "-") + "-pair"


def test_every_front_matter_message_is_paired_with_its_translation(publication, no29):
    front = [p for p in no29 if p.section == "article-head"]
    fields = [m for m in _catalog(publication, "zh_Hant", SLUG) if m.auto_comments[0].startswith("front")]
    assert len(fields) == 6
    for message in fields:
        holding = [p for p in front if rendered(message.id) in p.sides[0].text]
        assert holding, message.id
        assert any(rendered(message.string) in p.sides[1].text for p in holding), message.string
    assert [p.kind for p in front] == ["series-pair", "title-pair", "author-pair", "bio-pair", "dateline-pair",
                                       "summary-pair", "credit-pair"]
    dateline = next(p for p in front if p.kind == "dateline-pair")
    assert [s.text for s in dateline.sides] == ["Published May 29, 2025", "發布日期：2025年5月29日"]


def test_the_editorial_note_pairs_its_english_translation_with_the_chinese(publication, no29):
    note = [p for p in no29 if p.section == "editorial-note"]
    catalog = _catalog(publication, "en", "editorial-note")
    assert len(note) == len(catalog) == 1
    english, chinese = note[0].sides
    assert (english.lang, english.text) == ("en", rendered(catalog[0].string))
    assert (chinese.lang, chinese.text) == ("zh-Hant", rendered(catalog[0].id))


def test_each_side_is_in_its_language(no29):
    for pair in no29:
        english, chinese = pair.sides
        assert not HAN.search(english.text), english.text
        assert HAN.search(chinese.text), chinese.text
        assert "pending" not in english.classes + chinese.classes


def test_linked_from_both_editions_and_both_indexes(publication):
    for page in (f"en/{SLUG}.html", f"zh-Hant/{SLUG}.html", "en/index.html", "zh-Hant/index.html"):
        html = (publication / "build/web" / page).read_text(encoding="utf-8")
        assert f'<a href="../{PARALLEL}/{SLUG}.html">' in html, page
    chinese = (publication / f"build/web/zh-Hant/{SLUG}.html").read_text(encoding="utf-8")
    assert '<a href="../en.zh-Hant/no-more-carrots.html">雙語對照版</a>' in chinese
    parallel = (publication / f"build/web/{PARALLEL}/{SLUG}.html").read_text(encoding="utf-8")
    assert f'href="../en/{SLUG}.html" hreflang="en"' in parallel
    assert f'href="../zh-Hant/{SLUG}.html" hreflang="zh-Hant"' in parallel
    assert f'href="../{PARALLEL}/{SLUG}.pdf" type="application/pdf"' in parallel
    assert (publication / f"build/web/{PARALLEL}/{SLUG}.pdf").read_bytes() == \
        (publication / f"build/print/{PARALLEL}/{SLUG}.pdf").read_bytes()


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_pdf_embeds_both_typefaces_and_holds_both_texts(publication):
    pdf = publication / f"build/print/{PARALLEL}/{SLUG}.pdf"
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes yes " in row for row in fonts), fonts  # embedded, subset
    names = {row.split()[0].split("+")[1] for row in fonts}
    assert {"Noto-Serif", "Noto-Serif-CJK-TC"} <= names, names
    text = " ".join(_run("pdftotext", str(pdf), "-").split())
    for needle in ("No More Carrots: U.S. Leverage Needed to End Russia’s War", "不再給胡蘿蔔",
                   "Enough Carrots. Time to Show Russia the Stick", "Editor’s note:", "編按："):
        assert needle in text
    second = _run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert "Prospects & Perspectives No. 29" in second and "第 29 期" in second  # the running head, both, spaced


def test_pdf_sets_english_in_a_latin_face_and_chinese_in_noto_cjk(publication):
    """The English column's text, quotation marks included, in Noto Serif: the CJK faces' ’ “ ” are
    full-width. Every Han character in Noto CJK TC."""
    with pdfplumber.open(publication / f"build/print/{PARALLEL}/{SLUG}.pdf") as pdf:
        chars = [(c, page.width) for page in pdf.pages for c in page.chars]
    english = {c["fontname"].split("+")[1] for c, width in chars
               if c["x1"] < width / 2 and c["text"] in "Ukraine’“”" and "Serif" in c["fontname"]}
    han = {c["fontname"].split("+")[1] for c, _ in chars if HAN.match(c["text"])}
    assert english == {"Noto-Serif", "Noto-Serif-Bold"}, english
    assert han and all("CJK-TC" in name for name in han), han


def test_pdf_rows_of_a_pair_start_level(publication):
    """Each heading and paragraph, and its translation, start on the same line of the same page, English on
    the left."""
    blocks = [(m.id[:14], m.string[:10], m.auto_comments == ["heading"])
              for m in _catalog(publication, "zh_Hant", SLUG) if m.auto_comments in (["heading"], ["paragraph"])]
    assert len(blocks) == 22
    with pdfplumber.open(publication / f"build/print/{PARALLEL}/{SLUG}.pdf") as pdf:
        for english, translation, heading in blocks:
            left = [(n, match) for n, page in enumerate(pdf.pages) for match in page.search(english, regex=False)
                    if _sans(match) == heading]
            # The Chinese column spaces Han from digits by a quarter em: a space to pdfplumber.
            spaced = r"\s?".join(re.escape(char) for char in translation)
            right = [(n, match) for n, page in enumerate(pdf.pages) for match in page.search(spaced)
                     if _sans(match) == heading]
            assert len(left) == len(right) == 1, (english, translation)
            (page_left, left_match), (page_right, right_match) = left[0], right[0]
            assert page_left == page_right, (english, "on another page")
            assert abs(left_match["top"] - right_match["top"]) < 3, (english, left_match["top"], right_match["top"])
            assert left_match["x1"] < right_match["x0"], english  # English on the left


def _sans(match: dict) -> bool:
    """Whether a text found in a PDF is set in a sans-serif face, as headings are."""
    return "Sans" in match["chars"][0]["fontname"]


# The sample project: every block kind, a pending translation, footnotes on both sides.


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample project pseudo-translated but for one heading and one table cell, built (HTML only)."""
    import shutil

    from diglot.cli import main
    from helpers import FIXTURES

    root = tmp_path_factory.mktemp("parallel") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    assert main(["--project", str(root), "update"]) == 0
    translate_catalog(po(root, "zh_Hant", "every-block"),
                      lambda m: None if m in ("A Heading", "Cell two") else pseudo(m))
    translate_catalog(po(root, "zh_Hant", "site"))
    translate_catalog(po(root, "en", "house-note"), lambda m: "**Editor’s note:** The views are the author’s own.")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root / f"build/web/{PARALLEL}/every-block.html"


def test_a_pending_translation_is_marked_and_in_the_source_language(sample):
    pairs = pairs_of(sample)
    heading = next(p for p in pairs if p.sides[0].text == "A Heading")
    english, chinese = heading.sides
    assert chinese.text == "A Heading" and chinese.lang == "en" and "pending" in chinese.classes
    assert "pending" not in english.classes
    row = next(p for p in pairs if p.kind == "table-row-pair" and "Cell one" in p.sides[0].text)
    assert "pending" in row.sides[1].classes and "CELL ONE" in row.sides[1].text
    assert row.sides[1].lang == "zh-Hant"  # half translated: the pending cell carries lang="en" itself
    assert '<td lang="en">Cell two</td>' in sample.read_text(encoding="utf-8")
    html = sample.read_text(encoding="utf-8")
    assert html.count('<p class="pending-note" lang="en">Translation pending</p>') == 2
    others = [p for p in pairs if p not in (heading, row)]
    assert all("pending" not in side.classes for p in others for side in p.sides)


def test_every_block_kind_is_paired_in_document_order(sample):
    kinds = [p.kind for p in pairs_of(sample) if p.section == "body"]
    assert kinds == ["paragraph-pair", "heading-pair", "list-item-pair", "list-item-pair", "list-item-pair",
                     "list-item-pair", "list-item-pair", "list-item-pair", "quotation-pair", "quotation-pair",
                     "table-row-pair", "table-row-pair", "other-pair", "other-pair", "html-block-pair",
                     "paragraph-pair", "heading-pair", "paragraph-pair", "footnote-pair"]


def test_ids_are_unique_and_footnote_links_land_in_their_own_column(sample):
    html = sample.read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), ids
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target
    assert 'href="#en-fn:1"' in html and 'href="#zh-Hant-fn:1"' in html


def test_list_numbers_go_on_across_blocks(sample):
    html = without_latin_marks(sample.read_text(encoding="utf-8"))
    assert html.count('<ol start="2"><li><p>THE LAST LOOSE ITEM</p></li></ol>') == 1
    assert html.count('<li class="continued"><p>ITS SECOND PARAGRAPH.</p></li>') == 1


def test_parallel_article_golden_html(sample, golden):
    match = re.search(r'<article class="parallel">\n(.*?)</article>', sample.read_text(encoding="utf-8"), re.S)
    assert match, "no parallel article"
    golden("every-block.parallel.html", match.group(1))


# Stale translations (diglot.editions.stale): No. 29 after its author revised a paragraph.

REVISED = ("In the end, peace proved elusive", "In the end, peace remained elusive")


@pytest.fixture
def revised(tmp_path: Path, diglot) -> Path:

    from helpers import replace_in

    copy_publication(tmp_path)
    replace_in(tmp_path, f"source/articles/{SLUG}.md", *REVISED)
    assert diglot(tmp_path, "update").status == 0
    return tmp_path


def _set_policy(root: Path, policy: str) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[tool.diglot.stale-editions]\nzh_Hant = "{policy}"\n')


def _revised_pair(root: Path) -> Pair:
    pairs = pairs_of(root / f"build/web/{PARALLEL}/{SLUG}.html")
    return next(p for p in pairs if p.sides[0].text.startswith(REVISED[1]))


def test_a_revised_paragraph_is_pending_in_the_original_language(revised, diglot):
    assert diglot(revised, "build", "--format", "html").status == 0
    english, chinese = _revised_pair(revised).sides
    assert "pending" not in english.classes and english.lang == "en"
    assert "pending" in chinese.classes and chinese.lang == "en" and chinese.text.startswith(REVISED[1])


def test_a_revised_paragraph_shows_its_previous_translation_marked_outdated(revised, diglot):
    _set_policy(revised, "previous")
    assert diglot(revised, "build", "--format", "html").status == 0
    _, chinese = _revised_pair(revised).sides
    assert "pending" not in chinese.classes and chinese.lang == "zh-Hant" and chinese.text.startswith("到頭來")
    html = (revised / f"build/web/{PARALLEL}/{SLUG}.html").read_text(encoding="utf-8")
    assert '<p class="outdated" title="待更新：本段譯自原文的先前版本。">' in html


def test_a_withheld_translation_has_no_parallel_edition_nor_links_to_one(revised, diglot):
    assert diglot(revised, "build").status == 0
    assert (revised / f"build/web/{PARALLEL}/{SLUG}.html").exists()
    _set_policy(revised, "withhold")
    run = diglot(revised, "build")
    assert run.status == 0, run.err
    assert not list((revised / "build").rglob(f"{PARALLEL}/*"))
    for page in (f"en/{SLUG}.html", "en/index.html"):
        assert PARALLEL not in (revised / "build/web" / page).read_text(encoding="utf-8"), page
