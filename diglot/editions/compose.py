"""Composing an edition: one article in one language, every text taken through its catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from babel.dates import format_date
from markupsafe import Markup

from diglot.config import Config, Language
from diglot.documents import Document
from diglot.editions.sanitize import sanitize
from diglot.segments import render_document
from diglot.translate import Translator

TranslatorFor = Callable[[Document, Language], Translator]


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


def compose(config: Config, doc: Document, notes: list[Document], language: Language,
            translator_for: TranslatorFor) -> Edition:
    """The edition of article ``doc`` in ``language``."""
    return Edition(
        doc=doc, language=language, text=translate(doc, language, translator_for),
        notes=tuple(translate(note, language, translator_for) for note in notes),
        date=format_date(doc.date, "long", locale=language.code),
    )


def translate(doc: Document, language: Language, translator_for: TranslatorFor) -> Text:
    """``doc`` in ``language``, its body sanitized."""
    fields, html = render_document(doc, translator_for(doc, language).segment)
    return Text(fields=fields, body=sanitize(html))
