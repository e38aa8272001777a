"""What a translation must not smuggle into an edition: markup, attributes and link targets of its own.

A translator writes Markdown, and Markdown passes raw HTML and (with ``attr_list``) attributes through.
A translation that adds any of these, or a link whose target is neither the source's nor a web address,
is not published: the build shows the source text instead and says why. The HTML sanitizer and the
PDF renderer's URL fetcher stand behind this as a second line.
"""

from __future__ import annotations

import html
import re
from collections import Counter

SAFE_SCHEMES = {"http", "https", "mailto"}

_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_RAW_HTML = re.compile(r"<(?:/?[A-Za-z][^<>]*|!--.*?--|![A-Za-z][^<>]*|\?[^<>]*\?)>", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*)>")
_ATTR_LIST = re.compile(r"\{\s*:?\s*[#.A-Za-z][^{}]*\}")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_TARGET = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def link_targets(markdown: str) -> Counter:
    """The link and image targets of a Markdown text (inline, reference and autolinks), as written."""
    text = _CODE_SPAN.sub("", markdown)
    targets = _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text) + _AUTOLINK.findall(text)
    return Counter(targets)


def scheme(target: str) -> str | None:
    """The scheme a browser would see: entities decoded, invisible characters dropped, any case."""
    decoded = target
    for _ in range(3):  # &amp;#106; decodes in two steps
        decoded = html.unescape(decoded)
    decoded = _INVISIBLE.sub("", decoded).lower()
    match = _SCHEME.match(decoded)
    return match.group(1) if match else None


def unsafe_additions(msgid: str, msgstr: str) -> list[str]:
    """Why ``msgstr`` must not be published in place of ``msgid``; empty when it may."""
    reasons = []
    source, translation = _CODE_SPAN.sub("", msgid), _CODE_SPAN.sub("", msgstr)
    html_tags = Counter(_tag_names(translation)) - Counter(_tag_names(source))
    if html_tags:
        reasons.append(f"raw HTML the source lacks ({', '.join(sorted(html_tags))})")
    if Counter(_ATTR_LIST.findall(translation)) - Counter(_ATTR_LIST.findall(source)):
        reasons.append("an attribute list {: …} the source lacks")
    allowed = link_targets(msgid)
    for target in link_targets(msgstr):
        kind = scheme(target)
        if kind is not None and kind not in SAFE_SCHEMES:
            reasons.append(f"a {kind}: link")
        elif kind is None and target not in allowed and not target.startswith("#"):
            reasons.append(f"a link to {target[:40]!r}, which the source does not have")
    return reasons


def _tag_names(text: str) -> list[str]:
    names = []
    for tag in _RAW_HTML.findall(text):
        if _AUTOLINK.fullmatch(tag):
            continue
        name = re.match(r"</?([A-Za-z!?][\w:-]*)", tag)
        names.append(name.group(1).lower() if name else tag)
    return names
