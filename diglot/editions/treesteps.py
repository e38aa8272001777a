"""Finishing a document's tree: typography by language, then the variants an edition serializes.

Every step works on Python-Markdown's element tree, registered on the one Markdown instance that
extraction and rendering share (:func:`diglot.sources.segments.new_markdown`), so it sees element
boundaries and leaves code alone: the text of ``<code>`` (inline and in ``<pre>``) is an
``AtomicString`` and fenced code is stashed raw HTML, neither of which a step touches. Extraction stops
at ``diglot-segments``, above all of them: a message is the text as written.

========================  ========  ==============================================================
processor                 priority  why there
========================  ========  ==============================================================
``diglot-segments``       30        (:mod:`diglot.sources.segments`) messages swapped in, inline
                                    not parsed
``inline`` (core)         20        parses the inline Markdown: code spans become atomic
``attr_list``             8         its ``{: …}`` braces are gone before text is set
``diglot-chinese``        7         clreq spans in Chinese text, Han runs in other text
                                    (:mod:`diglot.editions.typography`); before smarty, so that a
                                    Latin run's straight quotes are still there to go in its span.
                                    The text of stashed raw HTML blocks by the same rules, through
                                    :func:`diglot.editions.typesetting.fragment`
``diglot-english``        6         Python-Markdown's own ``smarty`` patterns (quotes, ``--`` en
                                    dash, ``---`` em dash, ``...`` ellipsis), where ``smarty``
                                    registers them, on English text only: text whose language is
                                    CJK (outside a Latin run's span) is left as typed
``unescape`` (core)       0         backslash escapes become characters
``diglot-blocks``         -10       (:mod:`diglot.sources.blocks`) each block serialized for the
                                    parallel edition, its ids and in-page links prefixed with its
                                    language (:mod:`diglot.sources.variants`)
``diglot-print``          -20       (:mod:`diglot.sources.variants`) the print variant: relative
                                    links made absolute on the web edition
========================  ========  ==============================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from diglot.editions import typesetting, typography
from diglot.editions.typography import Marks

CHINESE_PRIORITY, ENGLISH_PRIORITY = 7, 6
# Characters rather than smarty's entities: the same text whatever serializes it.
_SUBSTITUTIONS = {"mdash": "—", "ndash": "–", "ellipsis": "…", "left-single-quote": "‘",
                  "right-single-quote": "’", "left-double-quote": "“", "right-double-quote": "”"}
_BLOCKS = {"p", "li", "blockquote", "div", "td", "th", "tr", "table", "thead", "tbody", "ol", "ul", "dl", "dt",
           "dd", "figure", "figcaption", "details", "summary", "hr", "br", "pre", *(f"h{n}" for n in range(1, 7))}
_CODE = {"code", "pre", "kbd", "samp", "script", "style"}
_PLACEHOLDER = re.compile(r"\x02[^\x02\x03]*\x03")  # stashed raw HTML, entities, escaped characters


def register(md: markdown.Markdown, language_tag: str) -> None:
    """Register the typography steps for a body whose language is ``language_tag`` (BCP 47)."""
    smarty = SmartyExtension(substitutions=_SUBSTITUTIONS)
    smarty.extendMarkdown(md)
    patterns = md.treeprocessors["smarty"]
    md.treeprocessors.deregister("smarty")
    assert isinstance(patterns, InlineProcessor)
    md.treeprocessors.register(ChineseText(md, language_tag), "diglot-chinese", CHINESE_PRIORITY)
    md.treeprocessors.register(EnglishText(md, language_tag, patterns), "diglot-english", ENGLISH_PRIORITY)


class ChineseText(Treeprocessor):
    """Marks each block's text for clreq when its language is CJK, its Han runs otherwise."""

    def __init__(self, md: markdown.Markdown, language_tag: str):
        super().__init__(md)
        self.language_tag = language_tag

    def run(self, root: Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, raw in enumerate(stash):  # raw HTML blocks, never parsed into the tree
            if isinstance(raw, str):
                stash[index] = typesetting.fragment(raw, self.language_tag)
        for tag, language, pieces in _blocks(root, self.language_tag):
            texts = [_masked(holder, slot) for holder, slot, _ in pieces]
            found = typography.chinese(texts, tag in typography.PARAGRAPHS) if typography.is_cjk(language) \
                else typography.other(texts)
            for (holder, slot, parent), marks in zip(pieces, found, strict=True):
                if marks.offsets():
                    _apply(holder, slot, parent, marks)


class EnglishText(Treeprocessor):
    """Python-Markdown's smarty, on the text whose language is not CJK (or inside a Latin run's span)."""

    def __init__(self, md: markdown.Markdown, language_tag: str, patterns: InlineProcessor):
        super().__init__(md)
        self.language_tag = language_tag
        self.patterns = patterns

    def run(self, root: Element) -> None:
        held: list[tuple[Element, str]] = []
        for element, slot, language in list(_texts(root, self.language_tag)):
            if typography.is_cjk(language):
                value = getattr(element, slot)
                if value and not isinstance(value, AtomicString):
                    setattr(element, slot, AtomicString(value))  # smarty passes atomic text by
                    held.append((element, slot))
        self.patterns.run(root)
        for element, slot in held:
            setattr(element, slot, str(getattr(element, slot)))


_SMARTY_CHARACTERS = re.compile(r"[\"']|--|\.\.\.")
_STASHED = re.compile(r"\x02wzxhzdk:(\d+)\x03")
_plain: tuple[markdown.Markdown, InlineProcessor] | None = None


def smarten(text: str, language_tag: str) -> str:
    """Plain text (a front-matter field) with the English rule applied as in a body: all of it in English,
    only its Latin runs in a CJK language."""
    global _plain
    if not _SMARTY_CHARACTERS.search(text):
        return text
    if _plain is None:
        md = markdown.Markdown()
        SmartyExtension(substitutions=_SUBSTITUTIONS).extendMarkdown(md)
        patterns = md.treeprocessors["smarty"]
        assert isinstance(patterns, InlineProcessor)
        _plain = md, patterns
    md, patterns = _plain
    root = Element("div")
    paragraph = Element("p")
    root.append(paragraph)
    if typography.is_cjk(language_tag):
        marks = Marks()
        for start, end in typography.latin_runs(text):
            marks.span(start, end, {"class": "latin"})
        paragraph.text = text
        _apply(paragraph, "text", root, marks)
    else:
        paragraph.text = text
    EnglishText(md, language_tag, patterns).run(root)
    stash = md.htmlStash.rawHtmlBlocks
    smart = _STASHED.sub(lambda m: str(stash[int(m.group(1))]), "".join(paragraph.itertext()))
    md.htmlStash.reset()
    return smart


Piece = tuple[Element, str, Element | None]  # the element holding the text, its slot, the holder's parent
_OPAQUE_SLOT = "code"  # a piece standing for code: a neighbour, never text to mark


def _blocks(root: Element, language: str) -> list[tuple[str, str, list[Piece]]]:
    """Each block's tag, language (the one in force where it starts) and pieces of text in reading
    order; a nested block ends its parent's run of text, and what follows it starts another."""
    blocks: list[tuple[str, str, list[Piece]]] = [("", language, [])]

    def visit(element: Element, parent: Element | None, inherited: str) -> None:
        own = element.get("lang") or inherited
        if element.tag in _CODE:
            blocks[-1][2].append((element, _OPAQUE_SLOT, parent))
            return
        if element.tag in _BLOCKS:
            blocks.append((element.tag, own, []))
        if element.text:
            blocks[-1][2].append((element, "text", parent))
        for child in element:
            visit(child, element, own)
            if child.tag in _BLOCKS:
                blocks.append((element.tag, own, []))
            if child.tail:
                blocks[-1][2].append((child, "tail", element))

    visit(root, None, language)
    return [block for block in blocks if block[2]]


def _texts(element: Element, inherited: str) -> Iterator[tuple[Element, str, str]]:
    """Every text and tail below ``element`` with the language it is in; a Latin run's span is English."""
    for child in element:
        own = child.get("lang") or ("en" if "latin" in child.get("class", "").split() else inherited)
        yield child, "text", own
        yield from _texts(child, own)
        yield child, "tail", inherited


def _masked(holder: Element, slot: str) -> str:
    """A piece's text as the rules read it: placeholders and code as opaque characters."""
    if slot == _OPAQUE_SLOT:
        return typography.OPAQUE
    text = getattr(holder, slot) or ""
    if isinstance(text, AtomicString):
        return typography.OPAQUE * len(text)
    return _PLACEHOLDER.sub(lambda m: typography.OPAQUE * len(m.group()), text)


def _apply(holder: Element, slot: str, parent: Element | None, marks: Marks) -> None:
    """Split the piece's text at its marks into spans, in the tree where the text stood."""
    text = getattr(holder, slot)
    top, last = Element("top"), 0
    stack = [top]
    for offset in marks.offsets():
        _append(stack[-1], text[last:offset])
        for _ in range(marks.closes.get(offset, 0)):
            stack.pop()
        for attributes in marks.opens.get(offset, ()):
            span = Element("span", attributes)
            stack[-1].append(span)
            stack.append(span)
        last = offset
    _append(stack[-1], text[last:])
    setattr(holder, slot, top.text)
    if slot == "text":
        for index, span in enumerate(top):
            holder.insert(index, span)
    elif parent is not None:
        position = list(parent).index(holder) + 1
        for index, span in enumerate(top):
            parent.insert(position + index, span)


def _append(element: Element, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
