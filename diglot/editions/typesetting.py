"""Print markup: the spans a print edition's text needs that its catalogs must not carry.

Chinese is set to W3C clreq (Taiwan), English with true quotes and dashes. What CSS alone cannot say
about a character's neighbours is said here, once the print HTML is composed, as spans that
``print.css`` styles and ``diglot.pdf.justify`` reads:

======================  =====================================================================
``span.latin``          a run of Latin letters or digits in Chinese text: set in the Latin face;
                        ``sp-before`` / ``sp-after`` where a Han character is its neighbour, for
                        the ¼ em clreq asks for (a margin, so no space enters the text)
``span.halt``           the first of two adjacent full-width punctuation marks: OpenType ``halt``
                        halves it, so the pair takes 1.5 em rather than 2
``span.nobr``           a paragraph's last two Han characters (and what follows them), kept
                        together so that no paragraph ends in a one-character line
======================  =====================================================================

Neighbours are looked for across inline tags (``<strong>``, ``<a>``) but not across blocks. The text
is taken from the HTML diglot composed (sanitized, every ``<`` in text escaped), so splitting at tags
is exact.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG = re.compile(r"(<[^>]*>)")
_BLOCK = re.compile(r"</?(?:p|li|h[1-6]|blockquote|figcaption|figure|div|td|th|tr|table|ol|ul|dl|dt|dd|"
                    r"header|footer|article|aside|section|body|br|hr)\b", re.IGNORECASE)
_FOREIGN = re.compile(r'\slang="(?!zh)')
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Latin letters and digits, with what holds a run together inside it (U.S., 2,510, 30-day, Leo Litra).
_LATIN_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f.,'’%&/+\-–]| (?=[A-Za-z0-9]))*")
_CHINESE_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
                          r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60"
                          r"\U00020000-\U0003134f]*")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_FULL_WIDTH_PUNCTUATION = set("，。、；：？！（）「」『』《》〈〉【】〔〕")
_UNSPLIT_TAIL = 2  # Han characters a paragraph's last line holds at least


@dataclass
class _Marks:
    """The spans that close, then open, at each offset of one text segment."""

    closes: dict[int, list[str]] = field(default_factory=dict)
    opens: dict[int, list[str]] = field(default_factory=dict)

    def span(self, start: int, end: int, attributes: str, outer: bool = False) -> None:
        """A span over ``[start, end)``: outside those already marked at the same offsets if ``outer``."""
        opens, closes = self.opens.setdefault(start, []), self.closes.setdefault(end, [])
        opens.insert(0 if outer else len(opens), f"<span {attributes}>")
        closes.insert(len(closes) if outer else 0, "</span>")


@dataclass
class _Block:
    """The text segments of one block (positions in the token list) and its visible characters."""

    segments: list[int] = field(default_factory=list)
    chars: list[tuple[int, int]] = field(default_factory=list)  # (segment, offset) of each character
    foreign: bool = False  # in another language (a passage shown untranslated): left as it is


def chinese(page: str) -> str:
    """``page`` (a whole print HTML document) with its body's Chinese text marked up for clreq."""
    head, body = _split_body(page)
    tokens = _TAG.split(body)
    texts = {i: html.unescape(t) for i, t in enumerate(tokens) if i % 2 == 0}
    marks: dict[int, _Marks] = {i: _Marks() for i in texts}
    for block in _blocks(tokens, texts):
        _mark_block(block, texts, marks)
    for i, text in texts.items():
        tokens[i] = _render(text, marks[i])
    return head + "".join(tokens)


def english(page: str) -> str:
    """``page`` with typewriter quotes and dashes in its body's text made true ones, and Chinese in it
    marked as Chinese (for its structure tree's language and its face)."""
    head, body = _split_body(page)
    tokens = _TAG.split(body)
    for i in range(0, len(tokens), 2):
        text = html.escape(_true_quotes(html.unescape(tokens[i])), quote=False)
        tokens[i] = _CHINESE_RUN.sub(r'<span lang="zh-Hant">\g<0></span>', text)
    return head + "".join(tokens)


