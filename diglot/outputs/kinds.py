"""The kinds of output, one entry each: the outputs of it a build calls for and their files, what each is
made of (its digest, so that a build redoes only what changed), and how it is made (its maker, in
:mod:`diglot.outputs.makers`) and when. A new kind is one more entry in ``KINDS``; the plan, the files a
build keeps and the making all follow from it.

=================  ================================  =============================================================
kind               files (below ``build/``)          made of (every digest also covers diglot, its libraries
                                                     and the settings: see diglot.outputs.digests.Digests)
=================  ================================  =============================================================
print-picture      ``print/images/<name>``           the picture, copied before the PDFs that show it
print              ``print/<lang>/<slug>.pdf``,      the edition's texts (the article's and the foundation notes'
                   and the HTML it is rendered from  sources and catalogs), ``print.html`` and the templates it
                                                     includes, ``print.css``, the site catalog, the pictures, the
                                                     fonts, the build folder (WeasyPrint writes relative links out
                                                     as absolute ``file:`` URLs)
parallel-print     ``print/<a>.<b>/<slug>.pdf``      the texts of both editions, ``parallel-print.html`` and the
                   and its HTML                      front-matter macros, ``print.css`` and ``parallel-print.css``,
                                                     both site catalogs, the pictures, the fonts, the build folder
press              ``press/<lang>/<slug>.pdf``       its print PDF's inputs, the ``[tool.diglot.press]`` settings
parallel-press     ``press/<a>.<b>/<slug>.pdf``      and the output profile (see diglot.pdf.press)
picture            ``web/images/<name>``             the picture
scaled             ``web/images/<stem>-<w>w.<ext>``  the lead picture and the width
icon, stylesheet   ``web/favicon.svg``,              the file (a stylesheet's name carries its digest)
                   ``web/static/<name>.<digest>.css``
fonts              ``web/static/fonts.css`` and      the installed fonts they are cut from and the characters of
                   the font files                    each Chinese slice (see diglot.editions.webfonts)
page               ``web/<lang>/<slug>.html``        the edition's texts, ``article.html`` and the templates it
                                                     uses, the site catalog, the lead picture, the print edition's
                                                     inputs when it links the PDF (whose size and pages it gives)
index, feed        ``web/<lang>/index.html``,        what they list of every article (as composed), their
                   ``web/<lang>/feed.xml``           templates, the site catalog
home, not-found    ``web/index.html``,               their templates, every site catalog, and the home page each
                   ``web/404.html``                  language's latest articles
sitemap, robots    ``web/sitemap.xml``,              the articles' slugs, languages and dates
                   ``web/robots.txt``
parallel           ``web/<a>.<b>/<slug>.html``       the texts of both editions, ``parallel.html`` and the
                                                     front-matter macros, both site catalogs
pdf-copy,          ``web/<lang>/<slug>.pdf``,        what the print PDF is made of: copied once it is current
parallel-pdf-copy  ``web/<a>.<b>/<slug>.pdf``
=================  ================================  =============================================================

A page also covers which editions are withheld (it links the others), and a web page the fingerprinted
names of the stylesheets and fonts it links (``Kind.stylesheets``).
"""

from __future__ import annotations

from diglot import layout
from diglot.config import PRESS_FORMAT
from diglot.editions import pictures, templating, webfonts
from diglot.outputs import makers
from diglot.outputs.digests import digest
from diglot.outputs.output import Kind, Output, Scope, Stage
from diglot.pdf import press
from diglot.sources.documents import missing_alt

_HTML, _PDF, _ANY_PRINT = frozenset({"html"}), frozenset({"pdf"}), frozenset({"pdf", PRESS_FORMAT})


# Copies: pictures, diglot's own files, the PDFs offered for download.

def _pictures(scope: Scope, kind: Kind, edition: str) -> list[Output]:
    """``source/images`` copied beside the pages, where a relative link from an article finds them."""
    found = sorted(p for p in (scope.config.source_dir / "images").glob("*") if not p.is_dir())  # FIFOs, links: refused
    return [Output(kind, (f"{edition}/{layout.picture(p.name)}",), source=p) for p in found]


