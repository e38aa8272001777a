"""Rules for the Markdown a translation carries: it must keep the source's and add nothing unsafe.

A translation is rendered through the same Markdown pipeline as its source, so a lost link, a changed
code span or a stray ``**`` changes the published page. Targets, references and code spans are
compared as multisets: a translation may reorder them (Sphinx compares references the same way).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from babel.messages.catalog import Message

from diglot.catalogs.placeholders import problems as format_problems
from diglot.checks.rules import CheckedCatalog, pairs, rule
from diglot.config import SITE_DOMAIN
from diglot.sources import inline, safety
from diglot.sources.safety import shown


@rule("links")
def links(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Same link targets as the source (order-free); none leading anywhere but http(s), mailto or a
    relative URL, even when the source has it."""
    for source, translation in pairs(message):
        nested = list(safety.added_nesting(source, translation))
        if nested:
            yield from nested
            continue
        yield from safety.missing("link target", safety.targets(source, "link"), safety.targets(translation, "link"))
        yield from safety.added_targets(source, translation, "link")


@rule("images")
def images(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Same image sources as the source, no image the source lacks, none from an unsafe scheme."""
    for source, translation in pairs(message):
        yield from safety.missing("image", safety.targets(source, "image"), safety.targets(translation, "image"))
        yield from safety.added_targets(source, translation, "image")


@rule("footnotes")
def footnotes(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Same footnote references ``[^id]``, each as often as in the source."""
    for source, translation in pairs(message):
        yield from _compared("footnote reference", inline.footnotes(source), inline.footnotes(translation))


@rule("code")
def code(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Identical inline code spans: code is never translated."""
    for source, translation in pairs(message):
        yield from _compared("code span", inline.code_spans(source), inline.code_spans(translation))


@rule("emphasis")
def emphasis(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Balanced ``**``, ``*``, ``__`` and ``_`` markers, and at least as many bold spans as the source."""
    for source, translation in pairs(message):
        yield from safety.added_emphasis(source, translation)
        markers = inline.emphasis_markers(translation)
        for marker, count in markers.items():
            if count % 2:
                yield (f"unbalanced {marker} in the translation ({count} found); close the span, or write a "
                       f"literal {marker[0]} as \\{marker[0]}")
        wanted, kept = _bold_spans(inline.emphasis_markers(source)), _bold_spans(markers)
        if kept < wanted:
            yield f"the source has {wanted} bold span(s) (**…**), the translation {kept}; keep each one"


@rule("html")
def html_markup(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """No raw HTML tag or attribute list ``{: …}`` that the source lacks: markup is the source's."""
    for source, translation in pairs(message):
        yield from safety.added_markup(source, translation)


@rule("placeholders")
def placeholders(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """In the site catalog, whose texts are %-formatted (see :mod:`diglot.catalogs.placeholders`): the msgid's
    placeholders (``%(name)s``, ``%d``) and no others, no width or precision, ``%%`` for a percent sign.
    A document's texts are never formatted, so a ``%`` there is prose."""
    if context.domain != SITE_DOMAIN:
        return
    for source, translation in pairs(message):
        yield from format_problems(source, translation)


def _compared(what: str, source: Iterable[str], translation: Iterable[str]) -> Iterator[str]:
    """The differences between two multisets, each said once with what to do."""
    wanted, got = Counter(source), Counter(translation)
    for item, count in (wanted - got).items():
        times = f" ({count} of {wanted[item]})" if wanted[item] > 1 else ""
        yield f"{what} {shown(item)} of the source is missing from the translation{times}; keep it unchanged"
    for item, count in (got - wanted).items():
        times = f" ({count} more than the source)" if wanted[item] else ""
        yield f"{what} {shown(item)} is not in the source{times}; use the source's exactly"


def _bold_spans(markers: Counter[str]) -> int:
    return (markers["**"] + markers["__"]) // 2
