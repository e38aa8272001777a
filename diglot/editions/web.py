"""The web edition's pages: every article in every language, cross-linked, an index and a feed per language,
a home page, a 404 page, and the sitemap and robots.txt that point search engines at them.

Each function returns the file's text and the site messages it had to show in the source language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import Config, Language
from diglot.editions import meta, pagefonts
from diglot.editions.compose import Edition, Listing
from diglot.editions.pictures import lead_picture
from diglot.editions.templating import Templates
from diglot.sources import strings

Page = tuple[str, tuple[Fallback, ...]]
Withheld = set[tuple[str, str]] | frozenset[tuple[str, str]]  # editions not published, by slug and language code
LATEST = 5  # articles per language on the home page


@dataclass(frozen=True)
class Link:
    """The same page in another language: the language and the page's site path."""

    language: Language
    page: str


def article_page(config: Config, templates: Templates, edition: Edition, download: meta.Download | None,
                 withheld: Withheld = frozenset()) -> Page:
    """An article's page, with links to its other languages (not to those ``withheld``, by slug and
    language code), and to its PDF when the build makes it."""
    slug = edition.doc.slug
    published = [lang for lang in config.languages if (slug, lang.code) not in withheld]
    others = [Link(lang, layout.article_page(lang, slug)) for lang in published if lang != edition.language]
    site = templates.translators.site(edition.language)
    publisher, series = site.text(config.name), edition.field("series") or site.text(config.series)
    picture = lead_picture(config, edition.doc)
    title, summary = edition.field("title") or "", edition.field("summary") or ""
    url = layout.url(config.base_url, edition.page)
    properties, names = meta.cards(config, edition.language, "article", title, summary, url, publisher, picture,
                                   edition.field("image.alt"))
    properties += (("article:published_time", meta.iso_date(edition)),
                   ("article:author", edition.field("author.name") or ""))
    head = meta.Meta(
        title=f"{title} | {publisher}", description=summary, canonical=url,
        alternates=meta.alternates(config, {lang: layout.article_page(lang, slug) for lang in published},
                                   layout.article_page(config.language(edition.doc.lang), slug)),
        properties=properties, names=names,
        json_ld=meta.article_json_ld(config, edition, publisher, series, picture, download, published))
    html, fallbacks = render_page(templates, "article.html", edition.language, edition.page, edition=edition,
                                  others=others, download=download, picture=picture, meta=head, withheld=withheld)
    return html, tuple(site.fallbacks.values()) + fallbacks


def index_page(config: Config, templates: Templates, language: Language, listings: list[Listing],
               withheld: Withheld = frozenset()) -> Page:
    """The articles of ``language``, newest first; not those withheld until their translation is complete,
    nor links to a parallel edition of a language ``withheld`` (by slug and language code)."""
    page = layout.index_page(language)
    listed = [listing for listing in listings if not listing.withheld]
    others = [Link(lang, layout.index_page(lang)) for lang in config.languages if lang != language]
    site = templates.translators.site(language)
    series, name = site.text(config.series), site.text(config.name)
    description = site.text(strings.INDEX_DESCRIPTION) % {"series": series, "name": name}
    head = _website_meta(config, language, page, f"{series} | {name}", description, name)
    html, fallbacks = render_page(templates, "index.html", language, page, editions=listed, others=others,
                                  meta=head, withheld=withheld)
    return html, tuple(site.fallbacks.values()) + fallbacks


def home_page(config: Config, templates: Templates, latest: dict[Language, list[Listing]]) -> Page:
    """The foundation's name and series in every language, and each language's latest articles (``latest``,
    none withheld)."""
    sites = {lang: templates.translators.site(lang) for lang in config.languages}
    choices: list[dict[str, Any]] = [
        {"language": lang, "name": site.text(config.name), "series": site.text(config.series),
                "index": layout.index_page(lang), "feed": layout.feed(lang), "latest": latest[lang][:LATEST],
                "heading": site.text(strings.LATEST), "all": site.text(strings.ALL_ARTICLES),
                "by": site.text(strings.BY_AUTHOR)} for lang, site in sites.items()]
    # The title in every language: each one's series and foundation, each name once.
    title = " | ".join(dict.fromkeys(name for c in choices for name in (c["series"], c["name"])))
    description = " | ".join(dict.fromkeys(f"{c['name']}" for c in choices))
    head = _website_meta(config, config.source_language, layout.HOME, title, description, choices[0]["name"])
    html, fallbacks = render_page(templates, "home.html", config.source_language, layout.HOME, choices=choices,
                                  meta=head)
    return html, tuple(f for site in sites.values() for f in site.fallbacks.values()) + fallbacks


