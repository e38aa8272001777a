"""Links and images read from inline Markdown in time linear in the text: the parenthesis closing each link's
target is found in one pass (:func:`diglot.sources.inline.closing_parens`), as a scan from each opening finds it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diglot.sources import inline


def _closing_from(text: str, start: int) -> int | None:
    """The scan from one opening parenthesis, as Python-Markdown balances them: the oracle."""
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
        index += 1
    return None


@settings(max_examples=2000)
@given(st.text(st.sampled_from(list("()[]!\\a ")), max_size=40))
def test_one_pass_closes_what_a_scan_from_each_opening_closes(text):
    closings = inline.closing_parens(text)
    for start in (i for i, char in enumerate(text) if char == "(" and i and text[i - 1] == "]"):
        assert closings.get(start) == _closing_from(text, start), (text, start)


def test_links_in_a_paragraph_of_unclosed_targets_are_read_in_linear_steps(monkeypatch):
    """Each character is looked at a bounded number of times, however many unclosed ``[a](`` there are
    (a scan from each looked at the rest of the paragraph: 5,000 of them took minutes)."""
    looked = 0
    real = inline.closing_parens

    def counted(text):
        nonlocal looked
        looked += len(text)
        return real(text)

    monkeypatch.setattr(inline, "closing_parens", counted)
    text = "![a](" * 20_000 + "![b](target.png)"
    assert [link.target for link in inline.links(text)] == ["target.png"]
    assert looked <= 2 * len(text)
    assert inline.image_targets(text) == [("target.png", len(text) - len("(target.png)"))]
