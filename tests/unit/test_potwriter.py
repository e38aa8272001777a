"""Templates written by diglot.catalogs.potwriter are byte for byte what Babel writes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from diglot.catalogs.pofile import StableCatalog, catalog_bytes
from diglot.catalogs.potwriter import pot_bytes

WHEN = dt.datetime(2025, 5, 29, tzinfo=dt.UTC)
_PIECES = st.sampled_from([*"ab cd-—\"\\\t\n\r’「」%()s.,!?\x0b\u2028", "word ", "long-winded ", "  ", "x" * 80])
_TEXT = st.lists(_PIECES, min_size=1, max_size=80).map("".join)


@given(st.lists(st.tuples(_TEXT, st.sampled_from(["paragraph", "heading", "list item"]),
                          st.one_of(st.none(), st.integers(1, 9999)), st.booleans()), max_size=12),
       st.lists(st.tuples(_TEXT, _TEXT), max_size=2))
def test_template_bytes_are_babels(messages, plurals):
    catalog = StableCatalog(domain="d", project="P", version="d", copyright_holder="F", creation_date=WHEN,
                            revision_date=WHEN, charset="utf-8", header_comment="# A header.\n#")
    for text, kind, line, with_context in messages:
        catalog.add(text, locations=[("source/articles/a b.md" if with_context else "x.md", line)],
                    auto_comments=[kind, text[:90]], context=kind if with_context else None)
    for singular, plural in plurals:
        catalog.add((singular, plural), locations=[("diglot/templates/t.html", 3)])
    assert pot_bytes(catalog) == catalog_bytes(catalog)
