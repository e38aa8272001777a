"""The web edition's pages: every article in every language, cross-linked, an index per language, a home.

Each function returns the page's HTML and the site messages it had to show in the source language.
"""

from __future__ import annotations

from dataclasses import dataclass

from diglot.config import Config, Language
from diglot.editions.compose import Edition, Listing
from diglot.editions.templating import Templates
from diglot.translate import Fallback

Page = tuple[str, tuple[Fallback, ...]]


@dataclass(frozen=True)
class Link:
    """The same article in another language."""

    language: Language
    page: str


def article_page(config: Config, templates: Templates, edition: Edition,
                 withheld: set[tuple[str, str]] | None = None) -> Page:
    """``build/web/<lang>/<slug>.html``: the article, with links to its other languages (not to those
    ``withheld``, by slug and language code)."""
    others = [Link(lang, f"{lang.tag}/{edition.doc.slug}.html") for lang in config.languages
              if lang != edition.language and (edition.doc.slug, lang.code) not in (withheld or set())]
    image = f"../images/{edition.doc.image.name}" if edition.doc.image else None
    return templates.render("article.html", edition.language, edition=edition, others=others, root="../",
                            image=image)


def index_page(config: Config, templates: Templates, language: Language, listings: list[Listing]) -> Page:
    """``build/web/<lang>/index.html``: every article of the language, newest first."""
    others = [lang for lang in config.languages if lang != language]
    listed = [listing for listing in listings if not listing.withheld]
    return templates.render("index.html", language, editions=listed, others=others, root="../")


def home_page(config: Config, templates: Templates) -> Page:
    """``build/web/index.html``: the foundation's name and series in every language."""
    sites = {lang: templates.translators.site(lang) for lang in config.languages}
    choices = [{"language": lang, "name": site.text(config.name), "series": site.text(config.series)}
               for lang, site in sites.items()]
    html, fallbacks = templates.render("home.html", config.source_language, choices=choices, root="")
    return html, tuple(f for site in sites.values() for f in site.fallbacks.values()) + fallbacks
