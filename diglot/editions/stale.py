"""Stale editions, told honestly: how much of a translated edition is current, and what its language's
policy does while it is behind its source.

========== ==================================================================================================
policy     while the translation is behind (fuzzy, untranslated or missing messages)
========== ==================================================================================================
source     pending blocks in the source language, marked ``lang``; a banner says how much is current
previous   pending blocks show their previous (fuzzy) translation, ``class="outdated"`` with a note; banner
withhold   the edition is not written at all; the build lists it as withheld, indexes and links skip it
========== ==================================================================================================

The policy is chosen per language in ``[tool.diglot.stale-editions]`` (:mod:`diglot.config`). The banner's
words are the site catalog's, so each edition says it in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel import Locale

from diglot.config import Config, Language
from diglot.sources.documents import Document

if TYPE_CHECKING:
    from diglot.catalogs.fallback import Fallback


@dataclass(frozen=True)
class Progress:
    """How far a translated edition is current: ``current`` of its ``total`` messages, and what the
    language's ``policy`` makes of the rest; where the original edition is, and its language's name."""

    current: int
    total: int
    policy: str
    original: str  # the original edition's page below build/web, e.g. "en/no-more-carrots.html"
    original_tag: str  # the original's language, as a BCP 47 tag for hreflang
    original_language: str  # the original's language, named in the edition's language

    @property
    def stale(self) -> bool:
        return self.current < self.total

    @property
    def withheld(self) -> bool:
        """Whether the edition is held back until its translation is complete."""
        return self.stale and self.policy == "withhold"


def progress(config: Config, doc: Document, language: Language, total: int,
             fallbacks: tuple[Fallback, ...]) -> Progress | None:
    """The progress of ``doc`` in ``language`` composed of ``total`` messages; None for the original."""
    source = config.language(doc.lang)
    if language == source:
        return None
    pending = {(f.catalog, f.context, f.msgid) for f in fallbacks}
    name = Locale.parse(source.code).get_display_name(language.code) or source.name
    return Progress(current=max(total - len(pending), 0), total=total, policy=config.stale_policy(language),
                    original=f"{source.tag}/{doc.slug}.html", original_tag=source.tag, original_language=name)
