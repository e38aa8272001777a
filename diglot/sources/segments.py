"""Segmentation: a document's translatable messages, one per block, found by Python-Markdown's own parser.

A Treeprocessor registered above the ``inline`` processor sees each block element while its ``.text``
still holds the raw inline Markdown (``**bold**``, ``[text](url)``): that text is the message.
Extraction collects it; rendering swaps in the translation and lets inline parsing carry on as usual,
so the source and every translation go through the very same Markdown pipeline. Raw HTML blocks, which
Python-Markdown stashes before it parses blocks (``\x02wzxhzdk:N\x03`` in the tree), are read from its
stash: each run of text between their block-level tags is a message too (diglot.sources.htmlblocks).

===========================  ========  ===============================================================
processor                    priority  why there
===========================  ========  ===============================================================
``footnote`` (extension)     50        has already moved footnote definitions into the tree
``diglot-segments`` (here)   30        blocks exist, inline Markdown not yet parsed
``inline`` (core)            20        parses the (translated) inline Markdown
``attr_list`` (extension)    8         applies ``{: …}`` after inline parsing
===========================  ========  ===============================================================
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from diglot.errors import DiglotError
from diglot.sources import htmlblocks
from diglot.sources.documents import Document
from diglot.sources.htmlblocks import Run
from diglot.sources.strings import BACKLINK_TITLE  # the footnotes' one string, translated through the site catalog

# Classes, not names: a name makes Python-Markdown scan every installed package's entry points first.
EXTENSIONS = (TableExtension, FootnoteExtension, AttrListExtension, SaneListExtension, FencedCodeExtension)
SEGMENTS_PRIORITY = 30

_BLOCK_KINDS = {"p": "paragraph", "li": "list item", "th": "table header", "td": "table cell",
                **{f"h{n}": "heading" for n in range(1, 7)}}
_NOT_TEXT = {"pre", "code", "script", "style"}
# Raw HTML blocks and fenced code are stashed by preprocessors; a block of nothing else is not text.
_ONLY_PLACEHOLDERS = re.compile(r"\s*(?:\x02wzxhzdk:\d+\x03\s*)*\Z")
_PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
# Extensions append placeholders to a block's text (the footnote backlink's space): not the translator's.
_TRAILING_PLACEHOLDERS = re.compile(r"(?:\x02[^\x02\x03]*\x03)+\Z")


@dataclass(frozen=True)
class Segment:
    """One message: its source text, the kind of block it comes from, its line and msgctxt."""

    text: str
    kind: str
    line: int | None = None
    context: str | None = None


class _Collected(Exception):
    """Ends a conversion once the blocks are collected: extraction needs nothing of what comes after."""


@dataclass
class ParsedBlock:
    """A translatable block as the parser holds it: a tree element whose ``.text`` is the raw inline
    Markdown, or a run of text inside a stashed raw HTML block (see diglot.sources.htmlblocks)."""

    kind: str
    raw: str
    element: Element | None = None
    stash: int | None = None  # the index of the raw HTML block in Python-Markdown's stash
    run: Run | None = None
    holder: Element | None = None  # the element whose text holds the raw HTML block's placeholder


Visitor = Callable[[list[ParsedBlock]], None]


class _BlockVisitor(Treeprocessor):
    """Hands every translatable block, with its kind, to ``visit`` before inline parsing."""

    def __init__(self, md: markdown.Markdown, visit: Visitor):
        super().__init__(md)
        self.visit = visit

    def run(self, root: Element) -> None:
        self.visit(list(_blocks(root, inherited=None, stash=self.md.htmlStash.rawHtmlBlocks)))


def new_markdown(visit: Visitor, backlink_title: str = BACKLINK_TITLE) -> markdown.Markdown:
    """The Markdown instance that both extraction and rendering use, so that their messages match."""
    if backlink_title.count("%d") != 1 or "{" in backlink_title or "}" in backlink_title:
        backlink_title = BACKLINK_TITLE  # the extension calls str.format on it: a stray brace would crash
    extensions = [FootnoteExtension(BACKLINK_TITLE=backlink_title) if extension is FootnoteExtension
                  else extension() for extension in EXTENSIONS]
    md = markdown.Markdown(extensions=extensions, output_format="html")
    md.treeprocessors.register(_BlockVisitor(md, visit), "diglot-segments", SEGMENTS_PRIORITY)
    return md


def message_text(block: ParsedBlock) -> str:
    """A block's text as a message: trimmed, continuation lines without their indentation."""
    if block.run is not None:
        return htmlblocks.message_of(block.run)
    raw = _TRAILING_PLACEHOLDERS.sub("", block.raw.rstrip())
    return "\n".join(line.lstrip() for line in raw.strip().split("\n"))


def _retranslated(raw: str | None, translation: str) -> str:
    """The translation with the placeholders that extensions had appended to the source block."""
    trailing = _TRAILING_PLACEHOLDERS.search((raw or "").rstrip())
    return translation + trailing.group(0) if trailing else translation


def segment_document(doc: Document) -> list[Segment]:
    """Every message of ``doc`` in reading order: front matter fields, then the body's blocks."""
    texts: list[tuple[str, str]] = []

    def collect(found: list[ParsedBlock]) -> None:
        texts.extend((message_text(block), block.kind) for block in found)
        raise _Collected  # inline parsing and serializing would be thrown away: skip them

    with contextlib.suppress(_Collected), _depth_guard(doc):
        new_markdown(collect).convert(doc.body)
    lines = _locate(doc.body, doc.body_line, [text for text, _ in texts])
    body = [Segment(text, kind, line) for (text, kind), line in zip(texts, lines, strict=True)]
    return with_contexts(_field_segments(doc) + body)


