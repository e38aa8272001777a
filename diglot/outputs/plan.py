"""The build plan: every output the requested editions consist of, and the digest of what it is made of.

Outputs are named by their key, their path below ``build/`` (see :mod:`diglot.layout`). The web edition
offers each article's PDF for download only when the build makes PDFs: a page never links a file the build
does not write, so ``--format html`` makes pages without the download link.

Each article also has a parallel edition for each pair of languages :func:`diglot.layout.parallel_pairs`
gives, planned whenever one of the pair's languages is requested: a web page (``parallel``), a print PDF
with its HTML (``parallel-print``) and the PDF's download copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from diglot import layout
from diglot.config import Config, Language
from diglot.editions import pictures, webfonts
from diglot.editions.compose import Composer, Edition, Listing
from diglot.editions.web import LATEST
from diglot.outputs.digests import Digests
from diglot.outputs.manifest import Manifest
from diglot.sources.documents import Document, missing_alt

OutputKind = Literal["print", "page", "pdf-copy", "index", "home", "static", "picture", "parallel",
                     "parallel-print", "scaled", "fonts", "feed", "not-found", "sitemap", "robots"]


@dataclass(frozen=True)
class Output:
    """One output: its kind, its files below ``build/`` (the first is its key), the digest of its inputs."""

    kind: OutputKind
    files: tuple[str, ...]
    digest: str
    doc: Document | None = None
    language: Language | None = None
    source: Path | None = None  # the file a ``static``, ``picture`` or ``pdf-copy`` output copies
    with_pdf: bool = False  # a ``page`` or ``parallel`` page linking its PDF
    pair: layout.LanguagePair | None = None  # the languages of a ``parallel`` or ``parallel-print`` output
    width: int = 0  # a ``scaled`` picture's width
    faces: tuple[webfonts.Face, ...] = ()  # the font files a ``fonts`` output cuts

    @property
    def key(self) -> str:
        return self.files[0]

    @property
    def article(self) -> tuple[Document, Language]:
        """The article and language of a ``print``, ``page`` or ``pdf-copy`` output."""
        if self.doc is None or self.language is None:
            raise ValueError(f"{self.key} is not an article's output")
        return self.doc, self.language

    @property
    def parallel(self) -> tuple[Document, layout.LanguagePair]:
        """The article and languages of a ``parallel`` or ``parallel-print`` output (or its ``pdf-copy``)."""
        if self.doc is None or self.pair is None:
            raise ValueError(f"{self.key} is not a parallel edition's output")
        return self.doc, self.pair

    @property
    def index_language(self) -> Language:
        """The language an ``index`` or ``feed`` output lists the articles of."""
        if self.language is None:
            raise ValueError(f"{self.key} is not an index or a feed")
        return self.language


class Editions:
    """Editions composed on demand, each at most once; listings taken from the manifest while still valid."""

    def __init__(self, articles: list[Document], composer: Composer, digests: Digests, manifest: Manifest):
        self.articles = articles  # newest first, as indexes list them
        self.composer = composer
        self.digests = digests
        self.manifest = manifest
        self._composed: dict[tuple[str, str], Edition] = {}
        self.withheld: set[tuple[str, str]] = set()  # (slug, language code): see find_withheld

    def find_withheld(self, config: Config) -> set[tuple[str, str]]:
        """The editions held back until their translation is complete (stale-edition policy
        ``withhold``), in every language, requested or not: their old files must go too."""
        self.withheld = {(doc.slug, lang.code) for lang in config.languages
                         if config.stale_policy(lang) == "withhold"
                         for doc in self.articles if doc.lang != lang.code and self.listing(doc, lang).withheld}
        return self.withheld

    def edition(self, doc: Document, language: Language) -> Edition:
        """The edition of ``doc`` in ``language``, composed now if it was not yet."""
        key = (doc.slug, language.code)
        if key not in self._composed:
            self._composed[key] = self.composer.edition(doc, language)
        return self._composed[key]

    def listing(self, doc: Document, language: Language) -> Listing:
        """What an index lists of ``doc`` in ``language``, composing it only when the manifest has no
        listing made from the current inputs."""
        key = (doc.slug, language.code)
        listed = None if key in self._composed else self.manifest.listing(
            layout.article_page(language, doc.slug), self.digests.edition(doc, language))
        if listed is None:
            return self.edition(doc, language)
        return Listing(doc=doc, language=language, fields=listed["fields"], date=listed["date"],
                       withheld=listed.get("withheld", False))

    def latest(self, language: Language) -> list[Listing]:
        """The articles the home page lists for ``language``: its newest, none withheld."""
        listed = (self.listing(doc, language) for doc in self.articles)
        return list(islice((listing for listing in listed if not listing.withheld), LATEST))

    def composed_listings(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """For the manifest: each edition composed in this build, as its page, digest and listing."""
        for edition in self._composed.values():
            yield edition.page, self.digests.edition(edition.doc, edition.language), edition.index_data()


def plan_outputs(config: Config, documents: list[Document], languages: tuple[Language, ...],
                 formats: tuple[str, ...], digests: Digests, editions: Editions) -> list[Output]:
    """Every output of the requested formats and languages, in the order a build makes them; none of
    an edition withheld (``editions.withheld``)."""
    articles = editions.articles
    outputs: list[Output] = []
    written = [(doc, lang) for doc in articles for lang in languages
               if (doc.slug, lang.code) not in editions.withheld]
    side_by_side = _parallel_editions(config, articles, languages, editions.withheld)
    with_pdf = "pdf" in formats
    if with_pdf:
        outputs += _pictures(config, layout.PRINT, digests)
        outputs += [_print(doc, lang, digests) for doc, lang in written]
        outputs += [_parallel_print(doc, pair, digests) for doc, pair in side_by_side]
    if "html" in formats:
        outputs += _web_files(config, documents, digests)
        for lang in languages:
            # A page links to its other languages: which are withheld is part of what it is made of.
            outputs += [Output("page", (layout.web(layout.article_page(lang, doc.slug)),),
                               digests.web_page(doc, lang, with_pdf) + _withheld_languages(editions.withheld, doc),
                               doc, lang, with_pdf=with_pdf)
                        for doc, page_lang in written if page_lang == lang]
            listed = [editions.listing(doc, lang).index_data() for doc in articles]
            # An index links the parallel editions: which are withheld is part of what it is made of too.
            outputs.append(Output("index", (layout.web(layout.index_page(lang)),),
                                  digests.index_page(lang, listed) + _withheld_everywhere(editions.withheld),
                                  language=lang))
            # A feed links each entry's other editions: which are withheld is part of what it is made of.
            outputs.append(Output("feed", (layout.web(layout.feed(lang)),),
                                  digests.feed(lang, listed, sorted(editions.withheld)), language=lang))
        latest = [[listing.index_data() for listing in editions.latest(lang)] for lang in config.languages]
        entries = sitemap_entries(config, editions)
        outputs += [Output("home", (layout.web(layout.HOME),), digests.home_page(latest)),
                    Output("not-found", (layout.web(layout.NOT_FOUND),), digests.not_found_page()),
                    Output("sitemap", (layout.web(layout.SITEMAP),), digests.sitemap(entries)),
                    Output("robots", (layout.web(layout.ROBOTS),), digests.robots())]
        outputs += [Output("parallel", (layout.web(layout.parallel_page(pair, doc.slug)),),
                           digests.parallel_page(doc, pair, with_pdf), doc, with_pdf=with_pdf, pair=pair)
                    for doc, pair in side_by_side]
        if with_pdf:
            outputs += [_pdf_copy(config, doc, lang, digests) for doc, lang in written]
            outputs += [_parallel_pdf_copy(config, doc, pair, digests) for doc, pair in side_by_side]
    return outputs


def sitemap_entries(config: Config, editions: Editions) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """What the sitemap says of each article: its slug, source language, date and the languages it is
    published in (none withheld)."""
    return [(doc.slug, doc.lang, doc.date.isoformat() if doc.date else "",
             tuple(lang.tag for lang in config.languages if (doc.slug, lang.code) not in editions.withheld))
            for doc in editions.articles]


def _web_files(config: Config, documents: list[Document], digests: Digests) -> list[Output]:
    """The web edition's files that are not pages: pictures and their narrower copies, stylesheet, icon, fonts."""
    outputs = _pictures(config, layout.WEB, digests) + _scaled_pictures(config, documents, digests)
    outputs += [_static(name, site_path, digests) for name, site_path in _STATIC]
    faces = tuple(webfonts.plan_faces(config, documents))
    outputs.append(Output("fonts", tuple(layout.web(p) for p in (layout.FONT_STYLESHEET, *_font_paths(faces))),
                          digests.web_fonts(faces), faces=faces))
    return outputs


