"""Looking up translations: the catalog's text where it is translated, the source text where not.

Untranslated and fuzzy messages are never published as current, nor a translation that adds what the
source lacks (:mod:`diglot.sources.safety`) or, in the site catalog, placeholders other than its msgid's
(:mod:`diglot.catalogs.placeholders`); each fallback is remembered so the build can say how many there are, where
and, for a withheld translation, which rule withheld it, as ``diglot check`` names it. Where the
language's stale-edition policy is ``previous``, a fuzzy message shows its previous translation instead,
and its block is marked outdated; a block shown in the source language is marked with that language (see
:meth:`Translator.marks`).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from markupsafe import Markup, escape

from diglot.catalogs.domains import po_path
from diglot.catalogs.fallback import Fallback
from diglot.catalogs.placeholders import problems as placeholder_problems
from diglot.catalogs.pofile import read_catalog, translation_state
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.errors import DiglotError
from diglot.sources.documents import Document
from diglot.sources.safety import additions
from diglot.sources.segments import Segment

MsgId = str | tuple[str, ...]  # a plural message's id is its singular and plural
Translation = str | tuple[str, ...] | list[str]  # and its string, one per plural form


class Translator:
    """The translations of one domain into one language."""

    def __init__(self, entries: dict[tuple[str | None, Any], Message] | None, plural: Callable[[int], int] | None,
                 path: Path | None, source_tag: str = "", policy: str = "source", formatted: bool = False):
        """``formatted``: the texts are %-formatted (the site catalog's), so placeholders must match."""
        self.path = path
        self.formatted = formatted
        self._entries = entries or {}
        self._plural = plural or (lambda n: int(n != 1))
        self.source_tag = source_tag  # the language a fallback is shown in
        self.policy = policy  # the language's stale-edition policy (diglot.config.STALE_POLICIES)
        self.fallbacks: dict[tuple[str | None, str], Fallback] = {}
        self._marks: dict[tuple[str | None, str], dict[str, str]] = {}

    @classmethod
    def of(cls, catalog: Catalog | None, path: Path, source_tag: str = "", policy: str = "source",
           formatted: bool = False) -> Translator:
        """The translator reading ``catalog`` (None: the file does not exist yet), loaded from ``path``."""
        if catalog is None:
            return cls(None, None, path, source_tag, policy, formatted)
        return cls({(m.context, m.id): m for m in catalog if m.id}, _plural_function(catalog, path), path,
                   source_tag, policy, formatted)

    @classmethod
    def identity(cls) -> Translator:
        """The translator for a domain's own source language: every text is already right."""
        return cls(None, None, None)

    def fresh(self) -> Translator:
        """The same translations with no fallbacks recorded yet, to tell which output showed which."""
        return Translator(self._entries, self._plural, self.path, self.source_tag, self.policy, self.formatted)

    def text(self, msgid: str, context: str | None = None) -> str:
        """The translation of ``msgid``, or ``msgid`` itself when there is none yet."""
        found = self._lookup(msgid, context)
        return found if isinstance(found, str) and found else msgid

    def plural(self, singular: str, plural: str, count: int, context: str | None = None) -> str:
        """The plural form of a translation that fits ``count``, or the source's."""
        forms = self._lookup((singular, plural), context)
        if forms and not isinstance(forms, str):
            try:
                index = self._plural(count)
            except ArithmeticError:  # a Plural-Forms that divides by zero
                index = 0
            return str(forms[max(0, min(index, len(forms) - 1))])
        return singular if count == 1 else plural

    def _lookup(self, msgid: MsgId, context: str | None) -> Translation | None:
        """The entry's translation when it may be published; else None, and the fallback remembered."""
        if self.path is None:
            return None
        entry = self._entries.get((context, msgid))
        state = translation_state(entry) if entry is not None else "missing"
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        if state == "translated" and entry is not None and entry.string:
            string: Translation = entry.string
            withheld = self._formats(msgid, string) if self.formatted else None
            if withheld is None:
                return string
            state, reason, rule = "unsafe", withheld, "placeholders"
        else:
            reason = rule = ""
        self.fallbacks.setdefault((context, singular), Fallback(
            self.path, entry.lineno if entry is not None else None, singular, state, context, reason, rule))
        return None

    @staticmethod
    def _formats(msgid: MsgId, string: Translation) -> str | None:
        """Why the placeholders of a translation may not be formatted in place of the msgid's; None if fine."""
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = string if isinstance(string, (tuple, list)) else (string,)
        for index, text in enumerate(strings):
            found = placeholder_problems(ids[min(index, len(ids) - 1)], text)
            if found:
                return found[0]
        return None

    def segment(self, segment: Segment) -> str:
        """The translation of a document's segment, unless it adds markup or links the source lacks."""
        key = (segment.context, segment.text)
        found = self._lookup(segment.text, segment.context)
        translation = found if isinstance(found, str) else None
        if translation is None and self.policy == "previous":
            translation = self._previous(key)
        if translation is None:
            self._mark_source(key)
            return segment.text
        withheld = additions(segment.text, translation)
        if withheld:
            entry = self._entries[key]
            rule, reason = withheld[0]
            assert self.path is not None  # only a catalog's translations are withheld
            self.fallbacks[key] = Fallback(self.path, entry.lineno, segment.text, "unsafe", segment.context,
                                           reason, rule)
            self._mark_source(key)
            return segment.text
        return translation

    def marks(self, segment: Segment) -> dict[str, str]:
        """The attributes the block of ``segment`` takes: ``lang`` when shown in the source language,
        ``class="outdated"`` when it shows a previous translation; none when its translation is current."""
        return dict(self._marks.get((segment.context, segment.text), {}))

    def _previous(self, key: tuple[str | None, str]) -> str | None:
        """The fuzzy entry's previous translation, recorded as outdated rather than fuzzy."""
        entry = self._entries.get(key)
        if self.path is None or entry is None or not entry.fuzzy or not isinstance(entry.string, str) \
                or not entry.string:
            return None
        self.fallbacks[key] = Fallback(self.path, entry.lineno, key[1], "outdated", key[0])
        self._marks[key] = {"class": "outdated"}
        return entry.string

    def _mark_source(self, key: tuple[str | None, str]) -> None:
        if self.source_tag:
            self._marks[key] = {"lang": self.source_tag}

    # Jinja2's i18n extension marks translations safe; escaping them here keeps a translator's markup
    # out of the page while the template's own variables are still escaped by ``%``.
    def gettext(self, message: str) -> Markup:
        return escape(self.text(message))

    def ngettext(self, singular: str, plural: str, count: int) -> Markup:
        return escape(self.plural(singular, plural, count))

    def pgettext(self, context: str, message: str) -> Markup:
        return escape(self.text(message, context))

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> Markup:
        return escape(self.plural(singular, plural, count, context))


class Translators:
    """Every translator a build needs, each catalog read once and only when first asked for.

    Each call hands out a fresh translator on the shared entries, so the fallbacks it records belong to the one
    output being made: an output skipped by an incremental build keeps the fallbacks it recorded before.
    """

    def __init__(self, config: Config):
        self.config = config
        self._loaded: dict[tuple[str, str], Translator] = {}

    def catalog_path(self, domain: str, source: Language, language: Language) -> Path | None:
        """The PO file that translates ``domain`` (written in ``source``) into ``language``; None for the
        source language itself, which needs no catalog."""
        return None if language == source else po_path(self.config, language, domain)

    def get(self, domain: str, source: Language, language: Language) -> Translator:
        """A translator of ``domain`` (written in ``source``) into ``language``."""
        path = self.catalog_path(domain, source, language)
        if path is None:
            return Translator.identity()
        key = (domain, language.code)
        if key not in self._loaded:
            catalog = read_catalog(path, self.config.root) if os.path.lexists(path) else None
            self._loaded[key] = Translator.of(catalog, path.relative_to(self.config.root), source.tag,
                                              self.config.stale_policy(language), formatted=domain == SITE_DOMAIN)
        return self._loaded[key].fresh()

    def for_document(self, doc: Document, language: Language) -> Translator:
        return self.get(doc.domain, self.config.language(doc.lang), language)

    def site(self, language: Language) -> Translator:
        return self.get(SITE_DOMAIN, self.config.source_language, language)


def sorted_fallbacks(fallbacks: Iterable[Fallback]) -> list[Fallback]:
    """Fallbacks without repeats, catalog by catalog (domain, then language), in the catalog's order."""
    unique = {(f.catalog, f.context, f.msgid): f for f in fallbacks}
    return sorted(unique.values(), key=_catalog_order)


def _catalog_order(f: Fallback) -> tuple[str, str, bool, int, str, str]:
    domain, language = f.catalog.stem, f.catalog.parts[-3] if len(f.catalog.parts) > 2 else ""
    return domain, language, f.line is None, f.line or 0, f.msgid, f.context or ""


def _plural_function(catalog: Catalog, path: Path) -> Callable[[int], int]:
    """The catalog's Plural-Forms as a function; a header gettext cannot compile is bad input."""
    try:
        return _gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError, RecursionError):
        raise DiglotError(path, 1, f"the Plural-Forms header cannot be read ({catalog.plural_expr[:60]!r})",
                          "write it as gettext documents it, e.g. nplurals=1; plural=0;") from None
