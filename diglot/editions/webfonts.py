"""The web edition's own fonts: cut at build time by HarfBuzz from the fonts the print edition uses, as WOFF2.

A reader's machine may have no Chinese font at all, or Noto CJK without Noto Serif (and then English quotes
turn full-width). So the site carries its faces, as WOFF2:

- **Latin** (Noto Serif, four styles), cut to the Latin scripts and punctuation, for English;
- **Traditional Chinese** (Noto Serif CJK TC, regular and bold), cut to the characters the site's texts use,
  in *slices*: first the characters every page may show (the site's own strings, language names), then
  the articles' characters ordered by how many articles use them, cut every ``SLICE`` characters. Each
  slice declares its characters as its ``unicode-range``, so a browser downloads only the slices holding
  characters of the page it shows: an English page with a language link in Chinese fetches one small
  slice, a Chinese page the slices of its own text.

The characters are read from the texts a page can show: the sources, every PO file, the language names and
dates Babel writes. That is a little more than the pages show (a fuzzy translation's characters too), and it
costs no composing. ``fonts.css`` declares the faces with ``font-display: swap``: text shows at once in a
fallback face and switches when the font arrives.
"""

from __future__ import annotations

import io
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date

from diglot import layout
from diglot.config import Config, Language
from diglot.errors import DiglotError
from diglot.pdf import harfbuzz
from diglot.sources.documents import Document

LATIN_FAMILY = "diglot Noto Serif"
CJK_FAMILY = "diglot Noto Serif TC"
SLICE = 500  # characters per Chinese slice: one article's text fills one to three
# Google Fonts' "latin" and "latin-ext" ranges: every European name the articles may quote.
LATIN_RANGE = ((0x0000, 0x024F), (0x0259, 0x0259), (0x02BB, 0x02BC), (0x02C6, 0x02DD), (0x1E00, 0x1EFF),
               (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x215F), (0x2190, 0x2193), (0x2212, 0x2215),
               (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD))
_INSTALL = "install Debian's fonts-noto-core and fonts-noto-cjk (apt-get install fonts-noto-core fonts-noto-cjk)"
# GPOS features only: they move glyphs and add none. GSUB closure (vertical and regional forms) would double
# the Chinese subset for nothing a horizontal page shows.
_FEATURES = ("kern", "halt", "palt")
_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)  # keep the copyright and licence (OFL) names
_DROPPED = ("vhea", "vmtx", "VORG")  # the web edition sets no vertical text
BROTLI_QUALITY = 10


@dataclass(frozen=True)
class Face:
    """One font file to make: the installed font it is cut from, and what ``@font-face`` says of it."""

    name: str  # its file name below static/fonts/
    family: str
    source: Path
    index: int  # the face in a collection (.ttc)
    weight: int
    style: str
    characters: tuple[int, ...] = ()  # a Chinese slice's code points; empty: the Latin range

    @property
    def site_path(self) -> str:
        return layout.font(self.name)

    def unicode_range(self) -> str:
        spans = LATIN_RANGE if not self.characters else _spans(self.characters)
        return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def plan_faces(config: Config, documents: list[Document]) -> list[Face]:
    """Every font file the site needs, Latin faces first, then the Chinese slices, most used first."""
    installed = _installed()
    faces = [Face(f"latin-{weight}{'i' if style == 'italic' else ''}.woff2", LATIN_FAMILY,
                  *installed[("Noto Serif", weight, style)], weight, style)
             for weight, style in ((400, "normal"), (700, "normal"), (400, "italic"), (700, "italic"))]
    slices = chinese_slices(config, documents)
    for weight in (400, 700):
        faces += [Face(f"tc-{weight}-{number}.woff2", CJK_FAMILY, *installed[("Noto Serif CJK TC", weight, "normal")],
                       weight, "normal", characters) for number, characters in enumerate(slices, start=1)]
    return faces


