"""A document's body as rendered blocks, one per message (one per row of a table): what a parallel edition pairs.

The document is rendered exactly as its edition renders it (:func:`diglot.sources.segments.render_document`); one
more Treeprocessor, registered after every other, serializes each translated block once inline Markdown,
attribute lists and footnotes are done. Each block stands alone: its HTML is wrapped in the containers it
stood in (a list, a quotation, the footnotes), so that a list item keeps its number and a footnote its
anchor. Two renderings of one document (its source and a translation) give the same blocks in the same
order, whatever the translations say: block structure is parsed before any message is swapped in.

Top-level elements that hold no message (code, raw HTML) become blocks of kind ``other`` with no segments,
shown alike on both sides; a horizontal rule is left out (it would only repeat the rows' own spacing).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from diglot.sources import variants
from diglot.sources.documents import Document
from diglot.sources.segments import Segment, render_document
from diglot.sources.strings import BACKLINK_TITLE

# After ``unescape`` (0), the last of Python-Markdown's own: the blocks are as they will be serialized.
BLOCKS_PRIORITY = -10
_CONTAINERS = {"ul", "ol", "li", "blockquote", "table", "thead", "tbody", "div"}
_BLOCK_CHILDREN = {"p", "ul", "ol", "blockquote", "table", "div", "pre", "hr", "dl",
                   *(f"h{n}" for n in range(1, 7))}
_OTHER = "other"


@dataclass(frozen=True)
class Block:
    """One block of a rendered body: its kind, the messages it shows, its HTML (not yet sanitized)."""

    kind: str  # the messages' block kind ("paragraph", "list item"…), "table row", or "other"
    segments: tuple[Segment, ...]
    html: str
    print_html: str = ""  # the print variant (links made absolute), when it differs from ``html``


@dataclass(frozen=True)
class Body:
    """A rendered document: its front-matter fields, its body's HTML (web and print variants, neither yet
    sanitized) and its blocks."""

    fields: dict[str, str]
    html: str
    print_html: str | None = None  # None: the same as ``html``
    blocks: list[Block] = field(default_factory=list)


def render_body(doc: Document, translate: Callable[[Segment], str], backlink_title: str = BACKLINK_TITLE,
                marks: Callable[[Segment], dict[str, str]] | None = None,
                finish: Callable[[markdown.Markdown], None] | None = None,
                page_url: str | None = None, anchors: str | None = None) -> Body:
    """:func:`diglot.sources.segments.render_document` with the finishing steps ``finish`` registers (an
    edition's typography: :mod:`diglot.editions.treesteps`), and the body's blocks as that rendering made
    them (each block element with the attributes ``marks`` gave it, its ids and in-page links prefixed with
    ``anchors``). ``page_url``: the web page the body stands on, which the print variant's relative links
    are made absolute on (:mod:`diglot.sources.variants`)."""
    blocks: list[Block] = []
    printed: list[variants.PrintLinks] = []

    def extend(md: markdown.Markdown, swapped: list[tuple[Element, Segment]]) -> None:
        if finish is not None:
            finish(md)
        md.treeprocessors.register(_BlockRecorder(md, swapped, blocks, anchors, page_url), "diglot-blocks",
                                   BLOCKS_PRIORITY)
        if page_url is not None:
            printed.append(variants.register_print(md, page_url))

    fields, html = render_document(doc, translate, backlink_title, marks, extend)
    return Body(fields, html, printed[0].html if printed else None, blocks)


def render_blocks(doc: Document, translate: Callable[[Segment], str], backlink_title: str = BACKLINK_TITLE,
                  marks: Callable[[Segment], dict[str, str]] | None = None) -> tuple[dict[str, str], str, list[Block]]:
    """:func:`render_body` with no finishing steps, as fields, HTML and blocks."""
    body = render_body(doc, translate, backlink_title, marks)
    return body.fields, body.html, body.blocks


class _BlockRecorder(Treeprocessor):
    """Serializes every block of the finished tree on its own, in document order."""

    def __init__(self, md: markdown.Markdown, swapped: list[tuple[Element, Segment]], blocks: list[Block],
                 anchors: str | None = None, page_url: str | None = None):
        super().__init__(md)
        self.swapped = swapped
        self.blocks = blocks
        self.anchors = anchors
        self.page_url = page_url

    def run(self, root: Element) -> None:
        segments: dict[int, list[Segment]] = {}
        for element, segment in self.swapped:
            segments.setdefault(id(element), []).append(segment)
        parents = {id(child): parent for parent in root.iter() for child in parent}
        opened: set[int] = set()  # containers already shown: their ids and list markers go on the first block
        linked = self.page_url is not None and any(variants.relative(a) for a in root.iter("a"))
        for element in root:
            units = list(_units(element, segments))
            if not units and element.tag != "hr":
                units = [(element, ())]
            for unit, held in units:
                frames = _frames(unit, root, parents)
                wrapped = _wrapped(unit, frames, opened)
                if self.anchors is not None:  # a copy: the inline elements are the document's own
                    wrapped = variants.own_anchors(copy.deepcopy(wrapped), self.anchors)
                html = variants.serialize(self.md, wrapped)
                printed = ""
                if linked and self.page_url is not None:
                    printed = variants.serialize(self.md, variants.absolute_links(copy.deepcopy(wrapped),
                                                                                    self.page_url))
                opened.add(id(unit))
                kind = "table row" if unit.tag == "tr" else held[0].kind if held else _OTHER
                self.blocks.append(Block(kind, held, html, printed))


def _units(element: Element, segments: dict[int, list[Segment]]) -> Iterator[tuple[Element, tuple[Segment, ...]]]:
    """The message blocks at or below ``element`` in document order; a table row's cells make one unit."""
    if element.tag == "tr":
        held = tuple(s for cell in element for s in segments.get(id(cell), ()))
        if held:
            yield element, held
        return
    if id(element) in segments:  # a raw HTML block holds a message per run of its text
        yield element, tuple(segments[id(element)])
    for child in element:
        yield from _units(child, segments)


def _frames(element: Element, root: Element, parents: dict[int, Element]) -> list[tuple[Element, Element]]:
    """The containers ``element`` stands in, outermost first, each with its child on the way down."""
    frames = []
    child = element
    parent = parents.get(id(child))
    while parent is not None and parent is not root:
        if parent.tag in _CONTAINERS:
            frames.append((parent, child))
        child, parent = parent, parents.get(id(parent))
    return frames[::-1]


def _wrapped(unit: Element, frames: list[tuple[Element, Element]], opened: set[int]) -> Element:
    """``unit`` without the blocks nested in it, inside shallow copies of its containers."""
    top = inner = None
    for container, child in frames:
        shell = Element(container.tag, _attributes(container, child, opened))
        if container.tag == "li" and id(container) in opened:
            shell.set("class", "continued")  # a loose item's later paragraph: no second marker
        opened.add(id(container))
        if inner is None:
            top = shell
        else:
            inner.append(shell)
        inner = shell
    own = _without_blocks(unit)
    if inner is None:
        return own
    inner.append(own)
    assert top is not None
    return top


def _attributes(container: Element, child: Element, opened: set[int]) -> dict[str, str]:
    attributes = dict(container.attrib) if id(container) not in opened else {
        k: v for k, v in container.attrib.items() if k != "id"}
    if container.tag == "ol":  # the list goes on at the number of the item shown
        items = [c for c in container if c.tag == "li"]
        start = int(container.get("start", "1"))
        attributes["start"] = str(start + items.index(child)) if child in items else str(start)
    return attributes


def _without_blocks(element: Element) -> Element:
    """A copy of ``element`` with its text and inline children, but not the blocks nested in it."""
    own = Element(element.tag, dict(element.attrib))
    own.text = element.text
    if element.tag == "tr":
        own.extend(copy.copy(cell) for cell in element)
        return own
    own.extend(child for child in element if child.tag not in _BLOCK_CHILDREN)
    if len(own):
        own[-1] = copy.copy(own[-1])
        own[-1].tail = (own[-1].tail or "").rstrip() or None
    return own
