"""What a translation must not smuggle into an edition: markup, attributes and link targets of its own.

A translator writes Markdown, and Markdown passes raw HTML and (with ``attr_list``) attributes through.
A translation that adds any of these, or a link whose target is neither the source's nor a web address,
is not published: the build shows the source text instead and says why. ``diglot check`` reports the
same things (rules ``html``, ``links``, ``images``) before a build; the HTML sanitizer and the PDF
renderer's URL fetcher stand behind this as the last line.
"""

from __future__ import annotations

import re
from collections import Counter

from diglot.checks import inline
from diglot.checks.markup import unsafe_scheme

_WEB = re.compile(r"(?i)\s*(?:https?|mailto):")


def unsafe_additions(msgid: str, msgstr: str) -> list[str]:
    """Why ``msgstr`` must not be published in place of ``msgid``; empty when it may."""
    reasons = []
    for what, pattern in (("raw HTML", inline.HTML_TAG), ("an attribute list", inline.ATTR_LIST)):
        added = _markup(pattern, msgstr) - _markup(pattern, msgid)
        if added:
            reasons.append(f"{what} the source lacks ({', '.join(sorted(added))[:60]})")
    allowed = {link.target for link in inline.links(msgid)}
    for link in inline.links(msgstr):
        scheme = unsafe_scheme(link.target)
        if scheme:
            reasons.append(f"a {scheme}: {link.kind}")
        elif link.target not in allowed and not _WEB.match(link.target) and not link.target.startswith("#"):
            reasons.append(f"a {link.kind} to {link.target[:40]!r}, which the source does not have")
    return reasons


def _markup(pattern: re.Pattern, text: str) -> Counter:
    return Counter(" ".join(match.split()) for match in pattern.findall(inline.without_targets(text)))
