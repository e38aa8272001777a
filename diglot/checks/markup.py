"""Rules for the Markdown a translation carries: it must keep the source's and add nothing unsafe.

A translation is rendered through the same Markdown pipeline as its source, so a lost link, a changed
code span or a stray ``**`` changes the published page. Targets, references and code spans are
compared as multisets: a translation may reorder them (Sphinx compares references the same way).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from diglot.checks import inline
from diglot.checks.findings import pairs, rule, shown
from diglot.config import SITE_DOMAIN

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


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


@rule("links")
def links(message, context) -> Iterator[str]:
    """Same link targets as the source (order-free); none leading anywhere but http(s), mailto or a
    relative URL, even when the source has it."""
    for source, translation in pairs(message):
        yield from _compared("link target", _targets(source, "link"), _targets(translation, "link"))
        yield from _unsafe("link target", _targets(translation, "link"))


@rule("images")
def images(message, context) -> Iterator[str]:
    """Same image sources as the source, no image the source lacks, none from an unsafe scheme."""
    for source, translation in pairs(message):
        yield from _compared("image", _targets(source, "image"), _targets(translation, "image"))
        yield from _unsafe("image", _targets(translation, "image"))


@rule("footnotes")
def footnotes(message, context) -> Iterator[str]:
    """Same footnote references ``[^id]``, each as often as in the source."""
    for source, translation in pairs(message):
        yield from _compared("footnote reference", inline.footnotes(source), inline.footnotes(translation))


@rule("code")
def code(message, context) -> Iterator[str]:
    """Identical inline code spans: code is never translated."""
    for source, translation in pairs(message):
        yield from _compared("code span", inline.code_spans(source), inline.code_spans(translation))


@rule("emphasis")
def emphasis(message, context) -> Iterator[str]:
    """Balanced ``**``, ``*``, ``__`` and ``_`` markers, and at least as many bold spans as the source."""
    for source, translation in pairs(message):
        markers = inline.emphasis_markers(translation)
        for marker, count in markers.items():
            if count % 2:
                yield (f"unbalanced {marker} in the translation ({count} found); close the span, or write a "
                       f"literal {marker[0]} as \\{marker[0]}")
        wanted, kept = _bold_spans(inline.emphasis_markers(source)), _bold_spans(markers)
        if kept < wanted:
            yield f"the source has {wanted} bold span(s) (**…**), the translation {kept}; keep each one"


@rule("html")
def html_markup(message, context) -> Iterator[str]:
    """No raw HTML tag or attribute list ``{: …}`` that the source lacks: markup is the source's."""
    for source, translation in pairs(message):
        for what, pattern in (("raw HTML", inline.HTML_TAG), ("attribute list", inline.ATTR_LIST)):
            added = _found(pattern, translation) - _found(pattern, source)
            for item in added:
                yield f"{what} {shown(item)} is not in the source; remove it (keep the source's markup only)"


@rule("placeholders")
def placeholders(message, context) -> Iterator[str]:
    """Identical python-format placeholders (``%(name)s``) in the site catalog and flagged messages."""
    if "python-format" not in message.flags and context.domain != SITE_DOMAIN:
        return
    for source, translation in pairs(message):
        yield from _compared("placeholder", _formats(source), _formats(translation))


def _compared(what: str, source: Iterable[str], translation: Iterable[str]) -> Iterator[str]:
    """The differences between two multisets, each said once with what to do."""
    wanted, got = Counter(source), Counter(translation)
    for item, count in (wanted - got).items():
        times = f" ({count} of {wanted[item]})" if wanted[item] > 1 else ""
        yield f"{what} {shown(item)} of the source is missing from the translation{times}; keep it unchanged"
    for item, count in (got - wanted).items():
        times = f" ({count} more than the source)" if wanted[item] else ""
        yield f"{what} {shown(item)} is not in the source{times}; use the source's exactly"


def _unsafe(what: str, targets: Iterable[str]) -> Iterator[str]:
    for target in dict.fromkeys(targets):
        scheme = unsafe_scheme(target)
        if scheme:
            yield (f"{what} {shown(target)} uses the scheme '{scheme}:'; only http, https, mailto and "
                   f"relative links are published, so remove it")


def _targets(text: str, kind: str) -> list[str]:
    return [link.target for link in inline.links(text) if link.kind == kind]


def _bold_spans(markers: Counter) -> int:
    return (markers["**"] + markers["__"]) // 2


def _found(pattern: re.Pattern, text: str) -> Counter:
    return Counter(" ".join(match.split()) for match in pattern.findall(inline.without_targets(text)))


def _formats(text: str) -> list[str]:
    return inline.PLACEHOLDER.findall(text.replace("%%", ""))
