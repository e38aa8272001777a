"""Wording rules for Traditional Chinese: two phrasings with country names that a reader can parse two ways.

Both were found by review in No. 29 and both are warnings: the grammar allows the intended reading too,
so only the writer can say which is meant. Each is kept narrow enough to say nothing on No. 29 as
published (the broader forms tried and dropped are in docs/checks.md, *Warnings from review*).

- ``ambiguous-list``: 「烏克蘭、俄羅斯的侵略」 (meant: Ukraine, and Russia's aggression) also reads "the
  aggression of Ukraine and Russia", since 的 can bind both names of a two-item list.
- ``ambiguous-title``: 「烏克蘭與美國總統」 (meant: the two presidents) also reads "Ukraine and the U.S.
  president", with the country itself as a party.

The country names are CLDR's, as Babel ships them for zh_Hant_TW (two-letter territories and the EU),
each also with 臺 where CLDR writes 台 (臺灣, the foundation's form).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from babel import Locale
from babel.messages.catalog import Message

from diglot.checks.rules import WARNING, CheckedCatalog, chinese, pairs, rule
from diglot.sources import inline

_TITLES = ("總統", "副總統", "總理", "首相", "外長", "外交部長", "國防部長", "元首", "領導人", "領袖")


@functools.cache
def country_names() -> tuple[str, ...]:
    """Country names as Taiwan writes them (CLDR zh_Hant_TW, plus the 臺 forms), longest first."""
    territories = Locale.parse("zh_Hant_TW").territories
    names = {name for code, name in territories.items() if re.fullmatch(r"[A-Z]{2}", code) or code == "EU"}
    names |= {name.replace("台", "臺") for name in names}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    country = "|".join(map(re.escape, country_names()))
    # Two bare names and 的, the list not longer than two (a longer one, 南韓、日本、臺灣的, is read as a
    # list of three sharing 的).
    two_item_list = re.compile(rf"(?<!、)(?P<first>{country})、(?P<second>{country})的")
    titles = "|".join(sorted(_TITLES, key=len, reverse=True))
    title = re.compile(rf"(?P<first>{country})(?P<conj>[與和及跟])(?P<second>{country})(?P<title>{titles})")
    return two_item_list, title


@rule("ambiguous-list", WARNING, applies=chinese)
def ambiguous_list(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """No two-name list 「X、Y的Z」 whose 的 could bind X too."""
    two_item_list, _ = _patterns()
    for _, translation in pairs(message):
        for match in dict.fromkeys(m.group(0) for m in two_item_list.finditer(inline.prose(translation))):
            first, second = match[:-1].split("、")
            yield (f"「{match}…」 can read as the …of both {first} and {second}; if 的 belongs to {second} "
                   f"alone, give {first} its own noun (「{first}的處境、{second}的…」) or reorder; if to both, "
                   f"say so (「{first}與{second}雙方的…」)")


@rule("ambiguous-title", WARNING, applies=chinese)
def ambiguous_title(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """No 「<country>與<country>總統」, which can make the first country itself a party."""
    _, title = _patterns()
    for _, translation in pairs(message):
        for match in title.finditer(inline.prose(translation)):
            first, second, office = match.group("first", "second", "title")
            yield (f"「{match.group(0)}」 can read as {first} (the country) and the {second}{office}; "
                   f"name both offices (「{first}{office}與{second}{office}」) or both countries with their short "
                   f"names and 兩國 (烏美兩國總統)")
