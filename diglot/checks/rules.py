"""What every rule shares: the finding it reports, the context it runs in, and the rule decorator.

A rule is a small function of ``(message, context)`` in the manner of Babel's checkers. It is written
to yield the text of each problem; ``@rule`` turns it into a :class:`Rule`, still a function of
``(message, context)``, that yields :class:`Finding` objects carrying the rule's name, severity and
the PO entry's line. A few rules judge a whole text rather than one message (one spelling of a word
throughout): ``@catalog_rule`` makes a :class:`CatalogRule` of a function of ``(messages, context)``
that yields each problem with the message it belongs to. :class:`Finding` itself is
:mod:`diglot.findings`'s, the one format of every finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message

from diglot.catalogs.glossary import Glossary
from diglot.config import Language
from diglot.findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "CatalogRule", "CheckedCatalog", "Finding", "Rule", "always", "catalog_rule", "chinese",
           "pairs", "rule"]


@dataclass(frozen=True)
class CheckedCatalog:
    """The catalog a message belongs to: its file, domain, languages and the glossary that applies."""

    path: Path  # relative to the project root
    domain: str
    source: Language
    language: Language
    glossary: Glossary | None = None

    @property
    def traditional_chinese(self) -> bool:
        """True for zh_Hant, zh_Hant_TW, zh_TW…: the catalogs the Chinese rules apply to."""
        return self.language.code.startswith(("zh_Hant", "zh_TW"))


Check = Callable[[Message, CheckedCatalog], Iterator[str]]
CatalogCheck = Callable[[Sequence[Message], CheckedCatalog], Iterator[tuple[Message, str]]]


def always(context: CheckedCatalog) -> bool:
    return True


def chinese(context: CheckedCatalog) -> bool:
    return context.traditional_chinese


@dataclass(frozen=True)
class Rule:
    """A named check with a severity and the catalogs it applies to."""

    name: str
    severity: str
    check: Check
    applies: Callable[[CheckedCatalog], bool] = always

    def __call__(self, message: Message, context: CheckedCatalog) -> Iterator[Finding]:
        for problem in self.check(message, context):
            yield Finding(context.path, message.lineno, problem, self.name, self.severity)


def rule(name: str, severity: str = ERROR, applies: Callable[[CheckedCatalog], bool] = always
         ) -> Callable[[Check], Rule]:
    """Make a problem-yielding function a :class:`Rule` called ``name``."""
    def register(check: Check) -> Rule:
        return Rule(name, severity, check, applies)
    return register


@dataclass(frozen=True)
class CatalogRule:
    """A named check of a whole catalog, one text, whose findings each belong to one message."""

    name: str
    severity: str
    check: CatalogCheck
    applies: Callable[[CheckedCatalog], bool] = always

    def __call__(self, messages: Sequence[Message], context: CheckedCatalog) -> Iterator[Finding]:
        for message, problem in self.check(messages, context):
            yield Finding(context.path, message.lineno, problem, self.name, self.severity)


def catalog_rule(name: str, severity: str = ERROR, applies: Callable[[CheckedCatalog], bool] = always
                 ) -> Callable[[CatalogCheck], CatalogRule]:
    """Make a function of a catalog's translated messages, yielding (message, problem), a
    :class:`CatalogRule` called ``name``."""
    def register(check: CatalogCheck) -> CatalogRule:
        return CatalogRule(name, severity, check, applies)
    return register


def pairs(message: Message) -> Iterator[tuple[str, str]]:
    """Each (source, translation) pair of a message that has a translation; plural forms pair with
    the singular (form 0) or the plural msgid."""
    if isinstance(message.id, str):
        if isinstance(message.string, str) and message.string:
            yield message.id, message.string
        return
    forms = message.string if isinstance(message.string, (tuple, list)) else ()
    for index, string in enumerate(forms):
        if string:
            yield message.id[min(index, 1)], string
