"""The wrapping split of POTs: the same pieces as Babel's pattern, in time linear in the line."""

from __future__ import annotations

from babel.messages.pofile import WORD_SEP
from hypothesis import given, settings
from hypothesis import strategies as st

from diglot.catalogs.potwriter import normalize
from diglot.sources import wordsep

# Characters each branch of Babel's pattern treats apart: space, ASCII letters, other word characters,
# the hyphen, the punctuation its dash branch looks behind for, and other punctuation.
ALPHABET = st.sampled_from(list(" \t\naZé1_-!.,?'\"&;)(—"))


@settings(max_examples=3000)
@given(st.text(ALPHABET, max_size=40))
def test_the_split_is_babels(line):
    assert wordsep.split(line, short=0) == WORD_SEP.split(line)


def test_hand_picked_lines_split_as_babel_splits_them():
    lines = ["well-known--really", "a!bc-de", "ab-!cd-ef", "x---y", "--ab-cd", "ab-1c", "ab-c1", "a-b",
             "Éé-ab", "U.S.-led", "ab- cd", "ab-\ncd", "a--", "!--a", "ab--cd-ef gh"]
    for line in lines:
        assert wordsep.split(line, short=0) == WORD_SEP.split(line), line


def test_a_long_word_is_wrapped_as_babel_wraps_it():
    """Past the length where Babel's own pattern is used, the wrapped msgid is the same."""
    for word in ("a" * 500, "a" * 300 + "-" + "b" * 300, "x-" * 200, "ab" + "-" * 300 + "cd", "!" * 400 + "a"):
        line = f"Before {word} after, and a hyphen-ated tail " * 3
        assert wordsep.split(line) == WORD_SEP.split(line)
        assert normalize(line)  # written without error


def test_the_split_of_a_long_word_takes_linear_steps(monkeypatch):
    """Each position of the line is looked at a bounded number of times (Babel's pattern runs to the
    word's end from each): the separator test is called once per position, whatever the word's length."""
    calls = []
    real = wordsep._Runs.separator

    def counted(self, at):
        calls.append(at)
        return real(self, at)

    monkeypatch.setattr(wordsep._Runs, "separator", counted)
    for length in (1_000, 100_000):
        calls.clear()
        assert wordsep.split("a" * length + "-" + "1" * length) == ["a" * length + "-" + "1" * length]
        assert len(calls) == 2 * length + 1