def _print_pictures(scope: Scope) -> list[Output]:
    return _pictures(scope, PRINT_PICTURE, layout.PRINT)


def _web_pictures(scope: Scope) -> list[Output]:
    return _pictures(scope, PICTURE, layout.WEB)


def _copied(scope: Scope, output: Output) -> str:
    assert output.source is not None, output.key
    return scope.digests.file(output.source)


def _icon(scope: Scope) -> list[Output]:
    return [Output(ICON, (layout.web(layout.FAVICON),), source=layout.STATIC / "favicon.svg")]


def _stylesheets(scope: Scope) -> list[Output]:
    """The web stylesheets, at their fingerprinted names."""
    sources = [(layout.STATIC / name, site_path) for name, site_path in templating.WEB_STYLESHEETS]
    return [Output(STYLESHEET, (layout.web(layout.fingerprinted(site_path, scope.digests.file(source))),),
                   source=source) for source, site_path in sources]


def _pdf_copies(scope: Scope) -> list[Output]:
    if not scope.with_pdf:
        return []
    return [Output(PDF_COPY, (layout.web(layout.article_pdf(lang, doc.slug)),), doc=doc, language=lang,
                   source=scope.config.build_dir / layout.printed(layout.article_pdf(lang, doc.slug)))
            for doc, lang in scope.written]


def _parallel_pdf_copies(scope: Scope) -> list[Output]:
    if not scope.with_pdf:
        return []
    return [Output(PARALLEL_PDF_COPY, (layout.web(layout.parallel_pdf(pair, doc.slug)),), doc=doc, pair=pair,
                   source=scope.config.build_dir / layout.printed(layout.parallel_pdf(pair, doc.slug)))
            for doc, pair in scope.side_by_side]


# Scaled pictures and fonts: cut to what the pages show.

def _scaled(scope: Scope) -> list[Output]:
    """The narrower copies of every lead picture, for ``srcset``; a lead picture needs its alt text."""
    outputs = []
    for doc in (d for d in scope.documents if d.kind == "article" and d.image is not None):
        error = missing_alt(doc)
        if error is not None:
            raise error
        picture = pictures.lead_picture(scope.config, doc)
        assert picture is not None and doc.image is not None
        outputs += [Output(SCALED, (layout.web(path),), source=scope.config.root / doc.image, width=width)
                    for path, width in picture.copies]
    return list({output.key: output for output in outputs}.values())  # two articles may share a picture


def _scaled_digest(scope: Scope, output: Output) -> str:
    d = scope.digests
    return digest("scaled", d.toolchain, _copied(scope, output), output.width)


def _fonts(scope: Scope) -> list[Output]:
    paths = (layout.FONT_STYLESHEET, *(face.site_path for face in scope.faces))
    return [Output(FONTS, tuple(layout.web(p) for p in paths), faces=scope.faces)]


def _fonts_digest(scope: Scope, output: Output) -> str:
    """The installed fonts they are cut from and the characters of each slice."""
    faces = output.faces
    return digest("fonts", scope.digests.toolchain, webfonts.fingerprint(list(faces)),
                  [(face.name, face.family, str(face.source), face.index, face.weight, face.style, face.characters)
                   for face in faces])


# The print and press editions' PDFs, rendered in the workers.

def _prints(scope: Scope) -> list[Output]:
    return [Output(PRINT, (layout.printed(layout.article_pdf(lang, doc.slug)), layout.print_html(lang, doc.slug)),
                   doc=doc, language=lang) for doc, lang in scope.written]


def _parallel_prints(scope: Scope) -> list[Output]:
    return [Output(PARALLEL_PRINT, (layout.printed(layout.parallel_pdf(pair, doc.slug)),
                                    layout.printed(layout.parallel_page(pair, doc.slug))), doc=doc, pair=pair)
            for doc, pair in scope.side_by_side]


def _presses(scope: Scope) -> list[Output]:
    return [Output(PRESS, (layout.pressed(layout.article_pdf(lang, doc.slug)),), doc=doc, language=lang)
            for doc, lang in scope.written]


