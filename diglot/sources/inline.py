"""Inline Markdown as translators write it: code spans, links, images, footnotes, raw HTML, emphasis.

The one reader of inline Markdown, shared by the build's safety (:mod:`diglot.sources.safety`) and
``diglot check`` (:mod:`diglot.checks`). The rules compare a translation with its source piece by
piece, and the translation may be broken, so small scanners find the pieces instead of a full parse.
They follow Python-Markdown's own inline patterns (the ones ``diglot.sources.segments`` renders with): backtick
code spans, ``[text](url "title")``, ``![alt](src)``, ``[text][label]``, ``<https://…>`` and
``<name@host>``, ``[^id]``, raw tags and ``attr_list`` braces. Everything is looked for outside code
spans, as Python-Markdown does.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
# attr_list reads any {…} at the end of a block or after an inline element ({: …}, {#id .class
# key=val}, even a bare {word}), so every brace group counts as one.
ATTR_LIST = re.compile(r"\{:?[ \t]*[^}\s][^}\n]*\}")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.M)
# Python format placeholders; no space flag, so that "90% of" is prose, not "% o".
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0+]*(?:\d+|\*)?(?:\.\d+)?[sdiouxXeEfFgGcr]")
ESCAPE = re.compile(r"\\.")

_LABEL = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]", re.S)
_REFERENCE = re.compile(r"[ ]?\[(?!\^)([^\[\]]*)\]")
_TITLE = re.compile(r"""\s+("[^"]*"|'[^']*'|\([^()]*\))\s*\Z""", re.S)
_URL_ATTRIBUTE = re.compile(r"""(?<![\w-])(href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
_HIDDEN = "\x00"  # stands for masked syntax: neither a letter, a digit, a space nor punctuation
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True)
class Link:
    """A link or image target as written: a URL, or ``[label]`` for a reference-style link."""

    kind: str  # "link" or "image"
    target: str


def unsafe_scheme(target: str) -> str | None:
    """The scheme of ``target`` when it is not http, https or mailto, read as a browser would: after
    decoding HTML entities and dropping whitespace, control characters and Markdown escapes."""
    decoded = target
    for _ in range(4):  # "&amp;#106;" takes two rounds to become "j"
        once = html.unescape(decoded)
        if once == decoded:
            break
        decoded = once
    bare = "".join(c for c in decoded
                   if not (c.isspace() or c == "\\" or unicodedata.category(c) in ("Cc", "Cf")))
    match = _SCHEME.match(bare.lower())
    return match.group(1) if match and match.group(1) not in SAFE_SCHEMES else None


def bracket_depth(text: str) -> int:
    """How deeply ``[`` brackets nest in ``text`` outside code spans and escapes: Python-Markdown's link
    pattern takes time that grows with the square of it."""
    depth = deepest = 0
    for char in ESCAPE.sub(_HIDDEN, mask_code(text)):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]":
            depth = max(depth - 1, 0)
    return deepest


# The checks ask these of the same message text once per rule: each answer is kept for the next rule.
@functools.lru_cache(maxsize=1024)
def mask_code(text: str) -> str:
    """``text`` with every code span replaced by one hidden character: code is never Markdown."""
    return CODE_SPAN.sub(_HIDDEN, text)


def code_spans(text: str) -> list[str]:
    """Every code span of ``text``, backticks included."""
    return [match.group(0) for match in CODE_SPAN.finditer(text)]


def footnotes(text: str) -> list[str]:
    """Every footnote reference ``[^id]`` outside code spans."""
    return [f"[^{name}]" for name in FOOTNOTE.findall(mask_code(text))]


def links(text: str) -> list[Link]:
    """Every link and image target outside code spans: inline, reference-style, autolinks, reference
    definitions, and the href/src of raw HTML."""
    text = mask_code(text)
    found = [link for link, _, _ in _bracketed(text)]
    found += [Link("link", _autolink(match.group(1))) for match in AUTOLINK.finditer(text)]
    found += [Link("link", match.group(2)) for match in DEFINITION.finditer(text)]
    for tag in HTML_TAG.findall(text):
        for name, value in _URL_ATTRIBUTE.findall(tag):
            found.append(Link("image" if name.lower() == "src" else "link", value.strip("\"'")))
    return found


def image_targets(text: str) -> list[tuple[str, int]]:
    """The target of each image of ``text`` (a reference-style one as ``[name]``), with its offset."""
    return [(link.target, start) for link, start, _ in _bracketed(text) if link.kind == "image"]


@functools.lru_cache(maxsize=1024)
def without_targets(text: str) -> str:
    """``text`` with code spans, link and image targets and autolinks hidden: what is left is prose
    and markup, and a ``<tag>`` inside a URL is not raw HTML."""
    text = mask_code(text)
    for start, end in sorted(((s, e) for _, s, e in _bracketed(text)), reverse=True):
        text = text[:start] + _HIDDEN + text[end:]
    return AUTOLINK.sub(_HIDDEN, text)


@functools.lru_cache(maxsize=1024)
def prose(text: str) -> str:
    """``text`` as words: code spans, link targets, autolinks, raw HTML, attribute lists, footnote
    references and placeholders hidden, so that rules about words, numbers and punctuation see no URL."""
    text = without_targets(text)
    for pattern in (HTML_TAG, ATTR_LIST, FOOTNOTE, DEFINITION, PLACEHOLDER):
        text = pattern.sub(_HIDDEN, text)
    return text


def emphasis_markers(text: str) -> Counter[str]:
    """How many ``**``, ``*``, ``__`` and ``_`` markers ``text`` has where Python-Markdown reads them."""
    text = ESCAPE.sub(_HIDDEN, prose(text))
    counts: Counter[str] = Counter()
    for run in re.finditer(r"\*+|_+", text):
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        if before.isspace() and after.isspace():
            continue  # a literal, as in "2 * 3"
        char = run.group()[0]
        if char == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: an underscore inside a word never emphasises
        counts[char * 2] += len(run.group()) // 2
        counts[char] += len(run.group()) % 2
    return counts


def _bracketed(text: str) -> list[tuple[Link, int, int]]:
    """Inline and reference-style links and images, each with the span of its target part."""
    found, pos = [], 0
    closings = closing_parens(text) if "](" in text else {}
    while match := _LABEL.search(text, pos):
        kind = "image" if match.group(1) else "link"
        label, end = match.group(2), match.end()
        reference = _REFERENCE.match(text, end)
        close = closings.get(end)
        if label.startswith("^"):  # a footnote reference, not a link
            pos = end
        elif close is not None:
            found.append((Link(kind, _destination(text[end + 1:close])), end, close + 1))
            inner = match.start(2)  # an image inside the link's text
            found += [(link, inner + s, inner + e) for link, s, e in _bracketed(label)]
            pos = close + 1
        elif reference is not None:
            name = " ".join((reference.group(1) or label).lower().split())
            found.append((Link(kind, f"[{name}]"), end, reference.end()))
            pos = reference.end()
        else:  # plain brackets, or a shortcut reference we cannot tell from them
            pos = match.start() + 1
    return found


def closing_parens(text: str) -> dict[int, int]:
    """The index of the parenthesis closing each one of ``text`` that is closed, as Python-Markdown balances
    them (a backslash escapes the next character), found in one pass: looking for each link's from its
    opening took time quadratic in a paragraph of unclosed ``[a](``."""
    closings, opened, index = {}, [], 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            closings[opened.pop()] = index
        index += 1
    return closings


def _destination(raw: str) -> str:
    """The URL of ``(url "title")``: title and angle brackets removed."""
    url = _TITLE.sub("", raw).strip()
    return url[1:-1] if url.startswith("<") and url.endswith(">") else url


def _autolink(target: str) -> str:
    return target if ":" in target else f"mailto:{target}"
