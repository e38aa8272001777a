"""The variants of a rendered body's tree an edition serializes, besides the body as the web shows it.

Both are made on Python-Markdown's element tree, after every other step (typography included), from a copy
so that the body itself is left as it is:

========================  ========  ==============================================================
processor                 priority  why there
========================  ========  ==============================================================
``diglot-blocks``         -10       (:mod:`diglot.sources.blocks`) each block serialized for the
                                    parallel edition, its ids and in-page links prefixed with its
                                    language (:func:`own_anchors`)
``diglot-print``          -20       the print variant: relative links made absolute on the web
                                    edition (in a PDF they would name local files), serialized
                                    from a copy only when the body has such a link
========================  ========  ==============================================================
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

PRINT_PRIORITY = -20
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class PrintLinks(Treeprocessor):
    """Serializes a copy of the finished tree with its relative links made absolute on ``page_url``."""

    def __init__(self, md: markdown.Markdown, page_url: str):
        super().__init__(md)
        self.page_url = page_url
        self.html: str | None = None  # None: the body has no relative link, print shows it as the web does

    def run(self, root: Element) -> None:
        if any(relative(a) for a in root.iter("a")):
            self.html = serialize(self.md, absolute_links(copy.deepcopy(root), self.page_url), top=True)


def register_print(md: markdown.Markdown, page_url: str) -> PrintLinks:
    """Register the print variant's step; its ``html`` is set once the conversion has run."""
    step = PrintLinks(md, page_url)
    md.treeprocessors.register(step, "diglot-print", PRINT_PRIORITY)
    return step


def absolute_links(root: Element, page_url: str) -> Element:
    """``root`` with every relative link made absolute on ``page_url`` (in place)."""
    for anchor in root.iter("a"):
        if relative(anchor):
            anchor.set("href", urljoin(page_url, anchor.get("href", "")))
    return root


def own_anchors(root: Element, prefix: str) -> Element:
    """``root`` with its ids and in-page links prefixed (in place): both columns of a parallel edition
    have a footnote 1."""
    for element in root.iter():
        if (value := element.get("id")) is not None:
            element.set("id", f"{prefix}-{value}")
        href = element.get("href")
        if href is not None and href.startswith("#"):
            element.set("href", f"#{prefix}-{href[1:]}")
    return root


def serialize(md: markdown.Markdown, element: Element, top: bool = False) -> str:
    """``element`` as the conversion's HTML: serialized, then Python-Markdown's postprocessors (raw HTML,
    stashed text put back). ``top``: the tree's root, whose own tag is not part of the body."""
    html = md.serializer(element)
    if top:
        start, end = html.find(">") + 1, html.rfind("<")
        html = html[start:end]
    for postprocessor in md.postprocessors:
        html = postprocessor.run(html)
    return html.strip()


def relative(anchor: Element) -> bool:
    """Whether ``anchor`` links relatively to another page (not within its own, not with a scheme)."""
    href = anchor.get("href") or ""
    return bool(href) and not href.startswith("#") and not _SCHEME.match(href)
