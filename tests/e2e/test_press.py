"""The press edition of No. 29 as a print shop receives it: PDF/X-4 with a CMYK (FOGRA39) output intent,
the PDF/X version and /Trapped in the XMP, TrimBox and BleedBox on every page, crop marks beyond the
bleed, every font embedded, colours in CMYK, and the words of the print edition. pikepdf reads the
structure and XMP, pdfplumber the marks, pdffonts the fonts, pdftotext the words: they stand in for a
commercial preflight (see docs/press.md)."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from helpers import FIXTURES, copy_publication, replace_in

SLUG = "no-more-carrots"
MM = 72 / 25.4
A4 = (595.276, 841.89)
EDITIONS = ("en", "zh-Hant", "en.zh-Hant")


@pytest.fixture(scope="session")
def pressed(tmp_path_factory) -> Path:
    """A copy of the publication with its print and press editions built once per run."""
    root = tmp_path_factory.mktemp("press")
    copy_publication(root)
    result = subprocess.run([sys.executable, "-m", "diglot", "--project", str(root), "build", "--format", "pdf",
                             "--format", "press"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no fallback, no WeasyPrint warning, no soft picture
    return root


def _press(root: Path, tag: str) -> Path:
    return root / f"build/press/{tag}/{SLUG}.pdf"


def _box(page: pikepdf.Page, name: str) -> list[float]:
    return [float(value) for value in page.obj[name]]


@pytest.mark.parametrize("tag", EDITIONS)
def test_output_intent_is_pdf_x_with_the_fogra39_cmyk_profile(pressed, tag):
    with pikepdf.open(_press(pressed, tag)) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert profile.N == 4
        header = profile.read_bytes()[:128]
        assert header[12:16] == b"prtr" and header[16:20] == b"CMYK"  # an output profile, for CMYK
        assert pdf.pdf_version == "1.6"


@pytest.mark.parametrize("tag", EDITIONS)
def test_xmp_says_pdf_x_4_and_not_trapped_and_claims_no_pdf_a(pressed, tag):
    with pikepdf.open(_press(pressed, tag)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["pdf:Trapped"] == "False"
        assert pdf.docinfo["/Trapped"] == "/False"
        assert str(xmp["xmpMM:DocumentID"]).startswith("uuid:")
        raw = pdf.Root.Metadata.read_bytes()
        assert b"pdfaid" not in raw and b"pdfuaid" not in raw and b"GTS_PDFXConformance" not in raw


@pytest.mark.parametrize("tag", EDITIONS)
def test_every_page_has_an_a4_trim_and_at_least_3_mm_of_bleed_within_the_sheet(pressed, tag):
    with pikepdf.open(_press(pressed, tag)) as pdf:
        assert len(pdf.pages) > 1
        for page in pdf.pages:
            trim, bleed, media = _box(page, "/TrimBox"), _box(page, "/BleedBox"), _box(page, "/MediaBox")
            assert trim[2] - trim[0] == pytest.approx(A4[0], abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(A4[1], abs=0.01)
            margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
            assert all(margin >= 3 * MM - 0.01 for margin in margins), margins
            assert media[0] <= bleed[0] and media[1] <= bleed[1] and media[2] >= bleed[2] and media[3] >= bleed[3]
            assert "/Annots" not in page.obj


@pytest.mark.parametrize("tag", ["en", "zh-Hant"])
def test_crop_marks_lie_on_the_trim_lines_outside_the_bleed(pressed, tag):
    with pikepdf.open(_press(pressed, tag)) as pdf:
        bleed = float(pdf.pages[0].obj.TrimBox[0]) - float(pdf.pages[0].obj.BleedBox[0])
    with pdfplumber.open(_press(pressed, tag)) as pdf:
        for page in pdf.pages:
            left, top, right, bottom = page.trimbox
            marks = [line for line in page.lines if line["stroking_color"] == (0, 0, 0, 1)]
            assert len(marks) == 8  # two at each corner
            for mark in marks:
                if mark["top"] == mark["bottom"]:  # horizontal: on the top or bottom trim line, left or right of it
                    assert min(abs(mark["top"] - top), abs(mark["top"] - bottom)) < 0.01
                    assert mark["x1"] <= left - bleed or mark["x0"] >= right + bleed
                else:
                    assert min(abs(mark["x0"] - left), abs(mark["x0"] - right)) < 0.01
                    assert mark["bottom"] <= top - bleed or mark["top"] >= bottom + bleed


@pytest.mark.parametrize("tag", EDITIONS)
def test_every_font_is_embedded(pressed, tag):
    listing = subprocess.run(["pdffonts", _press(pressed, tag)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:  # name, type…, encoding, then emb sub uni: the embedded column must say yes
        assert row.split()[-5] == "yes", row


@pytest.mark.parametrize("tag", EDITIONS)
def test_the_words_are_the_print_editions(pressed, tag):
    def text(path: Path) -> str:
        return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout

    def pages(text: str) -> list[str]:  # each page's characters: pdftotext may group a compressed 「）」
        return ["".join(page.split()) for page in text.split("\f")]  # with the next line or this one

    press = text(_press(pressed, tag))
    assert len(press.split()) > 150
    assert pages(press) == pages(text(pressed / f"build/print/{tag}/{SLUG}.pdf"))  # at A4, page for page


@pytest.mark.parametrize("tag", ["en", "zh-Hant"])
def test_colours_are_cmyk_never_device_rgb(pressed, tag):
    with pikepdf.open(_press(pressed, tag)) as pdf:
        for page in pdf.pages:
            operators = {str(operator) for _, operator in pikepdf.parse_content_stream(page)}
            assert not operators & {"rg", "RG"}, "DeviceRGB colour in a content stream"
            spaces = {str(operands[0]) for operands, operator in pikepdf.parse_content_stream(page)
                      if str(operator) in ("cs", "CS")}
            assert spaces == {"/DeviceCMYK"}


def test_the_default_build_makes_no_press_edition(publication):
    assert not (publication / "build/press").exists()


def test_press_pdf_is_byte_reproducible(pressed):
    """Rendered again, here rather than in the build's process, the same HTML makes the same bytes."""
    from diglot.config import load_config
    from diglot.pdf.weasy import Renderer

    html = pressed / f"build/print/zh-Hant/{SLUG}.html"
    config = load_config(pressed)
    pdf = Renderer(pressed / "build/print").press_pdf(
        html.read_text(encoding="utf-8"), html, config.press, f"{config.base_url}press/zh-Hant/{SLUG}.pdf").data
    assert pdf == _press(pressed, "zh-Hant").read_bytes()