def _font_paths(faces: tuple[webfonts.Face, ...]) -> list[str]:
    return [face.site_path for face in faces]


def _scaled_pictures(config: Config, documents: list[Document], digests: Digests | None) -> list[Output]:
    """The narrower copies of every lead picture, for ``srcset``; a lead picture needs its alt text."""
    outputs = []
    for doc in (d for d in documents if d.kind == "article" and d.image is not None):
        error = missing_alt(doc)
        if error is not None:
            raise error
        picture = pictures.lead_picture(config, doc)
        assert picture is not None and doc.image is not None
        source = config.root / doc.image
        outputs += [Output("scaled", (layout.web(path),), digests.scaled(source, width) if digests else "",
                           source=source, width=width) for path, width in picture.copies]
    return list({output.key: output for output in outputs}.values())  # two articles may share a picture


# The web edition's stylesheets and icon: the package's file, and its site path.
_STATIC = (("diglot.css", layout.STYLESHEET), ("parallel.css", layout.PARALLEL_STYLESHEET),
           ("favicon.svg", layout.FAVICON))


def _static(name: str, site_path: str, digests: Digests) -> Output:
    source = layout.STATIC / name
    return Output("static", (layout.web(site_path),), digests.file(source), source=source)


def _parallel_editions(config: Config, articles: list[Document], languages: tuple[Language, ...] | None,
                       withheld: set[tuple[str, str]]) -> list[tuple[Document, layout.LanguagePair]]:
    """The parallel editions to make: of each pair of languages one of which is requested (all: None), and
    neither of them withheld."""
    return [(doc, pair) for doc in articles for pair in layout.parallel_pairs(config.languages)
            if (languages is None or set(pair) & set(languages))
            and not any((doc.slug, lang.code) in withheld for lang in pair)]


