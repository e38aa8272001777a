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
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

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


def render_blocks(doc: Document, translate: Callable[[Segment], str], backlink_title: str = BACKLINK_TITLE,
                  marks: Callable[[Segment], dict[str, str]] | None = None) -> tuple[dict[str, str], str, list[Block]]:
    """:func:`diglot.sources.segments.render_document`, and the body's blocks as that rendering made them (each
    block element with the attributes ``marks`` gave it)."""
    blocks: list[Block] = []

    def extend(md: markdown.Markdown, swapped: list[tuple[Element, Segment]]) -> None:
        md.treeprocessors.register(_BlockRecorder(md, swapped, blocks), "diglot-blocks", BLOCKS_PRIORITY)

    fields, html = render_document(doc, translate, backlink_title, marks, extend)
    return fields, html, blocks


class _BlockRecorder(Treeprocessor):
    """Serializes every block of the finished tree on its own, in document order."""

    def __init__(self, md: markdown.Markdown, swapped: list[tuple[Element, Segment]], blocks: list[Block]):
        super().__init__(md)
        self.swapped = swapped
        self.blocks = blocks

    def run(self, root: Element) -> None:
        segments: dict[int, list[Segment]] = {}
        for element, segment in self.swapped:
            segments.setdefault(id(element), []).append(segment)
        parents = {id(child): parent for parent in root.iter() for child in parent}
        opened: set[int] = set()  # containers already shown: their ids and list markers go on the first block
        for element in root:
            units = list(_units(element, segments))
            if not units and element.tag != "hr":
                units = [(element, ())]
            for unit, held in units:
                frames = _frames(unit, root, parents)
                html = self._serialize(_wrapped(unit, frames, opened))
                opened.add(id(unit))
                kind = "table row" if unit.tag == "tr" else held[0].kind if held else _OTHER
                self.blocks.append(Block(kind, held, html))

    def _serialize(self, element: Element) -> str:
        html = self.md.serializer(element)
        for postprocessor in self.md.postprocessors:
            html = postprocessor.run(html)
        return html.strip()


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