def _website_meta(config: Config, language: Language, page: str, title: str, description: str,
                  site_name: str) -> meta.Meta:
    """The head of an index or the home page: one cluster, each language's index, the home page as x-default."""
    url = layout.url(config.base_url, page)
    properties, names = meta.cards(config, language, "website", title, description, url, site_name)
    return meta.Meta(title=title, description=description, canonical=url,
                     alternates=meta.alternates(config, {lang: layout.index_page(lang) for lang in config.languages},
                                                layout.HOME), properties=properties, names=names)


def not_found_page(config: Config, templates: Templates) -> Page:
    """The page a server shows for a missing file, in every language. A server shows it at any depth, so
    its links start from the server's top: the path of the site's ``base-url``."""
    sites = {lang: templates.translators.site(lang) for lang in config.languages}
    choices: list[dict[str, Any]] = [
        {"language": lang, "name": site.text(config.name), "series": site.text(config.series),
                "index": layout.index_page(lang), "missing": site.text(strings.NOT_FOUND),
                "go": site.text(strings.GO_TO_ARTICLES)} for lang, site in sites.items()]
    missing = " | ".join(dict.fromkeys(c["missing"] for c in choices))
    head = meta.Meta(title=missing, description=missing, canonical="", alternates=())
    html, fallbacks = render_page(templates, "404.html", config.source_language, layout.NOT_FOUND,
                                  root=urlsplit(config.base_url).path, choices=choices, meta=head)
    return html, tuple(f for site in sites.values() for f in site.fallbacks.values()) + fallbacks


def render_page(templates: Templates, name: str, language: Language, page: str, root: str | None = None,
                **context: Any) -> Page:
    """A web page's template rendered with the fonts its text needs (diglot.editions.pagefonts): rendered
    with a slot in its head, read for its text, and the slot filled with ``fonts.html`` for the faces
    holding that text."""
    root = layout.root(page) if root is None else root
    html, fallbacks = templates.render(name, language, page=page, root=root, fonts=_FONTS_SLOT, **context)
    fonts = pagefonts.page_fonts(html, language.tag, templates.faces, root)
    head, _ = templates.render("fonts.html", language, page=page, root=root, fonts=fonts)
    return html.replace(_FONTS_SLOT + "\n", head, 1), fallbacks


_FONTS_SLOT = Markup("\x02fonts\x03")  # no text of a page holds \x02: diglot.files.controls refuses it


def feed(config: Config, templates: Templates, language: Language, listings: Sequence[Listing],
         withheld: Withheld = frozenset()) -> Page:
    """The Atom feed of ``language``: its articles, newest first, each linking its other editions; none
    withheld."""
    site = templates.translators.site(language)
    listed = [listing for listing in listings if not listing.withheld]
    updated = max((listing.doc.date for listing in listed if listing.doc.date), default=None)
    xml, fallbacks = templates.render("feed.xml", language, page=layout.feed(language), editions=listed,
                                      withheld=withheld,
                                      publisher=site.text(config.name), series=site.text(config.series),
                                      updated=updated.isoformat() if updated else "1970-01-01")
    return xml, tuple(site.fallbacks.values()) + fallbacks


def sitemap(config: Config, templates: Templates, articles: Sequence[tuple[str, str, str, tuple[str, ...]]]) -> Page:
    """``sitemap.xml``: every page but the parallel editions, each with its languages (``xhtml:link``);
    ``articles`` as (slug, source language, ISO date, the tags of the languages it is published in), the date
    being each edition's last modification."""
    clusters: list[tuple[dict[str, str], str, str | None]] = [
        ({lang.tag: layout.index_page(lang) for lang in config.languages}, layout.HOME, None)]
    clusters += [({lang.tag: layout.article_page(lang, slug) for lang in config.languages if lang.tag in published},
                  layout.article_page(config.language(source), slug), date)
                 for slug, source, date, published in articles]
    # Not the parallel editions: their canonical URL is their article's (diglot.editions.parallel.parallel_meta),
    # and a sitemap lists canonical URLs only.
    return templates.render("sitemap.xml", config.source_language, page=layout.SITEMAP, clusters=clusters)


def robots(config: Config) -> str:
    """``robots.txt``: everything may be crawled; the sitemap is there."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {layout.url(config.base_url, layout.SITEMAP)}\n"
