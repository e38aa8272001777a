"""The print editions of No. 29 as a reader and an archive receive them: typefaces, Chinese set to clreq,
tagged PDF/A-2a with PDF/UA-1 identification. pdfplumber reads glyphs and positions, pikepdf the
structure and the XMP, qpdf checks the file."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from helpers import body_lines, pdf_lines

SLUG = "no-more-carrots"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
CLOSING = set("。，、；：？！）」』")
OPENING = set("（「『")
FULL_WIDTH_PUNCTUATION = set("，。、；：？！（）「」『』《》〈〉【】〔〕")
BODY_SIZE = 10.5  # pt, print.css
MEASURE = 44 * BODY_SIZE  # the Chinese measure: 44 whole characters, centred on the A4 page
A4_WIDTH = 595.276


def _pdf(publication: Path, tag: str) -> Path:
    return publication / f"build/print/{tag}/{SLUG}.pdf"


def _html(publication: Path, tag: str) -> Path:
    return publication / f"build/print/{tag}/{SLUG}.html"


def test_english_pdf_sets_no_latin_letter_digit_or_quote_in_a_cjk_face(publication):
    chars = [c for line in pdf_lines(_pdf(publication, "en")) for c in line.chars
             if re.fullmatch(r"[A-Za-z0-9’“”]", c["text"])]
    assert len(chars) > 10_000 and any(c["text"] == "’" for c in chars)
    from_cjk = [c["text"] for c in chars if "CJK" in c["fontname"]]
    assert from_cjk == []
    assert {c["fontname"].split("+")[1] for c in chars} <= {"Noto-Serif", "Noto-Serif-Bold", "Noto-Sans",
                                                            "Noto-Sans-Bold"}


def test_chinese_pdf_sets_latin_in_latin_faces_and_punctuation_in_cjk_faces(publication):
    chars = [c for line in pdf_lines(_pdf(publication, "zh-Hant")) for c in line.chars]
    latin = [c for c in chars if LATIN_OR_DIGIT.fullmatch(c["text"])]
    punctuation = [c for c in chars if c["text"] in FULL_WIDTH_PUNCTUATION]
    assert latin and all("CJK" not in c["fontname"] for c in latin)
    assert punctuation and all("CJK" in c["fontname"] for c in punctuation)


def test_non_final_chinese_body_lines_reach_the_measure(publication):
    right = (A4_WIDTH + MEASURE) / 2
    lines = [(line, quoted) for line, final, quoted in
             body_lines(_pdf(publication, "zh-Hant"), _html(publication, "zh-Hant")) if not final]
    assert len(lines) > 50
    ends = [line.chars[-1]["x1"] - (right - 2 * BODY_SIZE * quoted) for line, quoted in lines]
    within = [end for end in ends if abs(end) <= 0.5]
    assert len(within) >= 0.95 * len(ends), sorted(ends)


def test_han_and_latin_or_digits_sit_a_quarter_em_apart(publication):
    gaps = []
    for line in pdf_lines(_pdf(publication, "zh-Hant")):
        for left, right in zip(line.chars, line.chars[1:], strict=False):
            if (HAN.match(left["text"]) and LATIN_OR_DIGIT.match(right["text"])) or \
                    (LATIN_OR_DIGIT.match(left["text"]) and HAN.match(right["text"])):
                han = left if HAN.match(left["text"]) else right
                gaps.append((right["x0"] - left["x1"]) / han["size"])
    assert len(gaps) > 40
    assert sum(0.2 <= gap <= 0.3 for gap in gaps) >= 0.9 * len(gaps), sorted(gaps)


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(publication):
    lines = pdf_lines(_pdf(publication, "zh-Hant"))
    assert len(lines) > 80
    assert [line.text for line in lines if line.text[0] in CLOSING] == []
    assert [line.text for line in lines if line.text[-1] in OPENING] == []


def test_adjacent_full_width_punctuation_takes_at_most_one_and_a_half_em(publication):
    # A compressed mark is drawn shifted within its half em (``halt`` moves a centred 。 a quarter em
    # left), so the pair's advance starts where the previous character ends, if that is further right.
    pairs = []
    for line in pdf_lines(_pdf(publication, "zh-Hant")):
        for n, (left, right) in enumerate(zip(line.chars, line.chars[1:], strict=False)):
            if left["text"] in FULL_WIDTH_PUNCTUATION and right["text"] in FULL_WIDTH_PUNCTUATION:
                pen = max(left["x0"], line.chars[n - 1]["x1"]) if n else left["x0"]
                pairs.append((left["text"] + right["text"], (right["x1"] - pen) / left["size"]))
    assert len(pairs) >= 5
    assert [pair for pair in pairs if pair[1] > 1.5 + 0.002] == []


def test_no_chinese_paragraph_ends_in_a_one_character_line(publication):
    finals = [line for line, final, _ in body_lines(_pdf(publication, "zh-Hant"), _html(publication, "zh-Hant"))
              if final]
    assert finals and [line.text for line in finals if len(HAN.findall(line.text)) < 2] == []


def test_chinese_emphasis_is_bold_not_italic_and_headings_are_sans(publication):
    lines = pdf_lines(_pdf(publication, "zh-Hant"))
    fonts = {c["fontname"].split("+")[1] for line in lines for c in line.chars}
    assert not any("Italic" in font for font in fonts)
    headings = [line for line in lines if line.size >= 12]
    assert headings and all("Sans" in c["fontname"] for line in headings for c in line.chars)


def test_english_is_hyphenated_and_set_with_true_quotes(publication):
    text = "\n".join(line.text for line in pdf_lines(_pdf(publication, "en")))
    assert re.search(r"[a-z]-$", text, re.M)  # some line ends in a hyphenated word
    assert "'" not in text and '"' not in text and "’" in text and "“" in text


@pytest.mark.parametrize("tag", ["en", "zh-Hant"])
def test_pdf_passes_qpdf_check(publication, tag):
    result = subprocess.run(["qpdf", "--check", str(_pdf(publication, tag))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_embedded_face_is_a_subset_a_fraction_of_the_installed_font(publication):
    """The CJK faces are subset (diglot.pdf.embedding): a face embedded whole would add 20 MB."""
    with pikepdf.open(_pdf(publication, "zh-Hant")) as pdf:
        programs = {str(font.BaseFont): font.DescendantFonts[0].FontDescriptor
                    for page in pdf.pages for font in page.Resources.Font.values()}
        sizes = {name: len(descriptor.get("/FontFile3", descriptor.get("/FontFile2")).read_bytes())
                 for name, descriptor in programs.items()}
    assert any("Noto-Serif-CJK-TC" in name for name in sizes), sizes
    assert all(size < 2_000_000 for size in sizes.values()), sizes


@pytest.mark.parametrize("tag", ["en", "zh-Hant"])
def test_pdf_is_tagged_and_identifies_as_pdf_a_2a_and_pdf_ua_1(publication, tag):
    with pikepdf.open(_pdf(publication, tag)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == tag
        assert "/StructTreeRoot" in pdf.Root and "/OutputIntents" in pdf.Root
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "A"
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] and xmp["dc:creator"] and xmp["dc:description"]
        assert xmp["dc:language"] == {tag} and xmp["dc:subject"]
        assert xmp["pdf:Keywords"] and xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2025-05-29"
        assert xmp["xmp:MetadataDate"] == "2025-05-29"
        assert "pdfaExtension:schemas" in str(pdf.Root.Metadata.read_bytes(), "utf-8")


def _structure(element, depth=0):
    """(role, /Lang, /Alt) of every structure element below ``element``, in reading order."""
    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return []
    found = [(str(element.S), str(element.get("/Lang", "")), str(element.get("/Alt", "")))]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        found += _structure(kid, depth + 1)
    return found


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.level, self.headings = None, []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.level = tag
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag == self.level:
            self.level = None

    def handle_data(self, data):
        if self.level:
            self.headings[-1] += data


@pytest.mark.parametrize("tag", ["en", "zh-Hant"])
def test_structure_tree_has_headings_lists_quotes_and_a_bookmark_for_every_heading(publication, tag):
    parser = _Headings()
    parser.feed(_html(publication, tag).read_text(encoding="utf-8"))
    with pikepdf.open(_pdf(publication, tag)) as pdf:
        roles = _structure(pdf.Root.StructTreeRoot.K[0])
        with pdf.open_outline() as outline:
            bookmarks = []
            pending = list(outline.root)
            while pending:
                item = pending.pop(0)
                bookmarks.append(item.title)
                pending[:0] = item.children
    kinds = {role for role, _, _ in roles}
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/LBody", "/BlockQuote"} <= kinds
    assert [role for role, _, _ in roles if role in ("/H1", "/H2")] == ["/H1"] + ["/H2"] * (len(parser.headings) - 1)
    assert [" ".join(b.split()) for b in bookmarks] == [" ".join(h.split()) for h in parser.headings]
    if tag == "zh-Hant":  # the Latin names in the Chinese text say they are not Chinese
        assert any(role == "/Span" and lang == "en" for role, lang, _ in roles)


def test_pdf_is_byte_reproducible(publication):
    """Rendered again, here rather than in the build's process, the same HTML makes the same bytes."""
    from diglot.pdf.weasy import Renderer

    html = _html(publication, "zh-Hant")
    pdf = Renderer(publication / "build/print").pdf(html.read_text(encoding="utf-8"), html).data
    assert pdf == _pdf(publication, "zh-Hant").read_bytes()


def test_a_figure_carries_its_alt_text_and_keywords_carry_the_tags(project, diglot):
    """The sample article has a picture and tags, which No. 29 has not."""
    result = diglot(project, "build", "--format", "pdf", "--locale", "en")
    assert result.status == 0, result.err
    with pikepdf.open(project / "build/print/en/every-block.pdf") as pdf:
        figures = [alt for role, _, alt in _structure(pdf.Root.StructTreeRoot.K[0]) if role == "/Figure"]
        assert figures == ["A single pixel", "An inline image"]  # the lead picture, one in the body
        assert pdf.open_metadata()["dc:subject"] == {"Sample Papers", "No. 7", "testing", "segmentation"}