def _split_body(page: str) -> tuple[str, str]:
    start = page.find("<body")
    return (page, "") if start < 0 else (page[:start], page[start:])


def _blocks(tokens: list[str], texts: dict[int, str]) -> list[_Block]:
    blocks, current = [], _Block()
    for i, token in enumerate(tokens):
        if i % 2 == 1:
            if _BLOCK.match(token):
                blocks.append(current)
                current = _Block(foreign=bool(_FOREIGN.search(token)) and not token.startswith("</"))
            continue
        current.segments.append(i)
        current.chars += [(i, offset) for offset in range(len(texts[i])) if not texts[i][offset].isspace()]
    blocks.append(current)
    return [block for block in blocks if block.chars and not block.foreign]


def _mark_block(block: _Block, texts: dict[int, str], marks: dict[int, _Marks]) -> None:
    """Record, per character, where spans open and close: Latin runs, halt pairs, the unsplit tail."""
    visible = [texts[s][o] for s, o in block.chars]
    index = {position: n for n, position in enumerate(block.chars)}
    for segment in block.segments:
        for run in _latin_runs(texts[segment]):
            first, last = index[(segment, run.start())], index[(segment, run.end() - 1)]
            classes = ["latin"]
            if first > 0 and _HAN.match(visible[first - 1]):
                classes.append("sp-before")
            if last + 1 < len(visible) and _HAN.match(visible[last + 1]):
                classes.append("sp-after")
            lang = ' lang="en"' if _LETTER.search(run.group()) else ""
            marks[segment].span(run.start(), run.end(), f'class="{" ".join(classes)}"{lang}')
    for n, char in enumerate(visible[:-1]):
        if char in _FULL_WIDTH_PUNCTUATION and visible[n + 1] in _FULL_WIDTH_PUNCTUATION:
            segment, offset = block.chars[n]
            marks[segment].span(offset, offset + 1, 'class="halt"')
    _keep_tail_together(block, texts, marks)


def _latin_runs(text: str) -> list[re.Match[str]]:
    runs = []
    for run in _LATIN_RUN.finditer(text):
        end = len(run.group().rstrip(",’'-–"))
        runs.append(_LATIN_RUN.match(text, run.start(), run.start() + end) or run)
    return [run for run in runs if run.group()]


def _keep_tail_together(block: _Block, texts: dict[int, str], marks: dict[int, _Marks]) -> None:
    """Wrap the block's last Han characters and what follows them, when all lie in its last text."""
    segment = block.chars[-1][0]
    text = texts[segment]
    han = [offset for s, offset in block.chars if s == segment and _HAN.match(text[offset])]
    if len(han) < _UNSPLIT_TAIL or sum(1 for _ in _HAN.finditer("".join(texts[s] for s in block.segments))) \
            <= _UNSPLIT_TAIL:
        return
    marks[segment].span(han[-_UNSPLIT_TAIL], len(text.rstrip()), 'class="nobr"', outer=True)


def _render(text: str, marks: _Marks) -> str:
    out, last = [], 0
    for offset in sorted(marks.opens.keys() | marks.closes.keys()):
        out += [html.escape(text[last:offset], quote=False), *marks.closes.get(offset, ()),
                *marks.opens.get(offset, ())]
        last = offset
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


_QUOTES = [
    (re.compile(r"--"), "—"),
    (re.compile(r"(^|[\s(\[{—–-])\""), "\\1“"),
    (re.compile(r"\""), "”"),
    (re.compile(r"(^|[\s(\[{—–-])'"), "\\1‘"),
    (re.compile(r"'"), "’"),
]


def _true_quotes(text: str) -> str:
    for pattern, replacement in _QUOTES:
        text = pattern.sub(replacement, text)
    return text