def _withheld_languages(withheld: set[tuple[str, str]], doc: Document) -> str:
    codes = sorted(code for slug, code in withheld if slug == doc.slug)
    return f"+withheld:{','.join(codes)}" if codes else ""


def _withheld_everywhere(withheld: set[tuple[str, str]]) -> str:
    return f"+withheld:{','.join(sorted(f'{slug}/{code}' for slug, code in withheld))}" if withheld else ""


def _print(doc: Document, language: Language, digests: Digests) -> Output:
    pdf = layout.printed(layout.article_pdf(language, doc.slug))
    return Output("print", (pdf, layout.print_html(language, doc.slug)), digests.print_edition(doc, language),
                  doc, language)


def _pdf_copy(config: Config, doc: Document, language: Language, digests: Digests) -> Output:
    site_path = layout.article_pdf(language, doc.slug)
    return Output("pdf-copy", (layout.web(site_path),), digests.print_edition(doc, language), doc, language,
                  source=config.build_dir / layout.printed(site_path))


def _parallel_print(doc: Document, pair: layout.LanguagePair, digests: Digests) -> Output:
    pdf = layout.printed(layout.parallel_pdf(pair, doc.slug))
    return Output("parallel-print", (pdf, layout.printed(layout.parallel_page(pair, doc.slug))),
                  digests.parallel_print(doc, pair), doc, pair=pair)


def _parallel_pdf_copy(config: Config, doc: Document, pair: layout.LanguagePair, digests: Digests) -> Output:
    site_path = layout.parallel_pdf(pair, doc.slug)
    return Output("pdf-copy", (layout.web(site_path),), digests.parallel_print(doc, pair), doc, pair=pair,
                  source=config.build_dir / layout.printed(site_path))


def expected_files(config: Config, documents: list[Document],
                   withheld: set[tuple[str, str]] | None = None) -> set[str]:
    """Every output a build of all formats and languages keeps (by its key): anything else the manifest
    lists is left over from a deleted article, picture or language, or belongs to an edition now withheld."""
    articles = [doc for doc in documents if doc.kind == "article"]
    files = {layout.web(p) for p in (layout.HOME, layout.NOT_FOUND, layout.SITEMAP, layout.ROBOTS, layout.FAVICON,
                                     layout.STYLESHEET, layout.PARALLEL_STYLESHEET, layout.FONT_STYLESHEET)}
    files |= {output.key for output in _scaled_pictures(config, documents, None)}
    for doc, pair in _parallel_editions(config, articles, None, withheld or set()):
        page, pdf = layout.parallel_page(pair, doc.slug), layout.parallel_pdf(pair, doc.slug)
        files |= {layout.web(page), layout.web(pdf), layout.printed(page), layout.printed(pdf)}
    for lang in config.languages:
        files |= {layout.web(layout.index_page(lang)), layout.web(layout.feed(lang))}
        for doc in articles:
            if (doc.slug, lang.code) in (withheld or set()):
                continue
            page, pdf = layout.article_page(lang, doc.slug), layout.article_pdf(lang, doc.slug)
            files |= {layout.web(page), layout.web(pdf), layout.printed(page), layout.printed(pdf)}
    for edition in (layout.PRINT, layout.WEB):
        files |= {output.key for output in _pictures(config, edition)}
    return files


def _pictures(config: Config, edition: str, digests: Digests | None = None) -> list[Output]:
    """``source/images`` copied beside the pages, where a relative link from an article finds them."""
    pictures = sorted(p for p in (config.source_dir / "images").glob("*") if not p.is_dir())  # FIFOs, links: refused
    return [Output("picture", (f"{edition}/{layout.picture(p.name)}",), digests.file(p) if digests else "",
                   source=p) for p in pictures]
