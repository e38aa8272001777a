"""The text a template sets around a body: typeset by the same rules, the body itself passed by.

A page is made of a document's body, finished on its Markdown tree (:mod:`diglot.editions.treesteps`),
and the text its template adds: front-matter fields, dates, the site's own strings. That text never was
a tree, so it is typeset here, on the page as the template wrote it, by the rules of
:mod:`diglot.editions.typography` (Chinese set to clreq, Han runs in other text marked): block by block,
in the language in force (the nearest ``lang``), never in the ``<head>``, in an attribute or in code.

The text of a raw HTML block in a body (which Python-Markdown stashes rather than parses) is typeset
with :func:`fragment` by the tree step that finishes the body. A finished body reaches the page as
:class:`Finished` markup: :class:`diglot.editions.templating.Templates` puts a placeholder where it goes,
typesets the page, then puts the body in, so no body is read twice. The page's own bytes are kept: spans
go between its characters and character references, never inside one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from markupsafe import Markup

from diglot.editions import typography
from diglot.editions.typography import Marks

_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z_-]*)""")
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "figure", "div", "td",
           "th", "tr", "table", "ol", "ul", "dl", "dt", "dd", "header", "footer", "article", "aside", "section",
           "nav", "main", "body", "br", "hr", "details", "summary", "pre", "title"}
_SKIPPED = {"head", "title", "code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[\s\S]")
_PLACEHOLDER = re.compile(r"\x02[^\x02\x03]*\x03")


class Finished(Markup):
    """HTML whose text is already typeset (a body finished on its tree): a page passes it by."""

    __slots__ = ()


def typeset(page: str, language_tag: str) -> str:
    """``page`` (a whole HTML document in ``language_tag``) with its body's text typeset."""
    start = page.find("<body")
    if start < 0:
        return page
    return page[:start] + fragment(page[start:], language_tag)


def fragment(html: str, language_tag: str) -> str:
    """``html`` (a fragment standing where ``language_tag`` is in force) with its text typeset."""
    tokens = _TAG.split(html)
    texts = _texts(tokens, language_tag)
    for tag, language, indices in _blocks(tokens, texts):
        pieces = [texts[i][0] for i in indices]
        cjk = typography.is_cjk(language)
        if not cjk:  # text already marked as Chinese keeps its own marks
            pieces = [typography.OPAQUE * len(p) if typography.is_cjk(texts[i][1]) else p
                      for i, p in zip(indices, pieces, strict=True)]
        found = typography.chinese(pieces, tag in typography.PARAGRAPHS) if cjk else typography.other(pieces)
        for i, marks in zip(indices, found, strict=True):
            if marks.offsets():
                tokens[i] = _render(tokens[i], marks)
    return "".join(tokens)


def _texts(tokens: Sequence[str], language: str) -> dict[int, tuple[str, str]]:
    """Each text token's decoded text (code and placeholders opaque) and the language in force there."""
    stack: list[tuple[str, str, bool]] = [("", language, False)]
    texts: dict[int, tuple[str, str]] = {}
    for i, token in enumerate(tokens):
        if i % 2 == 0:
            _, lang, skipped = stack[-1]
            text = _decoded(token)
            if skipped:
                text = typography.OPAQUE * len(text)
            texts[i] = (_PLACEHOLDER.sub(lambda m: typography.OPAQUE * len(m.group()), text), lang)
            continue
        name = _NAME.match(token)
        if name is None:
            continue
        tag = name.group(1).lower()
        if token.startswith("</"):
            if any(open_tag == tag for open_tag, _, _ in stack[1:]):
                while stack.pop()[0] != tag:
                    pass
        elif tag not in _VOID and not token.endswith("/>"):
            declared = _LANG.search(token)
            _, lang, skipped = stack[-1]
            stack.append((tag, declared.group(1) if declared else lang, skipped or tag in _SKIPPED))
    return texts


def _decoded(raw: str) -> str:
    """Text as written in HTML, its character references decoded one by one (as :func:`_render` counts them)."""
    if "&" not in raw:
        return raw
    return "".join(unescape(reference) for reference in _REFERENCE.findall(raw))


def _blocks(tokens: Sequence[str], texts: dict[int, tuple[str, str]]) -> list[tuple[str, str, list[int]]]:
    """The text tokens of each block, with the tag that started it (``""`` for an end tag) and the
    language in force at its first."""
    blocks: list[tuple[str, list[int]]] = [("", [])]
    for i, token in enumerate(tokens):
        if i % 2 == 1:
            name = _NAME.match(token)
            if name is not None and name.group(1).lower() in _BLOCKS:
                blocks.append(("" if token.startswith("</") else name.group(1).lower(), []))
        else:
            blocks[-1][1].append(i)
    return [(tag, texts[block[0]][1], block) for tag, block in blocks
            if any(not c.isspace() for i in block for c in texts[i][0])]


def _render(raw: str, marks: Marks) -> str:
    """``raw`` text (references as written) with the spans of ``marks``, placed by decoded offset."""
    if "&" in raw:
        starts, position = [], 0
        for token in _REFERENCE.findall(raw):
            starts += [position] * len(unescape(token))
            position += len(token)
        starts.append(len(raw))
    else:  # no reference: each character is its own offset
        starts = list(range(len(raw) + 1))
    out, done = [], 0
    for offset in marks.offsets():
        at = starts[offset]
        out.append(raw[done:at])
        out += ["</span>"] * marks.closes.get(offset, 0)
        out += [_open(attributes) for attributes in marks.opens.get(offset, ())]
        done = at
    out.append(raw[done:])
    return "".join(out)


def _open(attributes: typography.Attributes) -> str:
    return "<span" + "".join(f' {name}="{value}"' for name, value in attributes.items()) + ">"
