r"""Babel's wrapping split (``babel.messages.pofile.WORD_SEP.split``), in time linear in the line.

Babel's pattern, ``\s+ | [^\s\w]*\w+[a-zA-Z]-(?=\w+[a-zA-Z]) | (?<=[\w!"'&.,?])-{2,}(?=\w)``, is tried by the
regex engine at every position of a word, and from each it runs to the word's end before failing: a
100,000-character word took a minute to wrap. :func:`split` finds the same separators from the runs of
word characters, punctuation and space measured once, so a POT is written byte for byte as Babel
writes it (the property tests compare the two on random text).
"""

from __future__ import annotations

import re

_RUNS = re.compile(r"(\s+)|(\w+)|([^\s\w]+)")
_LETTER = re.compile(r"[a-zA-Z]")
_BEFORE_DASHES = re.compile(r"[\w!\"'&.,?]")
SHORT = 200  # a line this short is split by Babel's own pattern: quick enough, and certainly the same


def split(line: str, short: int = SHORT) -> list[str]:
    """``WORD_SEP.split(line)``: the pieces between separators, each separator kept between them."""
    if len(line) <= short:
        from babel.messages.pofile import WORD_SEP

        return WORD_SEP.split(line)
    runs = _Runs(line)
    pieces: list[str] = []
    start = position = 0
    while position < len(line):
        end = runs.separator(position)
        if end is None:
            position += 1
            continue
        pieces += [line[start:position], line[position:end]]
        start = position = end
    pieces.append(line[start:])
    return pieces


class _Runs:
    """The runs of space, word characters and punctuation of a line, measured once: for each position its
    kind (0 space, 1 word, 2 punctuation) and the end of its run; for each word, whether a letter follows
    its first character."""

    def __init__(self, line: str):
        self.line = line
        self.kinds, self.ends = [0] * len(line), [0] * len(line)
        self.lettered: set[int] = set()  # the starts of words with a letter after their first character
        for match in _RUNS.finditer(line):
            kind = (match.lastindex or 1) - 1
            for index in range(match.start(), match.end()):
                self.kinds[index], self.ends[index] = kind, match.end()
            if kind == 1 and _LETTER.search(line, match.start() + 1, match.end()):
                self.lettered.add(match.start())

    def separator(self, at: int) -> int | None:
        """The end of the separator Babel's pattern matches at ``at``, its branches tried in order; None
        when none matches there."""
        if self.kinds[at] == 0:
            return self.ends[at]
        hyphenated = self._hyphenated(at)
        return hyphenated if hyphenated is not None else self._dashes(at)

    def _hyphenated(self, at: int) -> int | None:
        """``[^\\s\\w]*\\w+[a-zA-Z]-(?=\\w+[a-zA-Z])``: the word must run to a letter and a hyphen (a
        hyphen is no word character, so ``\\w+`` takes the whole run), and a word with a letter after its
        first character must follow."""
        line, kinds, ends = self.line, self.kinds, self.ends
        word = ends[at] if kinds[at] == 2 else at
        if word >= len(line) or kinds[word] != 1:
            return None
        hyphen = ends[word]
        if hyphen - word < 2 or not _LETTER.match(line, hyphen - 1) or not line.startswith("-", hyphen):
            return None
        return hyphen + 1 if hyphen + 1 in self.lettered else None

    def _dashes(self, at: int) -> int | None:
        """``(?<=[\\w!"'&.,?])-{2,}(?=\\w)``: every hyphen of the run (fewer leave a hyphen next, no word
        character), then a word; looked for only where the run starts, after one of those characters."""
        line = self.line
        if at == 0 or line[at] != "-" or not _BEFORE_DASHES.match(line, at - 1):
            return None
        end = at
        while end < len(line) and line[end] == "-":
            end += 1
        if end - at < 2 or end >= len(line) or self.kinds[end] != 1:
            return None
        return end
