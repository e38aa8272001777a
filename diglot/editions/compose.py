"""Composing an edition: one article in one language, every text taken through its catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import markdown
from babel.dates import format_date
from markupsafe import Markup

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.catalogs.translate import Translators
from diglot.config import Config, Language
from diglot.editions import treesteps
from diglot.editions.sanitize import sanitize
from diglot.editions.stale import Progress, progress
from diglot.editions.typesetting import Finished
from diglot.sources.blocks import Block, render_body
from diglot.sources.documents import Document
from diglot.sources.segments import Segment
from diglot.sources.strings import BACKLINK_TITLE, OUTDATED_NOTE


@dataclass(frozen=True)
class Text:
    """A translated document: its front-matter fields, its body as safe HTML, and the body block by block."""

    fields: Mapping[str, str]
    body: Markup
    blocks: tuple[Block, ...] = ()  # each block's HTML safe too
    doc: Document | None = None
    messages: int = 0  # how many messages it is made of
    print_body: Markup | None = None  # the body as print shows it, when it differs (diglot.sources.variants)


@dataclass(frozen=True)
class Listing:
    """What an index shows of an article in one language: its translated front matter and date.

    An incremental build keeps these in its manifest, so an index can list an article it did not compose.
    """

    doc: Document
    language: Language
    fields: Mapping[str, str]
    date: str  # the publication date as the language writes it
    withheld: bool = False  # held back until its translation is complete (diglot.editions.stale)

    @property
    def page(self) -> str:
        """The site path of the edition's web page."""
        return layout.article_page(self.language, self.doc.slug)

    @property
    def pdf(self) -> str:
        """The site path of the edition's PDF."""
        return layout.article_pdf(self.language, self.doc.slug)

    def field(self, key: str) -> str | None:
        return self.fields.get(key)

    @property
    def picture(self) -> str | None:
        """The site path of the article's lead picture, if it has one."""
        return layout.picture(self.doc.image.name) if self.doc.image else None

    def index_data(self) -> dict[str, Any]:
        """Everything of this listing an index page may show, as plain data to take a digest of."""
        iso_date = self.doc.date.isoformat() if self.doc.date else None
        return {"slug": self.doc.slug, "number": self.doc.number, "iso-date": iso_date, "date": self.date,
                "fields": dict(self.fields), "withheld": self.withheld}


@dataclass(frozen=True)
class Edition(Listing):
    """One article in one language, with the foundation's notes in that language too."""

    body: Markup = field(default_factory=Markup)
    blocks: tuple[Block, ...] = ()  # the body block by block, for the parallel edition
    print_body: Markup | None = None  # the body as print shows it, when it differs
    notes: tuple[Text, ...] = ()
    fallbacks: tuple[Fallback, ...] = ()  # the messages composing it had to show in the source language
    progress: Progress | None = None  # how much of a translation is current; None for the original


class Composer:
    """Composes editions; each foundation note is translated once per language, not once per article."""

    def __init__(self, config: Config, notes: list[Document], translators: Translators):
        self.config = config
        self.notes = notes
        self.translators = translators
        self._notes: dict[str, tuple[tuple[Text, ...], tuple[Fallback, ...]]] = {}

    def edition(self, doc: Document, language: Language) -> Edition:
        """The edition of article ``doc`` in ``language``."""
        text, fallbacks = self._translate(doc, language, layout.article_page(language, doc.slug))
        notes, note_fallbacks = self._notes_in(language)
        # The passages a translation brings: the article's and its notes' where they are translated (a
        # note shown in its own language has nothing to be behind), as diglot status counts them.
        total = text.messages + sum(note.messages for note, note_doc in zip(notes, self.notes, strict=True)
                                    if note_doc.lang != language.code)
        done = progress(self.config, doc, language, total, fallbacks + note_fallbacks)
        return Edition(doc=doc, language=language, fields=text.fields, body=text.body, blocks=text.blocks,
                       print_body=text.print_body, notes=notes,
                       date=format_date(doc.date, "long", locale=language.code),
                       fallbacks=fallbacks + note_fallbacks, progress=done,
                       withheld=done is not None and done.withheld)

    def _notes_in(self, language: Language) -> tuple[tuple[Text, ...], tuple[Fallback, ...]]:
        if language.code not in self._notes:
            # A note stands on every article page of the language: its links are relative to their folder.
            translated = [self._translate(note, language, layout.index_page(language)) for note in self.notes]
            self._notes[language.code] = (tuple(text for text, _ in translated),
                                          tuple(f for _, fallbacks in translated for f in fallbacks))
        return self._notes[language.code]

    def _translate(self, doc: Document, language: Language, page: str) -> tuple[Text, tuple[Fallback, ...]]:
        """``doc`` in ``language`` for the page at site path ``page``, its body finished and sanitized, and
        the messages shown untranslated."""
        translator = self.translators.for_document(doc, language)
        site = self.translators.site(language)
        backlink_title, outdated_note = site.text(BACKLINK_TITLE), site.text(OUTDATED_NOTE)
        shown: list[Segment] = []

        def translate(segment: Segment) -> str:
            shown.append(segment)
            return translator.segment(segment)

        def marks(segment: Segment) -> dict[str, str]:
            attributes = translator.marks(segment)
            return {**attributes, "title": outdated_note} if attributes.get("class") == "outdated" else attributes

        def finish(md: markdown.Markdown) -> None:
            treesteps.register(md, language.tag)

        rendered = render_body(doc, translate, backlink_title, marks, finish,
                               page_url=layout.url(self.config.base_url, page), anchors=language.tag)
        blocks = tuple(replace(block, html=_safe(block.html), print_html=_safe(block.print_html or block.html))
                       for block in rendered.blocks)
        printed = _safe(rendered.print_html) if rendered.print_html is not None else None
        return Text(fields=fields_typeset(rendered.fields, language), body=_safe(rendered.html), blocks=blocks,
                    doc=doc, messages=len(shown), print_body=printed), \
            tuple(translator.fallbacks.values()) + tuple(site.fallbacks.values())


def _safe(html: str) -> Finished:
    """Body HTML sanitized once, and marked finished: a page's typesetting passes it by."""
    return Finished(sanitize(html))


def fields_typeset(fields: Mapping[str, str], language: Language) -> dict[str, str]:
    """Front-matter fields with the English rule (smarty) applied to their English text, as the body's."""
    return {key: treesteps.smarten(text, language.tag) for key, text in fields.items()}
