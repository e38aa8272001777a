"""How far each catalog's translation has come: translated, fuzzy and untranslated messages, words left;
and which editions are stale (an article's translation behind its source), with their language's policy."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from babel.messages.catalog import Message

from diglot import layout
from diglot.catalogs.domains import domains, po_path
from diglot.catalogs.extract import extract_catalogs
from diglot.catalogs.pofile import messages, read_catalog, translation_state
from diglot.catalogs.renames import orphans
from diglot.config import Config, Language
from diglot.sources.documents import read_documents

# A word is a run of letters or digits, or a single Han character: Chinese has no spaces to count by.
_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+(?:[’'.-][^\W_]+)*")


@dataclass(frozen=True)
class CatalogStatus:
    """The state of one domain's translation into one language."""

    domain: str
    language: str
    catalog: str
    translated: int
    fuzzy: int
    untranslated: int
    words_left: int
    kind: str = "site"  # what the domain is: "article", "note" (in every edition) or "site"
    policy: str = "source"  # the language's stale-edition policy (diglot.config.STALE_POLICIES)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    @property
    def stale(self) -> bool:
        """Whether editions in this language show a translation behind its source: an article's own
        catalog, or a foundation note's, which every edition carries."""
        return self.kind in ("article", "note") and not self.complete

    @property
    def review(self) -> str:
        """Where ``diglot review`` writes this catalog's review edition, below ``build/``."""
        return layout.review(Language(self.language), self.domain, "html")

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total, "complete": self.complete, "stale": self.stale,
                "review": f"build/{self.review}"}


def catalog_status(config: Config) -> list[CatalogStatus]:
    """The status of every catalog the sources call for, counted against the current sources.

    A message the sources have but the catalog lacks (it needs ``diglot update``) counts as untranslated.
    """
    documents = read_documents(config)
    kinds = {doc.domain: doc.kind for doc in documents}
    pots = extract_catalogs(config, documents)
    result = []
    for domain in domains(config, documents):
        for language in domain.targets(config):
            path = po_path(config, language, domain.name)
            catalog = read_catalog(path, config.root) if path.exists() else None
            entries = {(m.context, m.id): m for m in messages(catalog)} if catalog is not None else {}
            counted = _count(domain.name, language.code, path.relative_to(config.root).as_posix(),
                             [entries.get((m.context, m.id)) for m in messages(pots[domain.name])],
                             [_singular(m.id) for m in messages(pots[domain.name])])
            result.append(replace(counted, kind=kinds.get(domain.name, "site"),
                                  policy=config.stale_policy(language)))
    return result


def _singular(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _count(domain: str, language: str, catalog: str, entries: list[Message | None], msgids: list[str]
           ) -> CatalogStatus:
    translated = fuzzy = untranslated = words = 0
    for entry, msgid in zip(entries, msgids, strict=True):
        state = translation_state(entry) if entry is not None else "untranslated"
        if state == "translated":
            translated += 1
            continue
        if state == "fuzzy":
            fuzzy += 1
        else:
            untranslated += 1
        words += len(_WORDS.findall(msgid))
    return CatalogStatus(domain, language, catalog, translated, fuzzy, untranslated, words)


def edition_counts(rows: list[CatalogStatus], row: CatalogStatus) -> tuple[int, int]:
    """The current and total messages of ``row``'s article as its edition shows them, with the
    foundation's notes translated into the same language: what the edition's stale banner says."""
    if row.kind != "article":
        return row.translated, row.total
    notes = [other for other in rows if other.kind == "note" and other.language == row.language]
    return row.translated + sum(n.translated for n in notes), row.total + sum(n.total for n in notes)


def orphaned_catalogs(config: Config) -> list[Path]:
    """The catalogs whose document is gone (renamed or deleted), relative to the project."""
    return [orphan.path.relative_to(config.root) for orphan in orphans(config, domains(config, read_documents(config)))]