@pytest.fixture
def sample(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "sample", root)
    return root


def _soft_pictures(err: str) -> dict[str, int]:
    found = [re.fullmatch(r"(source/images/[^:]+): warning: picture at (\d+) dpi in print \[press\]", line)
             for line in err.splitlines() if "dpi in print" in line]
    assert all(found), err
    pictures = {match.group(1): int(match.group(2)) for match in found if match}
    assert len(pictures) == len(found), err  # each picture once, though two editions print it
    return pictures


def test_a_picture_below_300_dpi_is_named_and_kept_in_srgb(sample, diglot):
    """The sample's lead picture, printed a column wide, and a small one in the body, printed at its size
    (a CSS pixel is 1/96 inch): each named with its resolution while it has too few pixels for the press."""
    from PIL import Image

    lead, icon = sample / "source/images/pixel.png", sample / "source/images/icon.png"
    Image.new("RGB", (600, 338), (122, 31, 31)).save(lead)
    Image.new("RGB", (64, 64), (31, 31, 122)).save(icon)
    replace_in(sample, "source/articles/every-block.md", "![An inline image](../images/pixel.png)",
               "![An inline image](../images/icon.png)")
    result = diglot(sample, "build", "--format", "press", "--locale", "en")
    assert result.status == 0, result.err
    soft = _soft_pictures(result.err)
    assert soft.keys() == {"source/images/pixel.png", "source/images/icon.png"}, result.err
    # the lead picture at 96 dpi across the English column (it is narrower), at 173 in the parallel one
    assert soft == {"source/images/icon.png": 96, "source/images/pixel.png": 96}
    with pikepdf.open(sample / "build/press/en/every-block.pdf") as pdf:
        pictures = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert len(pictures) == 2
        for stream in pictures:
            assert stream.ColorSpace[0] == "/ICCBased" and stream.ColorSpace[1].N == 3
    Image.new("RGB", (3000, 1690), (122, 31, 31)).save(lead)
    result = diglot(sample, "build", "--format", "press", "--locale", "en")
    assert result.status == 0, result.err
    assert _soft_pictures(result.err).keys() == {"source/images/icon.png"}