def _parallel_presses(scope: Scope) -> list[Output]:
    if not press.makes_parallel(scope.config.press):
        return []
    return [Output(PARALLEL_PRESS, (layout.pressed(layout.parallel_pdf(pair, doc.slug)),), doc=doc, pair=pair)
            for doc, pair in scope.side_by_side]


def _print_digest(scope: Scope, output: Output) -> str:
    return scope.digests.print_edition(*output.article)


def _parallel_print_digest(scope: Scope, output: Output) -> str:
    return scope.digests.parallel_print(*output.parallel)


def _press_digest(scope: Scope, output: Output) -> str:
    return digest("press", scope.digests.print_edition(*output.article), scope.digests.press)


def _parallel_press_digest(scope: Scope, output: Output) -> str:
    return digest("parallel-press", scope.digests.parallel_print(*output.parallel), scope.digests.press)


# The web edition's pages.

def _pages(scope: Scope) -> list[Output]:
    return [Output(PAGE, (layout.web(layout.article_page(lang, doc.slug)),), doc=doc, language=lang,
                   with_pdf=scope.with_pdf)
            for lang in scope.languages for doc, page_lang in scope.written if page_lang == lang]


def _page_digest(scope: Scope, output: Output) -> str:
    """The page gives its PDF's size and pages when it links it, and its lead picture's size; it links its
    other languages, so which are withheld is part of what it is made of."""
    d, (doc, language) = scope.digests, output.article
    codes = sorted(code for slug, code in scope.withheld if slug == doc.slug)
    return digest("page", d.edition(doc, language), d.template("article.html"), d.site(language),
                  d.print_edition(doc, language) if output.with_pdf else None,
                  d.file(scope.config.root / doc.image) if doc.image else None) + (
        f"+withheld:{','.join(codes)}" if codes else "")


def _parallel_pages(scope: Scope) -> list[Output]:
    return [Output(PARALLEL, (layout.web(layout.parallel_page(pair, doc.slug)),), doc=doc, with_pdf=scope.with_pdf,
                   pair=pair) for doc, pair in scope.side_by_side]


def _parallel_digest(scope: Scope, output: Output) -> str:
    d, (doc, pair) = scope.digests, output.parallel
    return digest("parallel", [d.edition(doc, lang) for lang in pair], d.template("parallel.html"),
                  d.template(templating.PARTS), [d.site(lang) for lang in pair], output.with_pdf)


def _indexes(scope: Scope) -> list[Output]:
    return [Output(INDEX, (layout.web(layout.index_page(lang)),), language=lang) for lang in scope.languages]


def _index_digest(scope: Scope, output: Output) -> str:
    """An index links the parallel editions: which are withheld is part of what it is made of too."""
    d, language = scope.digests, output.index_language
    withheld = ",".join(sorted(f"{slug}/{code}" for slug, code in scope.withheld))
    return digest("index", d.toolchain, d.settings, language.code, d.template("index.html"), d.site(language),
                  scope.listed(language)) + (f"+withheld:{withheld}" if withheld else "")


def _feeds(scope: Scope) -> list[Output]:
    return [Output(FEED, (layout.web(layout.feed(lang)),), language=lang) for lang in scope.languages]


def _feed_digest(scope: Scope, output: Output) -> str:
    """A feed links each entry's other editions: which are withheld is part of what it is made of."""
    d, language = scope.digests, output.index_language
    return digest("feed", d.toolchain, d.settings, language.code, d.template("feed.xml"), d.site(language),
                  scope.listed(language), sorted(scope.withheld))


def _home(scope: Scope) -> list[Output]:
    return [Output(HOME, (layout.web(layout.HOME),))]


def _home_digest(scope: Scope, output: Output) -> str:
    """The home page lists each language's latest articles."""
    d, languages = scope.digests, scope.config.languages
    latest = [[listing.index_data() for listing in scope.editions.latest(lang)] for lang in languages]
    return digest("home", d.toolchain, d.settings, d.template("home.html"), [d.site(lang) for lang in languages],
                  latest)


def _not_found(scope: Scope) -> list[Output]:
    return [Output(NOT_FOUND, (layout.web(layout.NOT_FOUND),))]


