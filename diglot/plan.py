"""The build plan: every output the requested editions consist of, and the digest of what it is made of.

Outputs are named by their path below ``build/``, as the manifest names them:

=========================  ==========================================================================
output                     files
=========================  ==========================================================================
``print``                  ``print/<lang>/<slug>.pdf`` and the HTML it is rendered from, ``….html``
``page``                   ``web/<lang>/<slug>.html``
``pdf-copy``               ``web/<lang>/<slug>.pdf``, the print PDF offered for download
``index``                  ``web/<lang>/index.html``
``home``                   ``web/index.html``
``static``, ``picture``    ``web/static/diglot.css``; ``print/images/…`` and ``web/images/…``
=========================  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diglot.config import Config, Language
from diglot.dependencies import Inputs
from diglot.documents import Document
from diglot.editions import templating
from diglot.editions.compose import Composer, Edition, Listing
from diglot.manifest import Manifest


@dataclass(frozen=True)
class Output:
    """One output: its kind, its files below ``build/`` (the first names it), the digest of its inputs."""

    kind: str
    files: tuple[str, ...]
    digest: str
    doc: Document | None = None
    language: Language | None = None
    source: Path | None = None  # the file a ``static`` or ``picture`` output copies

    @property
    def key(self) -> str:
        return self.files[0]


class Editions:
    """Editions composed on demand, each at most once; listings taken from the manifest while still valid."""

    def __init__(self, articles: list[Document], composer: Composer, inputs: Inputs, manifest: Manifest):
        self.articles = articles  # newest first, as indexes list them
        self.composer = composer
        self.inputs = inputs
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
            edition = self._composed[key] = self.composer.edition(doc, language)
            self.manifest.keep_listing(edition.page, self.inputs.edition(doc, language), edition.shown())
        return self._composed[key]

    def listing(self, doc: Document, language: Language) -> Listing:
        """What an index lists of ``doc`` in ``language``, composing it only when the manifest has no
        listing made from the current inputs."""
        key = (doc.slug, language.code)
        shown = None if key in self._composed else self.manifest.listing(
            f"{language.tag}/{doc.slug}.html", self.inputs.edition(doc, language))
        if shown is None:
            return self.edition(doc, language)
        return Listing(doc=doc, language=language, fields=shown["fields"], date=shown["date"],
                       withheld=shown.get("withheld", False))


def plan_outputs(config: Config, articles: list[Document], languages: tuple[Language, ...],
                 formats: tuple[str, ...], inputs: Inputs, editions: Editions) -> list[Output]:
    """Every output of the requested formats and languages, in the order a build makes them; none of
    an edition withheld (``editions.withheld``)."""
    outputs: list[Output] = []
    written = [(doc, lang) for doc in articles for lang in languages
               if (doc.slug, lang.code) not in editions.withheld]
    if "pdf" in formats:
        outputs += _pictures(config, "print", inputs)
        outputs += [Output("print", (f"print/{lang.tag}/{doc.slug}.pdf", f"print/{lang.tag}/{doc.slug}.html"),
                           inputs.print_edition(doc, lang), doc, lang) for doc, lang in written]
    if "html" in formats:
        outputs += _pictures(config, "web", inputs)
        stylesheet = templating.STATIC / "diglot.css"
        outputs.append(Output("static", ("web/static/diglot.css",), inputs.file(stylesheet), source=stylesheet))
        for lang in languages:
            # A page links to its other languages: which are withheld is part of what it is made of.
            outputs += [Output("page", (f"web/{lang.tag}/{doc.slug}.html",), inputs.web_page(doc, lang)
                               + _withheld_languages(editions.withheld, doc), doc, lang)
                        for doc, page_lang in written if page_lang == lang]
            shown = [editions.listing(doc, lang).shown() for doc in articles]
            outputs.append(Output("index", (f"web/{lang.tag}/index.html",), inputs.index_page(lang, shown),
                                  language=lang))
        outputs.append(Output("home", ("web/index.html",), inputs.home_page()))
        outputs += [Output("pdf-copy", (f"web/{lang.tag}/{doc.slug}.pdf",), inputs.print_edition(doc, lang), doc,
                           lang) for doc, lang in written]
    return outputs


def _withheld_languages(withheld: set[tuple[str, str]], doc: Document) -> str:
    codes = sorted(code for slug, code in withheld if slug == doc.slug)
    return f"+withheld:{','.join(codes)}" if codes else ""


def expected_files(config: Config, articles: list[Document],
                   withheld: set[tuple[str, str]] | None = None) -> set[str]:
    """Every file a build of all formats and languages keeps: anything else the manifest lists is left
    over from a deleted article, picture or language, or belongs to an edition now withheld."""
    files = {"web/index.html", "web/static/diglot.css"}
    for lang in config.languages:
        files.add(f"web/{lang.tag}/index.html")
        for doc in articles:
            if (doc.slug, lang.code) in (withheld or set()):
                continue
            files |= {f"print/{lang.tag}/{doc.slug}.pdf", f"print/{lang.tag}/{doc.slug}.html",
                      f"web/{lang.tag}/{doc.slug}.html", f"web/{lang.tag}/{doc.slug}.pdf"}
    for edition in ("print", "web"):
        files |= {output.key for output in _pictures(config, edition)}
    return files


def _pictures(config: Config, edition: str, inputs: Inputs | None = None) -> list[Output]:
    """``source/images`` copied beside the pages, where ``../images/…`` from an article finds them."""
    pictures = sorted(p for p in (config.source_dir / "images").glob("*") if p.is_file())
    return [Output("picture", (f"{edition}/images/{p.name}",), inputs.file(p) if inputs else "", source=p)
            for p in pictures]
