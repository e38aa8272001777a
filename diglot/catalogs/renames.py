"""Renamed documents: catalogs whose document is gone (orphans), and the new document that carries one on.

An article renamed (``git mv old.md new.md``) is a new domain: without help, its translation would start
from nothing while ``old.po`` lies forgotten beside it. ``diglot update`` recognises the rename by the
content: a new catalog whose POT shares at least half its messages with an orphan of the same
language is the orphan renamed. It is then made by msgmerge from the orphan (the orphan as the existing
catalog, the new POT as the reference): every translation, fuzzy mark and ``#|`` carried over,
whatever no longer matches kept as obsolete (``#~``), and the orphan and its POT removed once the
new catalog is written. An orphan nobody takes is reported by ``diglot status`` and lent to the
translation memory (:mod:`diglot.catalogs.memory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diglot.catalogs.domains import Domain
from diglot.catalogs.pofile import entry_keys
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.errors import DiglotError
from diglot.files import boundary

# The share of a new POT's messages an orphan must hold to be taken as that document renamed.
SAME_CONTENT = 0.5


@dataclass(frozen=True)
class Orphan:
    """A catalog of ``translations/<language>/LC_MESSAGES`` whose domain no document has any more."""

    path: Path
    language: Language

    @property
    def domain(self) -> str:
        return self.path.stem


def orphans(config: Config, domains: list[Domain]) -> list[Orphan]:
    """Every catalog whose domain no document (nor the site) has, sorted by path."""
    names = {domain.name for domain in domains} | {SITE_DOMAIN}
    found = []
    for language in config.languages:
        folder = config.translations_dir / language.code / "LC_MESSAGES"
        if folder.is_dir():
            found += [Orphan(path, language) for path in sorted(folder.glob("*.po"))
                      if path.stem not in names and path.is_file() and not path.is_symlink()]
    return found


def renamed_from(config: Config, domains: list[Domain], language: Language,
                 keys: set[tuple[str | None, str]]) -> Orphan | None:
    """The orphan of ``language`` that a new catalog with these POT ``keys`` (msgctxt, msgid)
    continues: the one sharing the most of them, at least :data:`SAME_CONTENT` of them."""
    if not keys:
        return None
    best, shared = None, 0
    for orphan in orphans(config, domains):
        if orphan.language != language:
            continue
        try:
            common = len(keys & entry_keys(boundary.read_bytes(orphan.path).decode("utf-8"), ""))
        except (DiglotError, UnicodeDecodeError):
            continue  # an unreadable orphan is status's to report, not a rename's
        if common > shared:
            best, shared = orphan, common
    return best if best is not None and shared >= SAME_CONTENT * len(keys) else None


def orphan_pot(config: Config, orphan: Orphan) -> Path:
    """The POT the orphan was made from, if it is still there."""
    return config.translations_dir / "templates" / f"{orphan.domain}.pot"