def _not_found_digest(scope: Scope, output: Output) -> str:
    d = scope.digests
    return digest("404", d.toolchain, d.settings, d.template("404.html"),
                  [d.site(lang) for lang in scope.config.languages])


def _sitemap(scope: Scope) -> list[Output]:
    return [Output(SITEMAP, (layout.web(layout.SITEMAP),))]


def _sitemap_digest(scope: Scope, output: Output) -> str:
    d = scope.digests
    return digest("sitemap", d.toolchain, d.settings, d.template("sitemap.xml"),
                  makers.sitemap_entries(scope.config, scope.editions))


def _robots(scope: Scope) -> list[Output]:
    return [Output(ROBOTS, (layout.web(layout.ROBOTS),))]


def _robots_digest(scope: Scope, output: Output) -> str:
    return digest("robots", scope.digests.toolchain, scope.digests.settings)


PRINT_PICTURE = Kind("print-picture", _ANY_PRINT, _print_pictures, _copied, makers.copy_from_project,
                     Stage.SHOWN)
PRINT = Kind("print", _PDF, _prints, _print_digest, makers.print_pdf, Stage.RENDERED)
PARALLEL_PRINT = Kind("parallel-print", _PDF, _parallel_prints, _parallel_print_digest, makers.parallel_print_pdf,
                      Stage.RENDERED, weight=2)
PRESS = Kind("press", frozenset({PRESS_FORMAT}), _presses, _press_digest, makers.press_pdf, Stage.RENDERED)
PARALLEL_PRESS = Kind("parallel-press", frozenset({PRESS_FORMAT}), _parallel_presses, _parallel_press_digest,
                      makers.parallel_press_pdf, Stage.RENDERED, weight=2)
PICTURE = Kind("picture", _HTML, _web_pictures, _copied, makers.copy_from_project)
SCALED = Kind("scaled", _HTML, _scaled, _scaled_digest, makers.scaled)
ICON = Kind("icon", _HTML, _icon, _copied, makers.copy_from_package)
STYLESHEET = Kind("stylesheet", _HTML, _stylesheets, _copied, makers.copy_from_package)
FONTS = Kind("fonts", _HTML, _fonts, _fonts_digest, makers.fonts, Stage.CUT)
PAGE = Kind("page", _HTML, _pages, _page_digest, makers.article_page, stylesheets=(layout.STYLESHEET,))
INDEX = Kind("index", _HTML, _indexes, _index_digest, makers.index, stylesheets=(layout.STYLESHEET,))
FEED = Kind("feed", _HTML, _feeds, _feed_digest, makers.feed)
HOME = Kind("home", _HTML, _home, _home_digest, makers.home, stylesheets=(layout.STYLESHEET,))
NOT_FOUND = Kind("not-found", _HTML, _not_found, _not_found_digest, makers.not_found,
                 stylesheets=(layout.STYLESHEET,))
SITEMAP = Kind("sitemap", _HTML, _sitemap, _sitemap_digest, makers.sitemap)
ROBOTS = Kind("robots", _HTML, _robots, _robots_digest, makers.robots)
PARALLEL = Kind("parallel", _HTML, _parallel_pages, _parallel_digest, makers.parallel_page,
                stylesheets=(layout.STYLESHEET, layout.PARALLEL_STYLESHEET))
PDF_COPY = Kind("pdf-copy", _HTML, _pdf_copies, _print_digest, makers.copy_from_project, Stage.COPIED)
PARALLEL_PDF_COPY = Kind("parallel-pdf-copy", _HTML, _parallel_pdf_copies, _parallel_print_digest,
                         makers.copy_from_project, Stage.COPIED)

# Every kind, in the order a build plans them.
KINDS = (PRINT_PICTURE, PRINT, PARALLEL_PRINT, PRESS, PARALLEL_PRESS, PICTURE, SCALED, ICON, STYLESHEET, FONTS,
         PAGE, INDEX, FEED, HOME, NOT_FOUND, SITEMAP, ROBOTS, PARALLEL, PDF_COPY, PARALLEL_PDF_COPY)
