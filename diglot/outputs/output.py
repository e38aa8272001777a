"""What a build plans and makes: an output, its kind, the scope a plan covers, and what a kind's maker may use.

The kinds themselves, one entry each, are in :mod:`diglot.outputs.kinds`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import FORMATS, PRESS_FORMAT, Config, Language
from diglot.editions import webfonts
from diglot.editions.printed import PdfJob
from diglot.editions.templating import Templates
from diglot.outputs.composed import Editions
from diglot.outputs.digests import Digests
from diglot.outputs.manifest import Manifest
from diglot.sources.documents import Document


class Stage(IntEnum):
    """When a build makes an output, in this order: what each needs is made before it."""

    SHOWN = 0  # files the PDFs show: copied before any is rendered
    RENDERED = 1  # PDFs: rendered in the workers, a good part of a second each
    WEB = 2  # made here while the workers render; those linking their PDF once it is rendered
    CUT = 3  # written once the workers have cut their font faces
    COPIED = 4  # copies of PDFs, once the PDF is current


@dataclass(frozen=True)
class Kind:
    """One kind of output: which builds make it, the outputs of it a scope calls for, what each is made of
    (its digest), and how it is made."""

    name: str
    formats: frozenset[str]  # a build of any of these formats makes it
    outputs: Callable[[Scope], list[Output]]  # each with its files, not yet its digest
    digest: Callable[[Scope, Output], str]
    make: Callable[[Making, Output], None]
    stage: Stage = Stage.WEB
    # The stylesheets a web page links by their fingerprinted names: their names are part of what it is made of.
    stylesheets: tuple[str, ...] = ()
    weight: int = 1  # how long one takes to render against the others: the heaviest start first

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"


@dataclass(frozen=True)
class Output:
    """One output: its kind, its files below ``build/`` (the first is its key), the digest of its inputs,
    and what it is made from."""

    kind: Kind
    files: tuple[str, ...]
    digest: str = ""  # the plan's: see diglot.outputs.plan.plan_outputs
    doc: Document | None = None
    language: Language | None = None
    source: Path | None = None  # the file a copying output copies
    with_pdf: bool = False  # a page linking its PDF
    pair: layout.LanguagePair | None = None  # the languages of a parallel edition's output
    width: int = 0  # a scaled picture's width
    faces: tuple[webfonts.Face, ...] = ()  # the font files a ``fonts`` output cuts

    @property
    def key(self) -> str:
        return self.files[0]

    @property
    def article(self) -> tuple[Document, Language]:
        """The article and language of an edition's output."""
        if self.doc is None or self.language is None:
            raise ValueError(f"{self.key} is not an article's output")
        return self.doc, self.language

    @property
    def parallel(self) -> tuple[Document, layout.LanguagePair]:
        """The article and languages of a parallel edition's output."""
        if self.doc is None or self.pair is None:
            raise ValueError(f"{self.key} is not a parallel edition's output")
        return self.doc, self.pair

    @property
    def index_language(self) -> Language:
        """The language an ``index`` or ``feed`` output lists the articles of."""
        if self.language is None:
            raise ValueError(f"{self.key} is not an index or a feed")
        return self.language


class Scope:
    """What a plan covers: the languages and formats requested, and what their outputs are planned from.
    ``faces``: the web fonts' files (webfonts.plan_faces)."""

    def __init__(self, config: Config, documents: list[Document], languages: tuple[Language, ...],
                 formats: tuple[str, ...], digests: Digests, editions: Editions,
                 faces: tuple[webfonts.Face, ...] = ()):
        self.config = config
        self.documents = documents
        self.languages = languages
        self.formats = formats
        self.digests = digests
        self.editions = editions
        self.faces = faces
        self._listed: dict[str, list[dict[str, Any]]] = {}

    def everything(self) -> Scope:
        """The same build of every language and format: what all builds together keep."""
        return Scope(self.config, self.documents, self.config.languages, (*FORMATS, PRESS_FORMAT), self.digests,
                     self.editions, self.faces)

    @property
    def with_pdf(self) -> bool:
        """Whether the build makes the print PDFs, which the web pages then link."""
        return "pdf" in self.formats

    @property
    def withheld(self) -> set[tuple[str, str]]:
        return self.editions.withheld

    @cached_property
    def written(self) -> list[tuple[Document, Language]]:
        """The editions to write, newest article first: of the languages requested, none withheld."""
        return [(doc, lang) for doc in self.editions.articles for lang in self.languages
                if (doc.slug, lang.code) not in self.withheld]

    @cached_property
    def side_by_side(self) -> list[tuple[Document, layout.LanguagePair]]:
        """The parallel editions to write: of each pair of languages one of which is requested, and neither
        of them withheld."""
        return [(doc, pair) for doc in self.editions.articles for pair in layout.parallel_pairs(self.config.languages)
                if set(pair) & set(self.languages)
                and not any((doc.slug, lang.code) in self.withheld for lang in pair)]

    def listed(self, language: Language) -> list[dict[str, Any]]:
        """What the index and the feed of ``language`` list of every article."""
        if language.code not in self._listed:
            self._listed[language.code] = [self.editions.listing(doc, language).index_data()
                                           for doc in self.editions.articles]
        return self._listed[language.code]


class Making(Protocol):
    """What a kind's maker may use of the build making it (diglot.outputs.make.OutputMaker)."""

    config: Config
    editions: Editions
    templates: Templates
    manifest: Manifest
    run: str  # names this build for the workers' WeasyPrint set-up

    def write(self, output: Output, content: str | bytes, fallbacks: tuple[Fallback, ...] = ()) -> None:
        """Write the output's one file and record it."""

    def finish(self, output: Output, fallbacks: tuple[Fallback, ...], written: list[Path]) -> None:
        """Record an output whose files are written (``written``: those whose bytes changed)."""

    def render(self, output: Output, job: PdfJob, fallbacks: tuple[Fallback, ...], written: list[Path]) -> None:
        """Hand a PDF to the workers; the output is recorded when they return it."""
