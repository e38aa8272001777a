"""The web edition's own fonts: cut at build time by HarfBuzz from the fonts the print edition uses, as WOFF2.

A reader's machine may have no Chinese font at all, or Noto CJK without Noto Serif (and then English quotes
turn full-width). So the site carries its faces, as WOFF2:

- **Latin** (Noto Serif, four styles), each in two files: the Latin of English (``latin``) and the rest of the
  Latin scripts and punctuation (``latin-ext``), which an English page fetches only for a name like Łukasz;
- **Traditional Chinese** (Noto Serif CJK TC, regular and bold), cut to the characters the site's texts use,
  in *slices*, each declaring its characters as its ``unicode-range``, so that a browser downloads only the
  slices holding characters of the page it shows. The slices follow what pages show: first the characters
  every page may show (printable ASCII, the site's own strings, language names, dates); for the regular
  face then those of what indexes and the home page list (titles, summaries, authors), and for the bold
  face those of what is set bold (titles, headings, ``**strong**``, and emphasis, bold in Chinese); then
  the rest of the articles' characters, ordered by how many articles use them, cut every ``SLICE``
  characters. An index fetches the slices of its listings, not of the articles' bodies; an article its
  text's regular slices and one bold slice.

The characters are read from the texts a page can show: the sources, every PO file, the language names and
dates Babel writes. That is a little more than the pages show (a fuzzy translation's characters too), and it
costs no composing. The files' names carry a digest of what they are cut from and to (``latin-400.3f2a1c4d.woff2``),
so that a server can let browsers keep them for a year.

Each page declares the faces it needs in its own ``<style>`` (:func:`page_rules`): only the files holding
its characters, each with a ``unicode-range`` narrowed to the page's characters, with ``font-display:
swap`` (text shows at once in a fallback face and switches when the font arrives), and preloads them
(:func:`preloads`) so that they are fetched while the page is still being read, not after its stylesheet.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from diglot import layout
from diglot.config import Config
from diglot.errors import DiglotError
from diglot.pdf import harfbuzz
from diglot.sources import strings
from diglot.sources.documents import Document

LATIN_FAMILY = "diglot Noto Serif"
CJK_FAMILY = "diglot Noto Serif TC"
SLICE = 500  # characters per Chinese slice: one article's text fills one to three
# Google Fonts' "latin" range (English, and the punctuation of both languages' pages) and, in a file of its
# own, the rest of its "latin-ext": every European name the articles may quote.
LATIN_RANGE = ((0x0000, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153), (0x02BB, 0x02BC), (0x02C6, 0x02C6),
               (0x02DA, 0x02DA), (0x02DC, 0x02DC), (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122),
               (0x2191, 0x2191), (0x2193, 0x2193), (0x2212, 0x2212), (0x2215, 0x2215), (0xFEFF, 0xFEFF),
               (0xFFFD, 0xFFFD))
LATIN_EXT_RANGE = ((0x0100, 0x024F), (0x0259, 0x0259), (0x02C7, 0x02D9), (0x02DB, 0x02DB), (0x02DD, 0x02DD),
                   (0x1E00, 0x1EFF), (0x20A0, 0x20AB), (0x20AD, 0x20CF), (0x2100, 0x2121), (0x2123, 0x215F),
                   (0x2190, 0x2190), (0x2192, 0x2192), (0x2213, 0x2214))
_INSTALL = "install Debian's fonts-noto-core and fonts-noto-cjk (apt-get install fonts-noto-core fonts-noto-cjk)"
# GPOS features only: they move glyphs and add none. GSUB closure (vertical and regional forms) would double
# the Chinese subset for nothing a horizontal page shows.
_FEATURES = ("kern", "halt", "palt")
_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)  # keep the copyright and licence (OFL) names
_DROPPED = ("vhea", "vmtx", "VORG")  # the web edition sets no vertical text
BROTLI_QUALITY = 10
# The front-matter fields indexes and the home page list, and those set bold.
LISTED_FIELDS = ("series", "title", "subtitle", "summary", "author.name")
BOLD_FIELDS = ("title", "subtitle")
# What Markdown (or its HTML) sets bold, emphasis included: Chinese pages set it bold, not italic.
_BOLD_MARKUP = re.compile(r"^#{1,6}[ \t]+(.+)$|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s][^*]*?)\*|(?<!\w)_([^_\s][^_]*?)_(?!\w)"
                          r"|<(strong|b|em|th|h[1-6])\b[^>]*>(.*?)</\6>", re.M | re.S)


@dataclass(frozen=True)
class Face:
    """One font file to make: the installed font it is cut from, its characters, and what ``@font-face``
    says of it."""

    stem: str  # its file name below static/fonts/, before the digest
    family: str
    source: Path
    index: int  # the face in a collection (.ttc)
    weight: int
    style: str
    characters: tuple[int, ...]

    @cached_property
    def name(self) -> str:
        """The file name: the stem and a digest of what the file is cut from and to."""
        identity = json.dumps([self.stem, self.source.name, self.source.stat().st_size, self.index, self.weight,
                               self.style, self.characters, list(_FEATURES), list(_DROPPED)])
        return f"{self.stem}.{hashlib.sha256(identity.encode()).hexdigest()[:8]}.woff2"

    @property
    def site_path(self) -> str:
        return layout.font(self.name)

    def unicode_range(self, only: Iterable[int] | None = None) -> str:
        """Its characters as a ``unicode-range``; those of ``only`` alone when given."""
        codes = self.characters if only is None else set(self.characters) & set(only)
        return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in _spans(codes))


def plan_faces(config: Config, documents: list[Document]) -> list[Face]:
    """Every font file the site needs: the Latin faces, then the Chinese slices, regular then bold, each
    weight's in the order pages need them."""
    installed = _installed()
    latin = tuple(c for a, b in LATIN_RANGE for c in range(a, b + 1))
    latin_ext = tuple(c for a, b in LATIN_EXT_RANGE for c in range(a, b + 1))
    faces = [Face(f"{part}-{weight}{'i' if style == 'italic' else ''}", LATIN_FAMILY,
                  *installed[("Noto Serif", weight, style)], weight, style, characters)
             for part, characters in (("latin", latin), ("latin-ext", latin_ext))
             for weight, style in ((400, "normal"), (700, "normal"), (400, "italic"), (700, "italic"))]
    for weight, slices in zip((400, 700), chinese_slices(config, documents), strict=True):
        faces += [Face(f"tc-{weight}-{number}", CJK_FAMILY, *installed[("Noto Serif CJK TC", weight, "normal")],
                       weight, "normal", characters) for number, characters in enumerate(slices, start=1)]
    return faces


