"""Vocabulary rules for Traditional Chinese (Taiwan): no mainland terms, and the glossary's terms kept.

The mainland list is data, ``data/mainland_terms.csv`` (``term,taiwan,note,allowed_in``), so editors
can extend it without touching code. ``allowed_in`` lists compounds where the term is right in Taiwan
too (朝鮮半島); ambiguous words are listed only in their mainland compounds (項目經理, not 項目, which
is "item" in Taiwan). The glossary is the project's own, ``translations/glossary/<language>.csv``; a
target written in 「」 there (「志願者聯盟」) is a name the translation always quotes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Message

from diglot.catalogs.glossary import Glossary, Term, csv_rows
from diglot.checks.rules import WARNING, CheckedCatalog, chinese, pairs, rule
from diglot.sources import inline

MAINLAND_TERMS = Path("data") / "mainland_terms.csv"


@dataclass(frozen=True)
class MainlandTerm:
    """A mainland usage, the Taiwan form to write instead, why, and compounds where it is fine."""

    term: str
    taiwan: str
    note: str
    allowed_in: tuple[str, ...]

    def occurs_in(self, text: str) -> bool:
        """True when the term occurs in ``text`` outside every allowed compound."""
        if self.term not in text:  # the common case, a substring test: no pattern to compile or scan
            return False
        allowed = [(m.start(), m.end()) for word in self.allowed_in for m in re.finditer(re.escape(word), text)]
        for match in re.finditer(re.escape(self.term), text):
            if not any(start <= match.start() and match.end() <= end for start, end in allowed):
                return True
        return False


@functools.cache
def mainland_terms() -> tuple[MainlandTerm, ...]:
    """The maintained list of mainland terms, read once from the package's data."""
    resource = resources.files("diglot.checks").joinpath(*MAINLAND_TERMS.parts)
    shown = Path("diglot/checks") / MAINLAND_TERMS
    rows = csv_rows(shown, resource.read_text(encoding="utf-8"), ("term", "taiwan"))
    return tuple(MainlandTerm(row["term"], row["taiwan"], row.get("note", ""),
                              tuple(row.get("allowed_in", "").split())) for _, row in rows)


@rule("mainland-terms", applies=chinese)
def mainland(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """No term of mainland usage where Taiwan writes another."""
    for _, translation in pairs(message):
        text = inline.mask_code(translation)
        for term in mainland_terms():
            if term.occurs_in(text):
                note = f" ({term.note})" if term.note else ""
                yield f"{term.term!r} is mainland usage{note}; Taiwan writes {term.taiwan!r}"


def _with_glossary(context: CheckedCatalog) -> bool:
    # The glossary's source terms are in its source language: other domains' msgids cannot match them.
    return chinese(context) and context.glossary is not None and context.source == context.glossary.source


@rule("glossary", applies=_with_glossary)
def glossary(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Where a glossary term occurs in the source, its agreed translation occurs in the translation."""
    glossary = context.glossary
    if glossary is None:  # the rule applies only where there is one
        return
    index = _index(glossary)
    for source, translation in pairs(message):
        words = inline.prose(source)
        terms = index.candidates(words)
        covered = _covered(terms, words, translation)
        for term in terms:
            if term.target not in translation and any(
                    (m.start(), m.end()) not in covered for m in _pattern(term).finditer(words)):
                where = f"{glossary.path}:{term.line}"
                yield (f"the source has {term.source!r}, which the glossary ({where}) translates "
                       f"{term.target!r}, but the translation lacks it; use the glossary's term")


def _has_glossary(context: CheckedCatalog) -> bool:
    return chinese(context) and context.glossary is not None


@rule("glossary-quotes", WARNING, applies=_has_glossary)
def glossary_quotes(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """A term the glossary records in 「」 is never written without them, wherever it occurs."""
    glossary = context.glossary
    if glossary is None:  # the rule applies only where there is one
        return
    for _, translation in pairs(message):
        text = inline.prose(translation)
        for term, name in _index(glossary).quoted:  # the few quoted ones, not every term of the glossary
            if any(not _inside_quotes(text, m.start(), m.end()) for m in re.finditer(re.escape(name), text)):
                yield (f"{name!r} is written without 「」, which the glossary ({glossary.path}:{term.line}) "
                       f"records for it; write {term.target!r}")


def quoted_name(target: str) -> str | None:
    """The name inside a glossary target written in 「」, or None for a target written bare."""
    if len(target) > 2 and target[0] == "「" and target[-1] == "」" and "「" not in target[1:-1]:
        return target[1:-1]
    return None


def _inside_quotes(text: str, start: int, end: int) -> bool:
    # 『』 are the quotation marks inside 「」.
    return text[start - 1:start] in ("「", "『") and text[end:end + 1] in ("」", "』")


def _covered(terms: list[Term], words: str, translation: str) -> set[tuple[int, int]]:
    """The spans of ``words`` inside an occurrence of a term whose translation is kept: "U.S." within
    "U.S. policy" is translated by 對美政策, so the glossary's 美國 is not asked for there."""
    kept = [(m.start(), m.end()) for term in terms if term.target in translation
            for m in _pattern(term).finditer(words)]
    return {(m.start(), m.end()) for term in terms for m in _pattern(term).finditer(words)
            if any(start <= m.start() and m.end() <= end and (start, end) != (m.start(), m.end())
                   for start, end in kept)}


_WORD = re.compile(r"\w+")


class TermIndex:
    """A glossary's terms by the first run of word characters each starts with, case folded: a text can
    hold a term only where that run is one of the text's own (or, for a term of one run, that run with
    the plural's ``s`` or ``es``), so a message is matched against the few terms it may hold, not all."""

    def __init__(self, terms: tuple[Term, ...]):
        self.order = {term: number for number, term in enumerate(terms)}
        self.anywhere: list[Term] = []  # terms without a word character: tried on every text
        self.by_run: dict[str, list[Term]] = {}
        self.quoted = [(term, name) for term in terms if (name := quoted_name(term.target))]  # 「」 names
        for term in terms:
            runs = _WORD.findall(term.source)
            if not runs:
                self.anywhere.append(term)
                continue
            first = runs[0].casefold()
            alone = term.source.rstrip().endswith(runs[0]) and len(runs) == 1
            for key in (first, first + "s", first + "es") if alone else (first,):
                self.by_run.setdefault(key, []).append(term)

    def candidates(self, text: str) -> list[Term]:
        """The terms that may occur in ``text``, in the glossary's order."""
        found = set(self.anywhere)
        for run in {match.casefold() for match in _WORD.findall(text)}:
            found.update(self.by_run.get(run, ()))
        return sorted(found, key=self.order.__getitem__)


_indexes: dict[int, tuple[Glossary, TermIndex]] = {}


def _index(glossary: Glossary) -> TermIndex:
    """The index of ``glossary``'s terms, made once per glossary read."""
    entry = _indexes.get(id(glossary))
    if entry is None or entry[0] is not glossary:
        entry = _indexes[id(glossary)] = (glossary, TermIndex(glossary.terms))
    return entry[1]


@functools.cache
def _pattern(term: Term) -> re.Pattern[str]:
    """The term as a whole word, in any case, also plural or possessive: Trump’s, presidents, U.S.’."""
    words = r"\s+".join(re.escape(word) for word in term.source.split())
    return re.compile(rf"(?<!\w){words}(?:e?s)?(?:['’]s?)?(?!\w)", re.IGNORECASE)
