"""The web edition's pages: every article in every language, cross-linked, an index per language, a home.

Each function returns the page's HTML and the site messages it had to show in the source language.
"""

from __future__ import annotations

from dataclasses import dataclass

from diglot import layout
from diglot.config import Config, Language
from diglot.editions.compose import Edition, Listing
from diglot.editions.templating import Templates
from diglot.translate import Fallback

Page = tuple[str, tuple[Fallback, ...]]


@dataclass(frozen=True)
class Link:
    """The same page in another language: the language and the page's site path."""

    language: Language
    page: str


def article_page(config: Config, templates: Templates, edition: Edition, with_pdf: bool,
                 withheld: set[tuple[str, str]] | None = None) -> Page:
    """An article's page, with links to its other languages (not to those ``withheld``, by slug and
    language code), and to its PDF when the build makes it."""
    others = [Link(lang, layout.article_page(lang, edition.doc.slug)) for lang in config.languages
              if lang != edition.language and (edition.doc.slug, lang.code) not in (withheld or set())]
    return templates.render("article.html", edition.language, page=edition.page, edition=edition, others=others,
                            pdf=edition.pdf if with_pdf else None, withheld=withheld or set())


def index_page(config: Config, templates: Templates, language: Language, listings: list[Listing],
               withheld: set[tuple[str, str]] | None = None) -> Page:
    """The articles of ``language``, newest first; not those withheld until their translation is complete,
    nor links to a parallel edition of a language ``withheld`` (by slug and language code)."""
    others = [Link(lang, layout.index_page(lang)) for lang in config.languages if lang != language]
    listed = [listing for listing in listings if not listing.withheld]
    return templates.render("index.html", language, page=layout.index_page(language), editions=listed,
                            others=others, withheld=withheld or set())


def home_page(config: Config, templates: Templates) -> Page:
    """The foundation's name and series in every language."""
    sites = {lang: templates.translators.site(lang) for lang in config.languages}
    choices = [{"language": lang, "name": site.text(config.name), "series": site.text(config.series),
                "index": layout.index_page(lang)} for lang, site in sites.items()]
    html, fallbacks = templates.render("home.html", config.source_language, page=layout.HOME, choices=choices)
    return html, tuple(f for site in sites.values() for f in site.fallbacks.values()) + fallbacks