# Given the Markdown instance before it converts, and the (element, segment) pairs the conversion swaps.
Extension = Callable[[markdown.Markdown, list[tuple[Element, Segment]]], None]


def render_document(doc: Document, translate: Callable[[Segment], str],
                    backlink_title: str = BACKLINK_TITLE,
                    marks: Callable[[Segment], dict[str, str]] | None = None,
                    extend: Extension | None = None) -> tuple[dict[str, str], str]:
    """Translate ``doc``: its front-matter fields by key, and its body as HTML (not yet sanitized).

    ``marks`` gives the attributes a block takes once translated (``lang`` for a block left in the
    source language), set on the element before inline parsing. ``extend`` may register processors of
    its own that read which element shows which segment.
    """
    fields: dict[str, str] = {}
    swapped: list[tuple[Element, Segment]] = []

    def swap(found: list[ParsedBlock]) -> None:
        front = _field_segments(doc)
        body = [Segment(message_text(block), block.kind) for block in found]
        segments = with_contexts(front + body)
        for field, segment in zip(doc.fields, segments, strict=False):
            fields[field.key] = translate(segment)
        html_runs: dict[int, list[tuple[Run, str]]] = defaultdict(list)
        for block, segment in zip(found, segments[len(front):], strict=True):
            if block.element is not None:
                block.element.text = _retranslated(block.raw, translate(segment))
                for name, value in (marks(segment) if marks else {}).items():
                    block.element.set(name, value)
                swapped.append((block.element, segment))
            elif block.stash is not None and block.run is not None:
                # A run inside raw HTML has no element of its own to mark: the block's tags are the source's.
                html_runs[block.stash].append((block.run, translate(segment)))
                if block.holder is not None:
                    swapped.append((block.holder, segment))
        for index, swaps in html_runs.items():
            raw = stash[index]
            if isinstance(raw, str):
                stash[index] = htmlblocks.translated(raw, [r for r, _ in swaps], [t for _, t in swaps])

    md = new_markdown(swap, backlink_title)
    stash = md.htmlStash.rawHtmlBlocks
    if extend is not None:
        extend(md, swapped)
    with _depth_guard(doc):
        html = md.convert(doc.body)
    return fields, html


@contextlib.contextmanager
def _depth_guard(doc: Document) -> Iterator[None]:
    """Markup nested past Python's recursion limit (the nesting limit catches blocks; this, the rest) is
    bad input naming the document, not a crash."""
    try:
        yield
    except RecursionError:
        raise DiglotError(doc.path, None, "its Markdown (or a translation of it) is nested too deeply to read",
                          "nest emphasis, links and HTML less deeply") from None


def with_contexts(segments: list[Segment]) -> list[Segment]:
    """Give a msgctxt (the block kind) only to texts that play more than one role in the document."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for segment in segments:
        kinds[segment.text].add(segment.kind)
    return [replace(s, context=s.kind if len(kinds[s.text]) > 1 else None) for s in segments]


def _field_segments(doc: Document) -> list[Segment]:
    return [Segment(f.text, f"front matter: {f.key.split('.')[0] if f.key.startswith('tags.') else f.key}",
                    f.line) for f in doc.fields]


def _blocks(parent: Element, inherited: str | None, stash: list[str | Element]) -> Iterator[ParsedBlock]:
    """Translatable blocks below ``parent`` in document order; paragraphs take their container's kind."""
    for element in parent:
        if element.tag in _NOT_TEXT:
            continue
        kind = _BLOCK_KINDS.get(element.tag)
        if kind == "paragraph" and inherited:
            kind = inherited
        if kind and element.text and not _ONLY_PLACEHOLDERS.match(element.text):
            yield ParsedBlock(kind, element.text, element=element)
        elif element.text:
            yield from _html_blocks(element, stash)
        # A footnote stays a footnote even inside the list the extension builds of them.
        yield from _blocks(element, inherited if inherited == "footnote" else
                           _container_kind(element) or inherited, stash)


def _html_blocks(holder: Element, stash: list[str | Element]) -> Iterator[ParsedBlock]:
    """The text runs of the raw HTML blocks whose placeholders ``holder``'s text holds."""
    for match in _PLACEHOLDER.finditer(holder.text or ""):
        index = int(match.group(1))
        raw = stash[index] if index < len(stash) else None
        if isinstance(raw, str):
            for run in htmlblocks.text_runs(raw):
                yield ParsedBlock(run.kind, run.text, stash=index, run=run, holder=holder)


def _container_kind(element: Element) -> str | None:
    if element.tag == "blockquote":
        return "quotation"
    if element.tag == "li":
        return "list item"
    if element.tag == "div" and "footnote" in element.get("class", "").split():
        return "footnote"
    return None


def _locate(body: str, first_line: int, texts: list[str]) -> list[int]:
    """The file line of each text: Python-Markdown keeps no positions, so find them in reading order."""
    lines, cursor = [], 0
    counted, newlines = 0, 0  # newlines in body[:counted], so that each count goes on from the last
    for text in texts:
        probe = text.split("\n", 1)[0].strip()
        index = body.find(probe, cursor)
        if index < 0:  # footnotes come last in the tree but may be defined anywhere
            index = body.find(probe)
        if index < 0:
            lines.append(first_line)
            continue
        cursor = index + len(probe)
        if index < counted:
            counted, newlines = 0, 0
        newlines += body.count("\n", counted, index)
        counted = index
        lines.append(first_line + newlines)
    return lines