def chinese_slices(config: Config, documents: list[Document]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """The characters of the site's texts in slices, for the regular face and for the bold one.

    Regular: first what every page may show (printable ASCII, which Chinese pages set in the Chinese face,
    the site's own strings, the notes), then what the indexes list, then the rest. Bold: first what is set
    bold (the site's name and headings, the articles' and notes' titles, headings and strong text), then the
    rest.
    After the first slice, each tier's characters most used first (by how many articles use them), in
    slices of about ``SLICE`` characters."""
    articles = [doc for doc in documents if doc.kind == "article"]
    everywhere = _characters(_site_texts(config, documents)) | _ASCII
    listed: Counter[str] = Counter()
    bold: Counter[str] = Counter(_characters(_bold_site_texts(config)))
    rest: Counter[str] = Counter()
    for doc in documents:  # the notes too: every article shows them, their bold text with it
        shown_listed, shown_bold = _roles(config, doc)
        bold.update(_characters(shown_bold))
        if doc in articles:
            listed.update(_characters(shown_listed))
            rest.update(_characters(_texts_of(config, doc)))
    first = tuple(sorted(ord(c) for c in everywhere if not _latin_only(ord(c))))
    return [first, *_cut_tiers([listed, rest], everywhere)], _cut_tiers([bold, Counter(everywhere), rest], set())


def _cut_tiers(tiers: list[Counter[str]], placed: set[str]) -> list[tuple[int, ...]]:
    """Each tier's characters not in an earlier one (nor ``placed``), most used first, in slices of about
    ``SLICE`` (a tier of 520 in one slice, of 760 in two of 380)."""
    slices = []
    placed = set(placed)
    for counts in tiers:
        ranked = [ord(c) for c in sorted(set(counts) - placed, key=lambda c: (-counts[c], ord(c)))
                  if not _latin_only(ord(c))]
        size = -(-len(ranked) // max(1, round(len(ranked) / SLICE))) if ranked else 1
        slices += [tuple(sorted(ranked[i:i + size])) for i in range(0, len(ranked), size)]
        placed |= set(counts)
    return slices


_ASCII = {chr(c) for c in range(0x20, 0x7F)}


def _latin_only(code: int) -> bool:
    """Letters the Chinese face need not carry: Latin beyond ASCII goes to the Latin face."""
    return code < 0x20 or 0x7E < code <= 0x24F or 0x1E00 <= code <= 0x1EFF


def _bold_site_texts(config: Config) -> list[str]:
    """The site's strings set bold: its name (every page's header), its series (the indexes' heading), the
    home page's and the 404 page's headings, the parallel edition's pending notes; as written and as
    translated in the site catalogs."""
    wanted = {config.name, config.series, strings.LATEST, strings.NOT_FOUND, strings.TRANSLATION_PENDING}
    texts = list(wanted)
    for path in sorted(config.translations_dir.glob("*/LC_MESSAGES/site.po")):
        texts += [message.string for message in _messages(path) if message.id in wanted
                  and isinstance(message.string, str)]
    return texts


def _messages(path: Path) -> list[Message]:
    """The messages of a catalog; none if Babel cannot read it (``diglot check`` says why)."""
    try:
        return list(read_po(io.BytesIO(path.read_bytes())))
    except Exception:  # a broken catalog is for `diglot check` to report, not for the fonts
        return []


def _roles(config: Config, doc: Document) -> tuple[list[str], list[str]]:
    """The texts of an article, source and translations, that indexes list, and those set bold. A catalog
    Babel cannot read adds none: its characters are still in the last tier."""
    listed = [doc.text(key) or "" for key in LISTED_FIELDS]
    bold = [doc.text(key) or "" for key in BOLD_FIELDS] + _bold_markup(doc.body)
    for path in sorted(config.translations_dir.glob(f"*/LC_MESSAGES/{doc.domain}.po")):
        for message in _messages(path):
            if not message.id or not isinstance(message.string, str):
                continue
            kinds = {comment.removeprefix("front matter: ") for comment in message.auto_comments}
            if kinds & set(LISTED_FIELDS):
                listed.append(message.string)
            if kinds & {*BOLD_FIELDS, "heading"}:
                bold.append(message.string)
            bold += _bold_markup(message.string)
    return listed, bold


def _bold_markup(text: str) -> list[str]:
    """The text Markdown (or HTML) in ``text`` sets bold: headings, strong text and, in Chinese, emphasis."""
    return ["".join(group for group in match.groups() if group) for match in _BOLD_MARKUP.finditer(text)]


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

    try:
        sfnt = harfbuzz.subset(face.source, face.index, harfbuzz.Cut(face.characters, _FEATURES, _NAME_IDS, _DROPPED))
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


def stylesheet(faces: list[Face]) -> str:
    """``fonts.css``: one ``@font-face`` per file, its URL relative to the stylesheet, for pages other than
    diglot's that want the site's faces (diglot's own declare theirs, see :func:`font_face`)."""
    rules = [font_face(face, f"fonts/{face.name}") for face in faces]
    return "/* The site's own fonts, cut from Noto Serif and Noto Serif CJK TC (SIL Open Font License). */\n" + \
        "\n".join(rules) + "\n"


def font_face(face: Face, url: str, only: Iterable[int] | None = None) -> str:
    """The ``@font-face`` rule of ``face`` at ``url``; its range narrowed to the characters ``only`` if given."""
    return (f'@font-face {{ font-family: "{face.family}"; src: url("{url}") format("woff2"); '
            f"font-weight: {face.weight}; font-style: {face.style}; font-display: swap; "
            f"unicode-range: {face.unicode_range(only)}; }}")
