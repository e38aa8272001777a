"""The editions of one build, composed on demand, each at most once; what an index lists of each, taken from
the manifest while it is still valid, so that an index is remade without composing every article again."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from diglot import layout
from diglot.config import Config, Language
from diglot.editions.compose import Composer, Edition, Listing
from diglot.editions.web import LATEST
from diglot.outputs.digests import Digests
from diglot.outputs.manifest import Manifest
from diglot.sources.documents import Document


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
