"""The press edition: the print edition's pages on a print shop's sheet, as PDF/X-4 for offset printing.

The press edition is rendered from the very print HTML of the print edition (same words, same typography),
with one more stylesheet that sets the sheet: the trim size, the bleed around it, and the crop marks beyond
the bleed. At the default trim, A4, the pages are the print edition's page for page and line for line; a
smaller trim (B5, 17 × 23 cm) narrows the margins and sets the Chinese measure to the whole number of
characters that fits, as print.css does for A4.

The colour and PDF/X side (output intent, XMP, boxes) is in :mod:`diglot.pdf.pdfx`, which needs
WeasyPrint; this module does not, so that planning a build imports none of it.

Why the marks sit beyond the bleed: WeasyPrint draws crop marks in the CSS bleed area, from the sheet's
edge to half way to the trim. The sheet is therefore the trim plus the bleed plus a slug as wide again as
the bleed plus :data:`MARK_GAP`: the marks then stop ``MARK_GAP`` outside the bleed, where nothing
printed into the bleed can cover them and a cut that drifts by less than the bleed never shows them.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from diglot.config import Press

PROFILE = Path(__file__).resolve().parent / "data" / "FOGRA39L-coated.icc"
# The printing condition, as the ICC's registry of characterisations names it: offset printing to
# ISO 12647-2:2004/Amd 1 on coated paper (paper types 1 and 2), measured by Fogra.
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Offset printing to ISO 12647-2:2004/Amd 1, coated paper (paper type 1 or 2): FOGRA39"
REGISTRY = "http://www.color.org"
MIN_DPI = 300  # a picture printed at fewer pixels per inch looks soft on an offset press
MARK_GAP = 3.0  # mm between the bleed's edge and the crop marks' inner ends
_MM_PER_PT = 25.4 / 72
_BODY_PT = 10.5  # print.css's body size: the Chinese measure is a whole number of these
_MARGINS = (20, 18, 22, 18)  # mm, top right bottom left, on a trim smaller than A4


def sheet_bleed(press: Press) -> float:
    """The CSS bleed, in mm: the press bleed and the slug beyond it that holds the marks."""
    return 2 * press.bleed + 2 * MARK_GAP if press.marks else press.bleed


def stylesheet(press: Press) -> str:
    """The press edition's own stylesheet, applied after the print edition's: the sheet, and at a trim other
    than A4 the margins and the Chinese measure that fit it."""
    width, height = press.size
    marks = " ".join(press.marks) or "none"
    css = f"@page {{ size: {width}mm {height}mm; bleed: {sheet_bleed(press):g}mm; marks: {marks}; }}\n"
    if press.trim == "A4":
        return css
    top, right, bottom, left = _MARGINS
    measure = math.floor((width - left - right) / (_BODY_PT * _MM_PER_PT))
    return css + (f"@page {{ margin: {top}mm {right}mm {bottom}mm {left}mm; }}\n"
                  f"html:lang(zh-Hant) body {{ width: {measure}em; }}\n")


def makes_parallel(press: Press) -> bool:
    """Whether the parallel edition has a press edition: its two columns are set for A4's width."""
    return press.trim == "A4"


def settings(press: Press) -> str:
    """What of the settings and the profile a press PDF is made of, for its digest."""
    return f"{press.trim}|{press.bleed:g}|{','.join(press.marks)}|{MARK_GAP:g}|{OUTPUT_CONDITION}"


def soft_pictures(pictures: Iterable[tuple[str, float]], html_path: Path) -> list[tuple[Path, int]]:
    """The pictures printed below :data:`MIN_DPI`, as the file each ``src`` names from ``html_path``'s
    folder and its resolution in print, rounded down; each picture once, at its softest."""
    soft: dict[Path, int] = {}
    for src, dpi in pictures:
        if dpi < MIN_DPI and src and "://" not in src:
            path = Path(posixpath.normpath(posixpath.join(html_path.parent.as_posix(), unquote(src))))
            soft[path] = min(soft.get(path, MIN_DPI), math.floor(dpi))
    return sorted(soft.items())
