"""The parallel edition: an article in two languages side by side, each block beside its translation.

It is made of the two editions the build composes anyway (:mod:`diglot.editions.compose`): their bodies'
blocks (:mod:`diglot.sources.blocks`) align one to one, since both renderings parse the same source, and the front
matter is shown field by field through the same template macros as a single-language edition
(``article-parts.html``), each in its own language. A block whose translation is not published yet is
shown in the source language, marked pending, with the source's ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import Config, Language
from diglot.editions import templating
from diglot.editions.compose import Edition
from diglot.editions.templating import Templates
from diglot.editions.web import Link, Page
from diglot.sources.blocks import Block

# The front matter as the parallel edition pairs it: macro of article-parts.html, and the field it shows.
FRONT = (("series", "series"), ("title", "title"), ("subtitle", "subtitle"), ("author", "author.name"),
         ("bio", "author.bio"), ("dateline", None), ("picture", "image.alt"), ("summary", "summary"),
         ("credit", "image.credit"))
_ANCHORS = re.compile(r'\b(id="|href="#)([^"]*)"')


@dataclass(frozen=True)
class Side:
    """One language's half of a pair: the language its text is in, its HTML, whether it awaits translation."""

    language: Language  # the source language's while the translation is pending
    html: Markup
    pending: bool = False


@dataclass(frozen=True)
class Pair:
    """A block and its translation: what kind of block, and one side per language, in column order."""

    kind: str  # a CSS class: "paragraph", "list-item", "table-row", "title"…
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Parallel:
    """An article's parallel edition: its two editions and their blocks in pairs."""

    editions: tuple[Edition, Edition]
    front: tuple[Pair, ...]
    body: tuple[Pair, ...]
    notes: tuple[tuple[Pair, ...], ...]

    @property
    def languages(self) -> layout.LanguagePair:
        return self.editions[0].language, self.editions[1].language

    @property
    def page(self) -> str:
        return layout.parallel_page(self.languages, self.editions[0].doc.slug)

    @property
    def pdf(self) -> str:
        return layout.parallel_pdf(self.languages, self.editions[0].doc.slug)


def compose_parallel(templates: Templates, editions: tuple[Edition, Edition]) -> tuple[Parallel, tuple[Fallback, ...]]:
    """The parallel edition of two editions of one article, and the site messages it showed untranslated."""
    front, fallbacks = _front_pairs(templates, editions)
    body = _block_pairs(editions, [edition.blocks for edition in editions], editions[0].doc.lang)
    notes = tuple(_block_pairs(editions, [edition.notes[i].blocks for edition in editions], _note_lang(editions, i))
                  for i in range(len(editions[0].notes)))
    return Parallel(editions, front, body, notes), fallbacks


def parallel_page(config: Config, templates: Templates, parallel: Parallel, with_pdf: bool) -> Page:
    """The web page of a parallel edition, linking both single-language editions (and its PDF)."""
    first = parallel.editions[0]
    others = [Link(edition.language, edition.page) for edition in parallel.editions]
    return templates.render("parallel.html", first.language, page=parallel.page, parallel=parallel, edition=first,
                            others=others, pdf=parallel.pdf if with_pdf else None)


def print_page(templates: Templates, parallel: Parallel) -> Page:
    """The print HTML of a parallel edition: one self-contained page, both stylesheets inline."""
    css = templates.stylesheet("print.css") + "\n" + templates.stylesheet("parallel-print.css")
    return templates.render("parallel-print.html", parallel.editions[0].language, page=parallel.page,
                            parallel=parallel, edition=parallel.editions[0], css=Markup(css))


def _front_pairs(templates: Templates,
                 editions: tuple[Edition, Edition]) -> tuple[tuple[Pair, ...], tuple[Fallback, ...]]:
    """The front matter field by field, each side made by the macro that makes it in a single edition."""
    parts = [templates.macros(templating.PARTS, edition.language, edition.page) for edition in editions]
    source = editions[0].doc
    pairs = []
    for macro, key in FRONT:
        sides = []
        for edition, (module, _) in zip(editions, parts, strict=True):
            text = source.text(key) if key else None
            pending = text is not None and text in {f.msgid for f in _shown_in_source(edition)}
            html = Markup(getattr(module, macro)(edition)).strip()  # macros return Markup
            sides.append(Side(_shown_in(edition, source.lang, pending), html, pending))
        if any(side.html for side in sides):
            pairs.append(Pair(macro, tuple(sides)))
    return tuple(pairs), tuple(f for _, site in parts for f in site.fallbacks.values())


def _block_pairs(editions: Sequence[Edition], blocks: Sequence[Sequence[Block]], source: str) -> tuple[Pair, ...]:
    """Block ``i`` of one edition beside block ``i`` of the other."""
    pairs = []
    for aligned in zip(*blocks, strict=True):
        sides = []
        for edition, block in zip(editions, aligned, strict=True):
            waiting = {(f.context, f.msgid) for f in _shown_in_source(edition)}
            held = [(s.context, s.text) in waiting for s in block.segments]
            # A row partly translated keeps the edition's language: its pending cells carry their own lang.
            language = _shown_in(edition, source, bool(held) and all(held))
            sides.append(Side(language, _own_anchors(block.html, edition.language), any(held)))
        pairs.append(Pair(aligned[0].kind.replace(" ", "-"), tuple(sides)))
    return tuple(pairs)


def _shown_in_source(edition: Edition) -> list[Fallback]:
    """The messages ``edition`` shows in the source language: not those it shows in a previous translation,
    which its blocks mark ``outdated`` themselves (``diglot.editions.stale``)."""
    return [f for f in edition.fallbacks if f.state != "outdated"]


def _shown_in(edition: Edition, source: str, pending: bool) -> Language:
    """The language a side's text is in: the edition's, or the source's where its translation is pending."""
    return Language(source) if pending else edition.language


def _note_lang(editions: Sequence[Edition], index: int) -> str:
    note = editions[0].notes[index].doc
    return note.lang if note is not None else editions[0].doc.lang


def _own_anchors(html: str, language: Language) -> Markup:
    """Ids and in-page links prefixed with the column's language: both columns have footnote 1."""
    return Markup(_ANCHORS.sub(lambda m: f'{m.group(1)}{language.tag}-{m.group(2)}"', html))

