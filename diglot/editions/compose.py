"""Composing an edition: one article in one language, every text taken through its catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from babel.dates import format_date
from markupsafe import Markup

from diglot.config import Language
from diglot.documents import Document
from diglot.editions.sanitize import sanitize
from diglot.segments import BACKLINK_TITLE, render_document
from diglot.translate import Translators


@dataclass(frozen=True)
class Text:
    """A translated document: its front-matter fields and its body as safe HTML."""

    fields: Mapping[str, str]
    body: Markup


@dataclass(frozen=True)
class Edition:
    """One article in one language, with the foundation's notes in that language too."""

    doc: Document
    language: Language
    text: Text
    notes: tuple[Text, ...]
    date: str

    @property
    def page(self) -> str:
        """The web page's path below ``build/web``."""
        return f"{self.language.tag}/{self.doc.slug}.html"

    @property
    def pdf(self) -> str:
        """The PDF's path below ``build/web`` and ``build/print``."""
        return f"{self.language.tag}/{self.doc.slug}.pdf"

    def field(self, key: str) -> str | None:
        return self.text.fields.get(key)


def compose(doc: Document, notes: list[Document], language: Language, translators: Translators) -> Edition:
    """The edition of article ``doc`` in ``language``."""
    return Edition(
        doc=doc, language=language, text=translate(doc, language, translators),
        notes=tuple(translate(note, language, translators) for note in notes),
        date=format_date(doc.date, "long", locale=language.code),
    )


def translate(doc: Document, language: Language, translators: Translators) -> Text:
    """``doc`` in ``language``, its body sanitized."""
    backlink_title = translators.site(language).text(BACKLINK_TITLE)
    fields, html = render_document(doc, translators.for_document(doc, language).segment, backlink_title)
    return Text(fields=fields, body=sanitize(html))
