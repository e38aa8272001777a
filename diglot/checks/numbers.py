"""The numbers rule: every number of the source appears in the translation, by value.

Taiwanese press style rewrites numbers, so the digits alone cannot be compared: ``US$251 billion``
becomes ``2,510億美元``, ``3 million`` becomes ``300萬``, ``90 percent`` becomes ``90%``, ``May 17-18``
becomes ``5月17日至18日``, and digits may be full-width. Both sides are read as quantities (digits with
thousands separators and decimals, times any scale words after them, English or Chinese) and compared
by value. Spelled-out numbers (three, 三) are not read: the rule warns, it does not judge style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from babel.messages.catalog import Message

from diglot.checks.rules import WARNING, CheckedCatalog, pairs, rule
from diglot.sources import inline

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_SCALES = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "百": 10**2, "千": 10**3, "萬": 10**4, "億": 10**8, "兆": 10**12}
# Digits with optional thousands separators and decimals, then any run of scale words: "2,510億",
# "3 million", "3百萬", "1.5 billion". A digit (or a digit and a point) before it means mid-number.
_QUANTITY = re.compile(
    r"(?<!\d)(?<!\d\.)(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?"
    r"((?:\s?(?:[百千萬億兆]|(?:hundred|thousand|million|billion|trillion)\b))*)", re.I)
_SCALE_WORD = re.compile(r"[百千萬億兆]|hundred|thousand|million|billion|trillion", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number as written, and its value with every scale word applied."""

    text: str
    value: Decimal


def quantities(text: str) -> list[Quantity]:
    """Every number of ``text``'s prose (not its URLs, code or placeholders), with its value."""
    found = []
    for match in _QUANTITY.finditer(inline.prose(text).translate(_FULL_WIDTH)):
        value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        for word in _SCALE_WORD.findall(match.group(3)):
            value *= _SCALES[word.lower()]
        found.append(Quantity(match.group(0).strip(), value))
    return found


def taiwan_form(quantity: Quantity) -> str:
    """How Taiwanese press writes a scaled quantity: 2,510億 for 251 billion, 300萬 for 3 million."""
    for unit, sign in ((10**8, "億"), (10**4, "萬")):
        if quantity.value >= unit:
            count = quantity.value / unit
            return f"{count.normalize():,f}{sign}" if count != count.to_integral() else f"{int(count):,}{sign}"
    return f"{quantity.value.normalize():f}"


@rule("numbers", severity=WARNING)
def numbers(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Every number of the source has its value in the translation."""
    for source, translation in pairs(message):
        present = {q.value for q in quantities(translation)}
        for quantity in {q.text: q for q in quantities(source)}.values():
            if quantity.value in present:
                continue
            scaled = _SCALE_WORD.search(quantity.text) and context.traditional_chinese
            hint = f" (Taiwan press style: {taiwan_form(quantity)})" if scaled else ""
            yield f"the number {quantity.text!r} of the source is not in the translation{hint}; keep it"