def test_press_builds_incrementally_and_follows_its_settings(sample, diglot):
    first = diglot(sample, "build", "--format", "press", "--locale", "en")
    assert first.status == 0 and "3 output(s) rebuilt" in first.out, first.out  # the picture, two PDFs
    again = diglot(sample, "build", "--format", "press", "--locale", "en")
    assert "0 output(s) rebuilt" in again.out, again.out
    (sample / "pyproject.toml").write_text((sample / "pyproject.toml").read_text(encoding="utf-8")
                                           + '\n[tool.diglot.press]\ntrim = "B5"\nbleed = 5\n', encoding="utf-8")
    changed = diglot(sample, "build", "--format", "press", "--locale", "en")
    assert "1 output(s) rebuilt" in changed.out, changed.out
    assert "removed build/press/en.zh-Hant/every-block.pdf" in changed.err  # the parallel edition is A4 only
    assert not (sample / "build/print/en/every-block.pdf").exists()  # the print PDF is not needed
    with pikepdf.open(sample / "build/press/en/every-block.pdf") as pdf:
        for page in pdf.pages:
            trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((176 * MM, 250 * MM), abs=0.01)
            assert trim[0] - bleed[0] == pytest.approx(5 * MM, abs=0.01)


def test_the_parallel_press_edition_is_made_only_at_a4(sample, diglot):
    replace_in(sample, "pyproject.toml", 'languages = ["en", "zh_Hant"]',
               'languages = ["en", "zh_Hant"]\n\n[tool.diglot.press]\ntrim = "17x23cm"\nmarks = []')
    result = diglot(sample, "build", "--format", "press")
    assert result.status == 0, result.err
    assert sorted(p.relative_to(sample / "build/press").as_posix() for p in (sample / "build/press").rglob("*.pdf")) \
        == ["en/every-block.pdf", "zh-Hant/every-block.pdf"]
    with pdfplumber.open(sample / "build/press/zh-Hant/every-block.pdf") as pdf:
        assert not [line for line in pdf.pages[0].lines if line["stroking_color"] == (0, 0, 0, 1)
                    and line["x1"] < pdf.pages[0].trimbox[0]]  # no marks asked for, none drawn


@pytest.mark.parametrize(("setting", "line", "words"), [
    ('trim = "A5"', 8, "press trim 'A5' is not a size diglot knows"),
    ("bleed = 1", 8, "press bleed 1 is not a width from 3 to 10"),
    ('bleed = "3mm"', 8, "press bleed '3mm' is not a width"),
    ('marks = ["crop", "star"]', 8, "are not a list of printer's marks"),
    ("colour = true", 8, "unknown press setting 'colour'"),
])
def test_a_bad_press_setting_is_named_at_its_line(sample, diglot, setting, line, words):
    replace_in(sample, "pyproject.toml", 'languages = ["en", "zh_Hant"]',
               f'languages = ["en", "zh_Hant"]\n\n[tool.diglot.press]\n{setting}')
    result = diglot(sample, "build", "--format", "press")
    assert result.status == 2
    (message,) = result.err.strip().splitlines()
    assert message.startswith(f"pyproject.toml:{line}: error: ") and words in message and "; " in message, message
    assert not (sample / "build").exists()


def test_the_output_profile_prints_as_fogra39_measured(tmp_path):
    """The profile the press PDFs carry, asked (by littlecms) what each CMYK patch of Fogra's FOGRA39
    characterisation (Debian icc-profiles-free, installed by scripts/setup for the tests) looks like,
    answers what Fogra measured: a mean difference below 1 ΔE*ab, none above 3."""
    from PIL import Image, ImageCms

    from diglot.pdf import press

    text = Path("/usr/share/color/icc/FOGRA39L.ti3").read_text(encoding="latin-1")
    columns = text.split("BEGIN_DATA_FORMAT")[1].split("END_DATA_FORMAT")[0].split()
    rows = [row.split() for row in text.split("BEGIN_DATA\n")[1].split("END_DATA")[0].splitlines() if row.strip()]
    assert len(rows) == 1617  # the IT8.7/4 chart

    def values(row: list[str], names: tuple[str, ...]) -> tuple[float, ...]:
        return tuple(float(row[columns.index(name)]) for name in names)

    patches = Image.new("CMYK", (len(rows), 1))
    patches.putdata([tuple(round(v * 2.55) for v in values(row, ("CMYK_C", "CMYK_M", "CMYK_Y", "CMYK_K")))
                     for row in rows])
    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(str(press.PROFILE)), ImageCms.createProfile("LAB", 5000),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    printed = ImageCms.applyTransform(patches, to_lab)
    assert printed is not None
    differences = []
    for index, row in enumerate(rows):
        lightness, a, b = printed.getpixel((index, 0))  # type: ignore[misc]
        measured = values(row, ("LAB_L", "LAB_A", "LAB_B"))
        differences.append(math.dist(measured, (lightness * 100 / 255, a - 128, b - 128)))
    assert sum(differences) / len(differences) < 1.0 and max(differences) < 3.0
