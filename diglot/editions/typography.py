"""The typographic rules of a block of text, as spans to wrap around stretches of it.

One rule set, applied wherever text is finished: on the Markdown tree of a document's body
(:mod:`diglot.editions.treesteps`) and on the text a template adds around it
(:mod:`diglot.editions.typesetting`). Both hand over a block's text as pieces (the text between its
inline tags) and get back, per piece, where spans open and close:

Chinese text is set to W3C clreq (Taiwan):

======================  =====================================================================
``span.latin``          a run of Latin letters or digits: set in the Latin face (``lang="en"``
                        when it has a letter); ``sp-before`` / ``sp-after`` where a Han character
                        is its neighbour, for the ¼ em clreq asks for (a margin, so no space
                        enters the text). A straight quote against a run goes into it, so that
                        the English rule (smarty) curls it as English; a curly one and an
                        ellipsis go in too, to be set in the Latin face.
``span.halt``           the first of two adjacent full-width punctuation marks: OpenType ``halt``
                        halves it, so the pair takes 1.5 em rather than 2
``span.nobr``           a paragraph's last two Han characters (and what follows them), kept
                        together so that no paragraph ends in a one-character line
======================  =====================================================================

Text in another language gets its Han runs marked ``lang="zh-Hant"`` (for its face and the PDF's
structure tree). Neighbours are looked for across a block's inline tags but not across blocks. A piece
may hold :data:`OPAQUE` characters where something stands that is not text to set (code, a placeholder):
they are never marked and count as neither Han nor Latin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

Attributes = dict[str, str]

OPAQUE = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: neither Han, Latin, space nor punctuation
HAN_TAG = "zh-Hant"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Latin letters and digits, with what holds a run together inside it (U.S., 2,510, 30-day, Leo Litra,
# 1990--2000).
_LATIN_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f.,'’%&/+\-–]| (?=[A-Za-z0-9&]))*")
_CHINESE_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
                          r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60"
                          r"\U00020000-\U0003134f]*")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Quotes (and an ellipsis) against a lettered run belong to it: straight ones for smarty to curl as English,
# curly ones that it (or a writer) made, so that they are set in the Latin face with the run.
_OPENING, _CLOSING = "\"'“‘’", "\"'”’…"
_FULL_WIDTH_PUNCTUATION = set("，。、；：？！（）「」『』《》〈〉【】〔〕")
_UNSPLIT_TAIL = 2  # Han characters a paragraph's last line holds at least
CJK_LANGUAGES = ("zh", "ja", "ko")


def is_cjk(language_tag: str) -> bool:
    """Whether text in ``language_tag`` (BCP 47 or gettext form) is written in Han or Hangul."""
    return language_tag.replace("_", "-").split("-")[0].lower() in CJK_LANGUAGES


@dataclass
class Marks:
    """The spans that close, then open, at each offset of one piece of text."""

    closes: dict[int, int] = field(default_factory=dict)  # how many spans close there
    opens: dict[int, list[Attributes]] = field(default_factory=dict)

    def span(self, start: int, end: int, attributes: Attributes, outer: bool = False) -> None:
        """A span over ``[start, end)``: outside those already marked at the same offsets if ``outer``."""
        opens = self.opens.setdefault(start, [])
        opens.insert(0 if outer else len(opens), attributes)
        self.closes[end] = self.closes.get(end, 0) + 1

    def offsets(self) -> list[int]:
        """Every offset where a span opens or closes, in order."""
        return sorted(self.opens.keys() | self.closes.keys())


# Blocks of running text, whose last line should not be one character: not a link, a label, a menu.
PARAGRAPHS = {"p", "li", "dt", "dd", "blockquote", "figcaption", "td", "th", *(f"h{n}" for n in range(1, 7))}


def chinese(pieces: Sequence[str], paragraph: bool = True) -> list[Marks]:
    """The clreq spans of one Chinese block, given as the texts between its inline tags; ``paragraph``:
    the block is running text, whose last two Han characters are kept together."""
    marks = [Marks() for _ in pieces]
    chars = [(p, o) for p, text in enumerate(pieces) for o in range(len(text)) if not text[o].isspace()]
    if not chars:
        return marks
    visible = [pieces[p][o] for p, o in chars]
    index = {position: n for n, position in enumerate(chars)}
    for p, text in enumerate(pieces):
        for start, end in latin_runs(text):
            first, last = index[(p, start)], index[(p, end - 1)]
            classes = ["latin"]
            if first > 0 and HAN.match(visible[first - 1]):
                classes.append("sp-before")
            if last + 1 < len(visible) and HAN.match(visible[last + 1]):
                classes.append("sp-after")
            attributes = {"class": " ".join(classes)}
            if _LETTER.search(text, start, end):
                attributes["lang"] = "en"
            marks[p].span(start, end, attributes)
    for n, char in enumerate(visible[:-1]):
        if char in _FULL_WIDTH_PUNCTUATION and visible[n + 1] in _FULL_WIDTH_PUNCTUATION:
            p, offset = chars[n]
            marks[p].span(offset, offset + 1, {"class": "halt"})
    if paragraph:
        _keep_tail_together(pieces, chars, marks)
    return marks


def other(pieces: Sequence[str]) -> list[Marks]:
    """The spans of a block in a language not written in Han: its Han runs marked as Chinese."""
    marks = [Marks() for _ in pieces]
    for p, text in enumerate(pieces):
        for run in _CHINESE_RUN.finditer(text):
            marks[p].span(run.start(), run.end(), {"lang": HAN_TAG})
    return marks


def latin_runs(text: str) -> list[tuple[int, int]]:
    """The Latin runs of ``text`` as ``(start, end)``, the quotes against a lettered run with it."""
    runs: list[tuple[int, int]] = []
    for run in _LATIN_RUN.finditer(text):
        start, end = run.start(), run.start() + len(run.group().rstrip(",’'-–"))
        if _LETTER.search(text, start, end):
            if start > 0 and text[start - 1] in _OPENING and (not runs or runs[-1][1] < start):
                start -= 1
            while end < len(text) and text[end] in _CLOSING:
                end += 1
        if end > start:
            runs.append((start, end))
    return runs


def _keep_tail_together(pieces: Sequence[str], chars: list[tuple[int, int]], marks: list[Marks]) -> None:
    """Wrap the block's last Han characters and what follows them, when all lie in its last piece and
    no Latin word follows them."""
    last = chars[-1][0]
    text = pieces[last]
    han = [offset for p, offset in chars if p == last and HAN.match(text[offset])]
    if len(han) < _UNSPLIT_TAIL or sum(len(HAN.findall(piece)) for piece in pieces) <= _UNSPLIT_TAIL:
        return
    if any(_LETTER.search(text, start, end) for start, end in latin_runs(text) if start > han[-1]):
        return  # a name after the last Han characters ("索洛德基（Sergiy Solodkyy）"): too long to hold
    marks[last].span(han[-_UNSPLIT_TAIL], len(text.rstrip()), {"class": "nobr"}, outer=True)