def chinese_slices(config: Config, documents: list[Document]) -> list[tuple[int, ...]]:
    """The characters of the site's texts in slices: first what every page may show (printable ASCII, which
    Chinese pages set in the Chinese face, the site's own strings, the notes), then the articles' own
    characters, most used first (by how many articles use them), every ``SLICE`` characters."""
    articles = [doc for doc in documents if doc.kind == "article"]
    everywhere = _characters(_site_texts(config, documents)) | _ASCII
    counts: Counter[str] = Counter()
    for doc in articles:
        counts.update(_characters(_texts_of(config, doc)) - everywhere)
    ranked = [ord(c) for c in sorted(counts, key=lambda c: (-counts[c], ord(c))) if not _latin_only(ord(c))]
    first = tuple(sorted(ord(c) for c in everywhere if not _latin_only(ord(c))))
    return [first] + [tuple(sorted(ranked[i:i + SLICE])) for i in range(0, len(ranked), SLICE)]


_ASCII = {chr(c) for c in range(0x20, 0x7F)}


def _latin_only(code: int) -> bool:
    """Letters the Chinese face need not carry: Latin beyond ASCII goes to the Latin face."""
    return code < 0x20 or 0x7E < code <= 0x24F or 0x1E00 <= code <= 0x1EFF


def _characters(texts: Iterable[str]) -> set[str]:
    return {c for text in texts for c in text if not c.isspace()}


def _site_texts(config: Config, documents: list[Document]) -> list[str]:
    """What every page may show: the site catalogs, the notes, the settings, language names and dates."""
    texts = [config.name, config.series]
    texts += [lang.name for lang in config.languages]
    texts += [format_date(doc.date, "long", locale=lang.code) for doc in documents if doc.date
              for lang in config.languages]
    texts += [_read(path) for path in sorted(config.translations_dir.glob("*/LC_MESSAGES/site.po"))]
    for note in (doc for doc in documents if doc.kind == "note"):
        texts += _texts_of(config, note)
    return texts


