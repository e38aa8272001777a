"""The allowlist that body HTML passes before it reaches an edition.

Python-Markdown does not sanitize, and a translation is untrusted input: whatever a translator writes
(raw HTML, ``{: onclick=…}``, ``javascript:`` links in any spelling) leaves only what is listed here.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "hr", "br",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q",
    "code", "kbd", "pre", "span", "div", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "details", "summary",
}
_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
}
_CLEANER = nh3.Cleaner(
    tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"}, link_rel=None,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "template"},
    strip_comments=True,
)


def sanitize(html: str) -> Markup:
    """``html`` with everything off the allowlist removed, ready to place in a template."""
    return Markup(_CLEANER.clean(html))
