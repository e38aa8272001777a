"""Latin-script runs in Chinese (Japanese, Korean) text marked ``<span lang="en">``, so translators never write HTML.

A Chinese page carries names, organisations, credits and abbreviations in Latin letters (Sergiy Solodkyy,
Depositphotos, PDF). Marked ``lang="en"``, a screen reader reads them with an English voice, and CSS can
give them a Latin face (``:lang(en)``) where the CJK face's Latin would do. The marking runs on the HTML an
edition is made of, after Markdown: only on text, never inside an attribute, ``<code>``, ``<pre>``,
``<script>``, ``<style>`` or the ``<head>``, and only where the language in force (the nearest ``lang``
attribute, or the page's) is written in Han or Hangul script. Text already inside ``lang="en"`` is left
as it is, so marking twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser

LATIN_TAG = "en"
# Languages written in Han or Hangul, where a Latin run is foreign text.
CJK_LANGUAGES = ("zh", "ja", "ko")
_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
# A run starts with a letter and goes on over letters, digits, spaces and Latin punctuation, ending on a
# letter, digit or closing mark: "U.S.", "Prospects & Perspectives", "Sergiy Solodkyy", "(PDF)".
LATIN_RUN = re.compile(rf"[{_LETTER}](?:[{_LETTER}0-9 \u00a0.,;:!?'’\"“”()\[\]&/%$+#*@_\-–—]*"
                       rf"[{_LETTER}0-9.)’”'\"!?%])?")
_CJK_LANG = re.compile(r"""\blang\s*=\s*["']?(?:zh|ja|ko)\b""", re.I)
_SKIPPED = {"head", "code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def is_cjk(language_tag: str) -> bool:
    """Whether text in ``language_tag`` (BCP 47 or gettext form) is written in Han or Hangul."""
    return language_tag.replace("_", "-").split("-")[0].lower() in CJK_LANGUAGES


def mark_latin_runs(html: str, language_tag: str) -> str:
    """``html`` with every Latin run of its CJK text wrapped in ``<span lang="en">``.

    ``language_tag`` is the language in force where the fragment stands (the page's, for a whole page).
    """
    if not LATIN_RUN.search(html) or not (is_cjk(language_tag) or _CJK_LANG.search(html)):
        return html  # nothing to mark: the HTML is left byte for byte as it was
    marker = _Marker(language_tag)
    marker.feed(html)
    marker.close()
    return "".join(marker.out)


def wrap_runs(raw: str) -> str:
    """Text as it stands in HTML (``&amp;`` and the like left as written), its Latin runs wrapped.

    Runs are found in the decoded text, and the span tags go between the raw text's characters and
    references, never inside one: the text's own bytes are kept.
    """
    if "&" not in raw:  # no references: the text is the raw text, position for position
        return _wrap(raw, raw, range(len(raw) + 1))
    tokens = _TOKEN.findall(raw)
    decoded, starts, position = [], [], 0
    for token in tokens:
        character = unescape(token)
        decoded.append(character)
        starts += [position] * len(character)
        position += len(token)
    starts.append(len(raw))
    return _wrap(raw, "".join(decoded), starts)


def _wrap(raw: str, text: str, starts: Sequence[int]) -> str:
    """``raw`` with a span around each Latin run of ``text``, whose character ``i`` starts at ``starts[i]``."""
    out, done = [], 0
    for run in LATIN_RUN.finditer(text):
        start, end = starts[run.start()], starts[run.end()]
        out += [raw[done:start], f'<span lang="{LATIN_TAG}">', raw[start:end], "</span>"]
        done = end
    out.append(raw[done:])
    return "".join(out)


_TOKEN = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[\s\S]")


class _Marker(HTMLParser):
    """Copies HTML through as it stands, wrapping the Latin runs of the text where CJK is in force."""

    def __init__(self, language_tag: str):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.text: list[str] = []  # the raw text since the last tag, references as written
        self.stack: list[tuple[str, str, bool]] = [("", language_tag, False)]  # tag, language, skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag in _VOID:
            return
        _, language, skipped = self.stack[-1]
        declared = dict(attrs).get("lang")
        self.stack.append((tag, declared if declared is not None else language, skipped or tag in _SKIPPED))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.out.append(f"</{tag}>")
        if any(open_tag == tag for open_tag, _, _ in self.stack[1:]):
            while self.stack[-1][0] != tag:
                self.stack.pop()
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.text.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._flush()
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._flush()
        self.out.append(f"<?{data}>")

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        raw, self.text = "".join(self.text), []
        _, language, skipped = self.stack[-1]
        self.out.append(wrap_runs(raw) if raw and not skipped and is_cjk(language) else raw)
