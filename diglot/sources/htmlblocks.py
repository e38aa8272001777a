"""Text inside raw HTML blocks: found as messages and swapped for translations, tags left where they are.

Python-Markdown stashes a block of raw HTML (``<details>``, ``<table>``, ``<figure>`` written in HTML)
whole, before it parses blocks, and pastes it back after serializing: none of it is Markdown, so
segmentation would never see its text. Here such a block is cut at its block-level tags into runs of
inline content (text, with inline tags such as ``<em>`` or ``<a href>`` inside); every run that holds
text is one message, its inline tags kept in the msgid as raw HTML is kept in a Markdown paragraph.
A translation replaces the run and nothing else, so the block's structure and attributes are the
source's; the rules for translations (no tag or attribute the source lacks) apply as to any message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Tags that end one run of inline content and start another.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "col", "colgroup", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main",
    "menu", "nav", "ol", "optgroup", "option", "p", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "video", "audio", "picture", "source",
})
# Whose content is not text to translate: code, scripts, embedded documents.
OPAQUE_TAGS = frozenset({"pre", "script", "style", "textarea", "svg", "math", "template", "object"})
_KINDS = {"p": "paragraph", "li": "list item", "td": "table cell", "th": "table header",
          "summary": "summary", "figcaption": "caption", "caption": "caption", "dt": "term",
          "dd": "definition", "blockquote": "quotation", **{f"h{n}": "heading" for n in range(1, 7)}}
# What is not text of a run: comments, tags, and inline code (never translated).
_NOT_TEXT = re.compile(r"<!--.*?-->|<code\b.*?</code>|<[^<>]*>|&nbsp;", re.S | re.I)


@dataclass(frozen=True)
class Run:
    """One message inside a raw HTML block: its text, where it stands (offsets) and its kind."""

    start: int
    end: int
    text: str
    kind: str


def text_runs(html: str) -> list[Run]:
    """The runs of ``html`` that hold text, in document order, each trimmed of surrounding space."""
    scanner = _Scanner(html)
    runs = []
    for start, end, kind in scanner.gaps():
        raw = html[start:end]
        if not _NOT_TEXT.sub("", raw).strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        runs.append(Run(start + lead, start + lead + len(text), text, kind))
    return runs


def translated(html: str, runs: list[Run], translations: list[str]) -> str:
    """``html`` with each run replaced by its translation."""
    for run, translation in sorted(zip(runs, translations, strict=True), key=lambda pair: -pair[0].start):
        html = html[:run.start] + translation + html[run.end:]
    return html


def message_of(run: Run) -> str:
    """A run's text as a message: continuation lines without their indentation, as for Markdown blocks."""
    return "\n".join(line.strip() for line in run.text.split("\n"))


class _Scanner(HTMLParser):
    """Finds the spans of block-level tags and opaque elements; what lies between them are runs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self._cuts: list[tuple[int, int, str]] = []  # (start, end, kind of what follows)
        self._open: list[str] = []  # block elements open at this point
        self._opaque: tuple[str, int, int] | None = None  # tag, depth, start offset
        self.feed(html)
        self.close()
        if self._opaque:  # never closed: opaque to the end
            self._cut(self._opaque[2], len(html))

    def gaps(self) -> list[tuple[int, int, str]]:
        """The spans between cuts, with the kind of block that holds each."""
        spans, position, kind = [], 0, "html block"
        for start, end, following in [*self._cuts, (len(self.html), len(self.html), "")]:
            if start > position:
                spans.append((position, start, kind))
            position, kind = max(position, end), following
        return spans

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if self._opaque:
            if tag == self._opaque[0]:
                self._opaque = (tag, self._opaque[1] + 1, self._opaque[2])
            return
        if tag in OPAQUE_TAGS:
            self._opaque = (tag, 1, start)
        elif tag in BLOCK_TAGS:
            if tag not in ("hr", "col", "source"):
                self._open.append(tag)
            self._cut(start, end)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._opaque and tag in BLOCK_TAGS | OPAQUE_TAGS:
            start = self._offset()
            self._cut(start, start + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        close = self.html.find(">", start)
        end = len(self.html) if close < 0 else close + 1
        if self._opaque:
            name, depth, opened = self._opaque
            if tag == name:
                self._opaque = (name, depth - 1, opened) if depth > 1 else None
                if depth == 1:
                    self._cut(opened, end)
            return
        if tag in BLOCK_TAGS:
            if tag in self._open:
                del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]
            self._cut(start, end)

    def _cut(self, start: int, end: int) -> None:
        inner = next((_KINDS[tag] for tag in reversed(self._open) if tag in _KINDS), "html block")
        self._cuts.append((start, end, inner))
