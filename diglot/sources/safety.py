"""What a translation must not smuggle into an edition: markup, attribute lists, links and images of its own.

A translator writes Markdown, and Markdown passes raw HTML and (with ``attr_list``) attributes through.
A translation that adds any of these, a link or image the source lacks, or a link of an unsafe scheme
(``javascript:``, ``data:``, ``file:``, in any spelling) is not published: the build shows the source
text instead and says why. These are the additions ``diglot check`` reports under the same rule names
(``html``, ``links``, ``images``, ``emphasis``): both ask :func:`additions`. The HTML sanitizer and the PDF renderer's
URL fetcher stand behind this as the last line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from diglot.sources import inline

RULES = ("html", "links", "images", "emphasis")


def additions(msgid: str, msgstr: str) -> list[tuple[str, str]]:
    """``(rule, problem)`` for everything ``msgstr`` adds that may not be published in place of ``msgid``."""
    found = [("links", problem) for problem in added_nesting(msgid, msgstr)]
    if found:  # read no further: reading deeply nested brackets takes quadratic time
        return found
    found = [("emphasis", problem) for problem in added_emphasis(msgid, msgstr)]
    found += [("html", problem) for problem in added_markup(msgid, msgstr)]
    for rule, kind in (("links", "link"), ("images", "image")):
        found += [(rule, problem) for problem in added_targets(msgid, msgstr, kind)]
    return found


def added_nesting(msgid: str, msgstr: str) -> Iterator[str]:
    """Brackets nested deeper than the source's (a link around an image is two): a few thousand would
    make Python-Markdown take minutes over one message."""
    deepest = inline.bracket_depth(msgstr)
    if deepest > max(inline.bracket_depth(msgid), 2):
        yield f"brackets [ ] are nested {deepest} deep, deeper than in the source; keep the source's links"


EMPHASIS_ALLOWANCE = 16  # markers a translation may add (a word or two put in italics), no more


def added_emphasis(msgid: str, msgstr: str) -> Iterator[str]:
    """Far more emphasis markers than the source has: thousands nest the page's elements so deep that
    the PDF renderer gives up."""
    added = sum(inline.emphasis_markers(msgstr).values()) - sum(inline.emphasis_markers(msgid).values())
    if added > EMPHASIS_ALLOWANCE:
        yield f"{added} emphasis markers (* _) more than the source; keep the source's emphasis"


def added_markup(msgid: str, msgstr: str) -> Iterator[str]:
    """Raw HTML tags and attribute lists the translation has and the source lacks."""
    for what, pattern in (("raw HTML", inline.HTML_TAG), ("attribute list", inline.ATTR_LIST)):
        for item in _markup(pattern, msgstr) - _markup(pattern, msgid):
            yield f"{what} {shown(item)} is not in the source; remove it (keep the source's markup only)"


def added_targets(msgid: str, msgstr: str, kind: str) -> Iterator[str]:
    """Link (or image) targets of an unsafe scheme, and those the source lacks."""
    what = "link target" if kind == "link" else "image"
    translated = targets(msgstr, kind)
    for target in dict.fromkeys(translated):
        scheme = inline.unsafe_scheme(target)
        if scheme:
            yield (f"{what} {shown(target)} uses the scheme '{scheme}:'; only http, https, mailto and "
                   f"relative links are published, so remove it")
    wanted = Counter(targets(msgid, kind))
    for item, count in (Counter(translated) - wanted).items():
        if inline.unsafe_scheme(item):
            continue
        times = f" ({count} more than the source)" if wanted[item] else ""
        yield f"{what} {shown(item)} is not in the source{times}; use the source's exactly"


def targets(text: str, kind: str) -> list[str]:
    """The link (``kind`` "link") or image targets of ``text``."""
    return [link.target for link in inline.links(text) if link.kind == kind]


def shown(text: str, width: int = 60) -> str:
    """``text`` quoted for a one-line message (``repr`` spells out tabs and invisible characters)."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _markup(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(" ".join(match.split()) for match in pattern.findall(inline.without_targets(text)))


def missing(what: str, source: Iterable[str], translation: Iterable[str]) -> Iterator[str]:
    """The items of the source's multiset that the translation lacks, each said once with what to do."""
    wanted, got = Counter(source), Counter(translation)
    for item, count in (wanted - got).items():
        times = f" ({count} of {wanted[item]})" if wanted[item] > 1 else ""
        yield f"{what} {shown(item)} of the source is missing from the translation{times}; keep it unchanged"
