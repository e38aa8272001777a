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
from pathlib import Path
from typing import Any, Literal

from diglot import layout
from diglot.config import Config, Language
from diglot.digests import Digests
from diglot.documents import Document
from diglot.editions import templating
from diglot.editions.compose import Composer, Edition, Listing
from diglot.manifest import Manifest

OutputKind = Literal["print", "page", "pdf-copy", "index", "home", "static", "picture", "parallel",
                     "parallel-print"]


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
        """The language an ``index`` output lists the articles of."""
        if self.language is None:
            raise ValueError(f"{self.key} is not an index")
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

    def composed_listings(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """For the manifest: each edition composed in this build, as its page, digest and listing."""
        for edition in self._composed.values():
            yield edition.page, self.digests.edition(edition.doc, edition.language), edition.index_data()


def plan_outputs(config: Config, articles: list[Document], languages: tuple[Language, ...],
                 formats: tuple[str, ...], digests: Digests, editions: Editions) -> list[Output]:
    """Every output of the requested formats and languages, in the order a build makes them; none of
    an edition withheld (``editions.withheld``)."""
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
        outputs += _pictures(config, layout.WEB, digests)
        outputs += [_static(name, site_path, digests) for name, site_path in _STYLESHEETS]
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
        outputs += [Output("parallel", (layout.web(layout.parallel_page(pair, doc.slug)),),
                           digests.parallel_page(doc, pair, with_pdf), doc, with_pdf=with_pdf, pair=pair)
                    for doc, pair in side_by_side]
        outputs.append(Output("home", (layout.web(layout.HOME),), digests.home_page()))
        if with_pdf:
            outputs += [_pdf_copy(config, doc, lang, digests) for doc, lang in written]
            outputs += [_parallel_pdf_copy(config, doc, pair, digests) for doc, pair in side_by_side]
    return outputs


# The web edition's stylesheets: the package's file, and its site path.
_STYLESHEETS = (("diglot.css", layout.STYLESHEET), ("parallel.css", layout.PARALLEL_STYLESHEET))


def _static(name: str, site_path: str, digests: Digests) -> Output:
    stylesheet = templating.STATIC / name
    return Output("static", (layout.web(site_path),), digests.file(stylesheet), source=stylesheet)


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


def expected_files(config: Config, articles: list[Document],
                   withheld: set[tuple[str, str]] | None = None) -> set[str]:
    """Every file a build of all formats and languages keeps: anything else the manifest lists is left
    over from a deleted article, picture or language, or belongs to an edition now withheld."""
    files = {layout.web(layout.HOME)} | {layout.web(site_path) for _, site_path in _STYLESHEETS}
    for doc, pair in _parallel_editions(config, articles, None, withheld or set()):
        page, pdf = layout.parallel_page(pair, doc.slug), layout.parallel_pdf(pair, doc.slug)
        files |= {layout.web(page), layout.web(pdf), layout.printed(page), layout.printed(pdf)}
    for lang in config.languages:
        files.add(layout.web(layout.index_page(lang)))
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
    pictures = sorted(p for p in (config.source_dir / "images").glob("*") if p.is_file())
    return [Output("picture", (f"{edition}/{layout.picture(p.name)}",), digests.file(p) if digests else "",
                   source=p) for p in pictures]
