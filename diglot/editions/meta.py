"""What a page tells search engines, feed readers and social sites about itself.

Every page names its URL (``canonical``), the same page in every language including itself, and the page for
readers whose language is none of them (``x-default``); Open Graph and Twitter cards say how to show it when
shared; an article carries schema.org JSON-LD linking its editions to each other. All URLs are absolute, on
the site's ``base-url``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.core import get_global
from markupsafe import Markup

from diglot import layout
from diglot.config import Config, Language
from diglot.editions.compose import Listing
from diglot.editions.pictures import Picture

# A commentary signed by its author: schema.org's opinion piece, a kind of NewsArticle.
ARTICLE_TYPE = "OpinionNewsArticle"
# Characters that could end a <script> element or open a comment inside it; JSON allows their escapes.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True)
class Meta:
    """The head of one page: title, description, links to itself and its languages, cards, JSON-LD."""

    title: str
    description: str
    canonical: str  # absolute URL
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last
    properties: tuple[tuple[str, str], ...] = ()  # Open Graph <meta property>
    names: tuple[tuple[str, str], ...] = ()  # Twitter <meta name>
    json_ld: Markup = field(default_factory=Markup)


def og_locale(language: Language) -> str:
    """The Open Graph locale of a language, language and territory: ``en_US``, ``zh_TW`` (CLDR's likeliest)."""
    locale = language.locale
    territory = locale.territory or str(get_global("likely_subtags").get(language.code, "_US")).split("_")[-1]
    return f"{locale.language}_{territory}"


def alternates(config: Config, pages: Mapping[Language, str], default: str) -> tuple[tuple[str, str], ...]:
    """``hreflang`` links: each language's page (this one's included), then ``x-default``."""
    links = [(lang.tag, layout.url(config.base_url, pages[lang])) for lang in config.languages if lang in pages]
    return (*links, ("x-default", layout.url(config.base_url, default)))


def script_json(data: Any) -> Markup:
    """``data`` as JSON safe inside ``<script type="application/ld+json">``: a ``</script>`` or ``<!--`` in a
    translated title cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=1)
    return Markup(text.translate(_SCRIPT_SAFE))


def cards(config: Config, language: Language, kind: str, title: str, description: str, url: str,
          site_name: str, picture: Picture | None = None, alt: str | None = None) -> tuple[
              tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The Open Graph properties and Twitter card of a page."""
    properties = [("og:type", kind), ("og:title", title), ("og:description", description), ("og:url", url),
                  ("og:site_name", site_name), ("og:locale", og_locale(language))]
    properties += [("og:locale:alternate", og_locale(lang)) for lang in config.languages if lang != language]
    names = [("twitter:card", "summary_large_image" if picture else "summary"), ("twitter:title", title),
             ("twitter:description", description)]
    if picture is not None:
        image = layout.url(config.base_url, picture.src)
        properties += [("og:image", image), ("og:image:width", str(picture.width)),
                       ("og:image:height", str(picture.height))]
        names.append(("twitter:image", image))
        if alt:
            properties.append(("og:image:alt", alt))
            names.append(("twitter:image:alt", alt))
    return tuple(properties), tuple(names)


@dataclass(frozen=True)
class Download:
    """An edition's PDF: its site path, size in bytes and number of pages."""

    page: str
    size: int
    pages: int


def article_json_ld(config: Config, edition: Listing, publisher: str, series: str, picture: Picture | None,
                    download: Download | None, published: Sequence[Language]) -> Markup:
    """The schema.org description of an article edition, linked to the edition it translates (the source
    language's) or to those that translate it (of the ``published`` languages)."""
    url = layout.url(config.base_url, edition.page)
    author = {"@type": "Person", "name": edition.field("author.name")}
    if edition.field("author.bio"):
        author["description"] = edition.field("author.bio")
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": ARTICLE_TYPE, "@id": url, "url": url,
        "mainEntityOfPage": url, "headline": edition.field("title"), "description": edition.field("summary"),
        "author": author, "datePublished": iso_date(edition), "dateModified": iso_date(edition),
        "inLanguage": edition.language.tag, "position": edition.doc.number,
        "publisher": {"@type": "Organization", "name": publisher, "url": config.base_url,
                      "logo": {"@type": "ImageObject", "url": layout.url(config.base_url, layout.FAVICON)}},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": series,
                     "url": layout.url(config.base_url, layout.index_page(edition.language))},
    }
    if edition.field("subtitle"):
        data["alternativeHeadline"] = edition.field("subtitle")
    if picture is not None:
        data["image"] = layout.url(config.base_url, picture.src)
    source = config.language(edition.doc.lang)
    if edition.language == source:
        data["workTranslation"] = [_work(config, lang, edition.doc.slug) for lang in published if lang != source]
    else:
        data["translationOfWork"] = _work(config, source, edition.doc.slug)
    if download is not None:
        data["associatedMedia"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                                   "contentUrl": layout.url(config.base_url, download.page),
                                   "contentSize": f"{download.size} B"}
    return script_json(data)


def iso_date(listing: Listing) -> str:
    """An article's publication date, ISO 8601 (every article has one: the front matter requires it)."""
    assert listing.doc.date is not None, listing.doc.path
    return listing.doc.date.isoformat()


def _work(config: Config, language: Language, slug: str) -> dict[str, str]:
    return {"@type": ARTICLE_TYPE, "@id": layout.url(config.base_url, layout.article_page(language, slug)),
            "inLanguage": language.tag}