def _texts_of(config: Config, doc: Document) -> list[str]:
    """A document's source and every translation of it."""
    return [_read(config.root / doc.path)] + [_read(path) for path in
                                              sorted(config.translations_dir.glob(f"*/LC_MESSAGES/{doc.domain}.po"))]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _spans(codes: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as runs of consecutive ones."""
    spans: list[tuple[int, int]] = []
    for code in sorted(codes):
        if spans and spans[-1][1] == code - 1:
            spans[-1] = (spans[-1][0], code)
        else:
            spans.append((code, code))
    return spans


def _installed() -> dict[tuple[str, int, str], tuple[Path, int]]:
    """The installed Noto Serif and Noto Serif CJK TC faces, by family, weight and style, as fontconfig
    lists them."""
    faces: dict[tuple[str, int, str], tuple[Path, int]] = {}
    for family in ("Noto Serif", "Noto Serif CJK TC"):
        try:
            listing = subprocess.run(["fc-list", "-f", "%{file}\t%{index}\t%{style[0]}\n", f":family={family}"],
                                     capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            raise DiglotError(None, None, "fontconfig's fc-list is not installed", _INSTALL) from None
        for line in listing.splitlines():
            path, index, style = line.split("\t")
            weight = 700 if style.startswith("Bold") else 400 if style in ("Regular", "Italic") else 0
            faces[(family, weight, "italic" if style.endswith("Italic") else "normal")] = (Path(path), int(index))
    for family, weight, style in [("Noto Serif", w, s) for w in (400, 700) for s in ("normal", "italic")] + [
            ("Noto Serif CJK TC", w, "normal") for w in (400, 700)]:
        if (family, weight, style) not in faces:
            made = LATIN_FAMILY if family == "Noto Serif" else CJK_FAMILY
            raise DiglotError("diglot/static/diglot.css", _line_naming(made),
                              f"the font {family!r} ({weight} {style}) is not installed", _INSTALL)
    return faces


def _line_naming(family: str) -> int | None:
    """The web stylesheet's line that first asks for the face made of an installed font."""
    text = (layout.STATIC / "diglot.css").read_text(encoding="utf-8")
    index = text.find(f'"{family}"')
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def fingerprint(faces: list[Face]) -> list[tuple[str, int, int]]:
    """The installed font files the faces are cut from, by path, size and modification time (hashing
    hundreds of megabytes on every build would cost more than the fonts change)."""
    sources = sorted({face.source for face in faces})
    return [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sources]


_made: dict[tuple[Face, tuple[tuple[str, int, int], ...]], bytes] = {}


def woff2(face: Face) -> bytes:
    """The WOFF2 file of ``face``: its installed font cut to its characters, hinting dropped. Kept for the
    rest of the process (a preview server or a test session rebuilds the same faces again and again).

    A top-level function of a picklable argument, so that a process pool can run it.
    """
    made = cached(face)
    if made is None:
        made = _cut(face)
        remember(face, made)
    return made


def cached(face: Face) -> bytes | None:
    """The WOFF2 file of ``face`` if this process has made it (or been given it) already."""
    return _made.get((face, tuple(fingerprint([face]))))


def remember(face: Face, data: bytes) -> None:
    """Keep the WOFF2 file of ``face``, made by a worker process, for the rest of this one."""
    _made[(face, tuple(fingerprint([face])))] = data


def _cut(face: Face) -> bytes:
    """``face`` cut by HarfBuzz, then wrapped as WOFF2 by fontTools."""
    from fontTools.ttLib import TTFont  # lazy: fontTools only where a face is cut

    characters = face.characters or tuple(c for a, b in LATIN_RANGE for c in range(a, b + 1))
    try:
        sfnt = harfbuzz.subset(face.source, face.index, harfbuzz.Cut(characters, _FEATURES, _NAME_IDS, _DROPPED))
    except harfbuzz.SubsetError as error:
        raise DiglotError(face.source, None, f"cannot cut the web font {face.name}: {error}", _INSTALL) from None
    # The same bytes each time: no new timestamp, and the bounding boxes as HarfBuzz wrote them.
    font = TTFont(io.BytesIO(sfnt), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    font.flavor = "woff2"
    out = io.BytesIO()
    with _brotli_quality(BROTLI_QUALITY):
        font.save(out, reorderTables=False)
    return out.getvalue()


@contextmanager
def _brotli_quality(quality: int) -> Iterator[None]:
    """fontTools' WOFF2 writer compressing at ``quality``: it always asks brotli for 11, which takes three
    times as long as 10 for files 0.5 % smaller."""
    from fontTools.ttLib import woff2  # lazy: as above

    real = woff2.brotli
    woff2.brotli = _Brotli(real, quality)
    try:
        yield
    finally:
        woff2.brotli = real


class _Brotli:
    def __init__(self, real: Any, quality: int):
        self.real, self.quality = real, quality

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def compress(self, data: bytes, **options: Any) -> bytes:
        return bytes(self.real.compress(data, **(options | {"quality": self.quality})))


def preload(language: Language) -> str:
    """The site path of the font a page in ``language`` needs first: its text's regular face."""
    return layout.font("tc-400-1.woff2" if language.code.startswith("zh") else "latin-400.woff2")


def stylesheet(faces: list[Face]) -> str:
    """``fonts.css``: one ``@font-face`` per file, its URL relative to the stylesheet."""
    rules = []
    for face in faces:
        rules.append(f'@font-face {{ font-family: "{face.family}"; src: url("fonts/{face.name}") format("woff2"); '
                     f"font-weight: {face.weight}; font-style: {face.style}; font-display: swap; "
                     f"unicode-range: {face.unicode_range()}; }}")
    return "/* The site's own fonts, cut from Noto Serif and Noto Serif CJK TC (SIL Open Font License). */\n" + \
        "\n".join(rules) + "\n"
