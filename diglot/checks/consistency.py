"""Consistency rules for Traditional Chinese: one text writes a word one way.

Taiwan accepts two written forms of many words (訊號 and 信號, 了解 and 瞭解, 臺灣 and 台灣); a text
that uses both reads as if two hands wrote it, and a reviewer counts it. The pairs are data,
``data/variants.csv`` (``form,variant,note``, the Ministry of Education's form first), so editors can
extend the list without touching code. The rule judges a catalog, one text, as a whole: where both
forms occur, each message holding the rarer one is reported (on a tie, the variant).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Message

from diglot.catalogs.glossary import csv_rows
from diglot.checks.rules import WARNING, CheckedCatalog, catalog_rule, chinese, pairs
from diglot.sources import inline

VARIANTS = Path("data") / "variants.csv"


@dataclass(frozen=True)
class Variant:
    """Two written forms of one word: the standard ``form`` first, and why."""

    form: str
    variant: str
    note: str


@functools.cache
def variants() -> tuple[Variant, ...]:
    """The maintained list of variant pairs, read once from the package's data."""
    resource = resources.files("diglot.checks").joinpath(*VARIANTS.parts)
    rows = csv_rows(Path("diglot/checks") / VARIANTS, resource.read_text(encoding="utf-8"), ("form", "variant"))
    return tuple(Variant(row["form"], row["variant"], row.get("note", "")) for _, row in rows)


@catalog_rule("variants", WARNING, applies=chinese)
def mixed_variants(messages: Sequence[Message], context: CheckedCatalog) -> Iterator[tuple[Message, str]]:
    """No word written in both of its forms within one text."""
    texts = [(message, " ".join(inline.prose(t) for _, t in pairs(message))) for message in messages]
    for pair in variants():
        standard = [message for message, text in texts if pair.form in text]
        variant = [message for message, text in texts if pair.variant in text]
        if not standard or not variant:
            continue
        rarer, usual, written, other = ((variant, standard, pair.variant, pair.form)
                                        if len(variant) <= len(standard) else
                                        (standard, variant, pair.form, pair.variant))
        lines = ", ".join(str(message.lineno) for message in usual[:3]) + (", …" if len(usual) > 3 else "")
        where = f"line{'s' if len(usual) > 1 else ''} {lines}"
        for message in rarer:
            yield message, (f"{written!r} here, but {other!r} elsewhere in this text ({where}); write one "
                            f"form throughout ({pair.note})")
