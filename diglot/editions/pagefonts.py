"""The fonts one web page declares and preloads: only the files holding its characters.

A page's ``<style>`` declares the faces (:mod:`diglot.editions.webfonts`) that hold a character of its text,
each ``unicode-range`` narrowed to the page's characters, so that the browser reads no rule it cannot use;
and the page preloads the faces its text is set in (regular and bold, in the family its language sets
first), so that they download while the page is read instead of after its stylesheet.

Which face sets a character follows the web stylesheet (``diglot.css``, ``parallel.css``): a Chinese context
(the nearest ``lang``) sets the Chinese face first and Latin runs (``lang="en"``) in the Latin face; any
other context sets the Latin face first. Headings, ``strong``, ``b``, ``th``, the site's name, the pending
notes and, in Chinese, ``em`` are bold. A character set in a face not preloaded still shows in it: the
declarations cover every character of the page; only the preloading follows the stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from diglot.editions.typography import is_cjk
from diglot.editions.webfonts import CJK_FAMILY, LATIN_FAMILY, Face, font_face

_SKIPPED = {"head", "script", "style", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BOLD_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "th"}
_BOLD_CLASSES = {"site-name", "pending-note"}
# List markers, and whatever else the browser draws in the page's fonts without it being text.
_ALWAYS = frozenset(range(0x20, 0x7F))


@dataclass(frozen=True)
class PageFonts:
    """What a page's head says of its fonts: the ``@font-face`` rules, and the faces it preloads."""

    rules: Markup  # CSS of diglot's own making: family names and site paths, no text of a source
    preloads: tuple[str, ...]  # site paths


def page_fonts(html: str, language_tag: str, faces: Sequence[Face], root: str) -> PageFonts:
    """The fonts of the page ``html`` (in ``language_tag``), of the site's ``faces``; their URLs start with
    ``root``, the page's way to the top of the site."""
    scan = _Scan(language_tag)
    scan.feed(html)
    scan.close()
    shown = scan.shown | _ALWAYS
    declared = [face for face in faces if not shown.isdisjoint(face.characters)]
    preloaded = [face for face in declared if face.style == "normal"
                 and not scan.set_in[(face.family, face.weight)].isdisjoint(face.characters)]
    return PageFonts(Markup("\n".join(font_face(face, root + face.site_path, shown) for face in declared)),
                     tuple(face.site_path for face in preloaded))


class _Scan(HTMLParser):
    """The characters of a page's text, and those each family sets, regular and bold."""

    def __init__(self, language_tag: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", language_tag, False)]  # tag, language, bold
        self.skipping = 0
        self.shown: set[int] = set()
        self.set_in: dict[tuple[str, int], set[int]] = {(family, weight): set() for family in (LATIN_FAMILY, CJK_FAMILY)
                                                         for weight in (400, 700)}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("title"):  # shown by the stylesheet (an outdated block's note) or as a tooltip
            self.shown.update(map(ord, values["title"]))
        if tag in _VOID:
            return
        _, language, bold = self.stack[-1]
        language = values.get("lang") or language
        bold = bold or tag in _BOLD_TAGS or bool(_BOLD_CLASSES & set(values.get("class", "").split())) or (
            tag == "em" and is_cjk(language))
        self.stack.append((tag, language, bold))
        self.skipping += tag in _SKIPPED

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while len(self.stack) > 1:
            popped = self.stack.pop()[0]
            self.skipping -= popped in _SKIPPED
            if popped == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        _, language, bold = self.stack[-1]
        codes = {ord(c) for c in set(data) if not c.isspace()}  # each character once: text repeats them
        self.shown |= codes
        weight = 700 if bold else 400
        if is_cjk(language):
            self.set_in[(CJK_FAMILY, weight)] |= codes
        else:  # Latin first: the Chinese face sets only what the Latin one lacks
            self.set_in[(LATIN_FAMILY, weight)] |= {c for c in codes if c < 0x2E80}
            self.set_in[(CJK_FAMILY, weight)] |= {c for c in codes if c >= 0x2E80}
