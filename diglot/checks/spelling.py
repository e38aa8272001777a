"""The editor's spelling check of the sources (``diglot spell``): it reports, and never changes the text.

English sources are checked word by word against a Hunspell dictionary through Enchant (pyenchant): US
English unless ``[tool.diglot] spelling-dictionary = "en_GB"`` says British (``centre``, ``organise``), less
the words the project accepts: ``source/spelling.txt`` (one word a line, ``#`` comments) and the source
terms of the translators' glossaries. Code spans, link targets, raw HTML and footnote marks are no words.

One slip a dictionary cannot see: a name in the plural where the possessive was meant ("Trumps
approaches" for "Trump’s approaches": *trumps* is an English word). A capitalised entry of the word list
is a name; the name with an ``s`` before a word that is neither a verb nor a function word (the Bidens
were…) is flagged. List a surname there even when the dictionary knows it as a word (Trump).

Chinese sources are checked for what a Taiwanese editor would call misspelt: a character outside
Big5-HKSCS (a simplified or stray form) and mainland usage (diglot's list of mainland terms).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diglot.catalogs.glossary import glossaries
from diglot.checks import WARNING, Finding
from diglot.checks.terms import mainland_terms
from diglot.checks.typography import in_big5
from diglot.config import Config
from diglot.errors import DiglotError
from diglot.files import boundary
from diglot.sources.documents import Document, read_documents
from diglot.sources.inline import prose
from diglot.sources.segments import Segment, segment_document

WORD_LIST = Path("source") / "spelling.txt"
RULE = "spelling"

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
# After a plural name, these begin a clause rather than name what the person has.
_NOT_A_NOUN = frozenset((
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as",
    "than", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being", "have",
    "has", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "not", "also", "still"))


@dataclass(frozen=True)
class Accepted:
    """The words the project accepts beyond the dictionary, and the names among them."""

    words: frozenset[str]
    names: frozenset[str]

    def knows(self, word: str) -> bool:
        return word in self.words or word.lower() in self.words


def check_spelling(config: Config) -> list[Finding]:
    """Every spelling warning in the project's sources, by file and line."""
    accepted = accepted_words(config)
    findings: list[Finding] = []
    for doc in read_documents(config):
        segments = segment_document(doc)
        if doc.lang.startswith("zh"):
            findings += [f for segment in segments for f in _chinese(doc, segment)]
        else:
            checker = _dictionary(config, doc)
            findings += [f for segment in segments for f in _english(doc, segment, checker, accepted)]
    return sorted(findings, key=lambda f: (str(f.path), f.line, f.message))


def accepted_words(config: Config) -> Accepted:
    """The word list's words and names, and every word of the glossaries' source terms."""
    path = config.root / WORD_LIST
    listed: list[str] = []
    if path.is_file():
        try:
            text = boundary.read_bytes(path).decode("utf-8")
        except UnicodeDecodeError:
            raise DiglotError(WORD_LIST, None, "not UTF-8 text", "save the word list as UTF-8") from None
        listed = [line.split("#", 1)[0].strip() for line in text.splitlines()]
        listed = [word for word in listed if word]
    terms = [word for glossary in glossaries(config) for term in glossary.terms
             for word in _WORD.findall(term.source)]
    names = frozenset(word for word in listed if word[:1].isupper() and not word.isupper())
    return Accepted(frozenset(listed) | frozenset(terms), names)


def _dictionary(config: Config, doc: Document) -> Any:
    """The Enchant dictionary for ``doc``'s language (for English, the house's ``spelling-dictionary``);
    bad input when Enchant or the dictionary is missing."""
    tag = config.spelling_dictionary if doc.lang.split("_")[0] == "en" else doc.lang
    try:
        import enchant  # here: only diglot spell loads libenchant
    except ImportError as error:
        raise DiglotError(None, None, f"Enchant cannot be loaded ({error})",
                          "install it: apt-get install libenchant-2-2 hunspell-en-us, or run scripts/build") from None
    if not enchant.dict_exists(tag):
        package = "hunspell-" + tag.lower().replace("_", "-")
        raise DiglotError(doc.path, None, f"no {tag} spelling dictionary is installed",
                          f"install it: apt-get install {package}, or run scripts/build")
    return enchant.Dict(tag)


def _english(doc: Document, segment: Segment, checker: Any, accepted: Accepted) -> Iterator[Finding]:
    text = segment.text
    words = list(_WORD.finditer(prose(text)))
    cursor = 0
    for index, match in enumerate(words):
        word = match.group(0)
        position = _find(text, word, cursor)
        cursor = position + len(word) if position >= 0 else cursor
        line = (segment.line or 1) + text[: max(position, 0)].count("\n")
        following = words[index + 1].group(0) if index + 1 < len(words) else ""
        problem = _plural_name(word, following, text, position, accepted) or _unknown(word, checker, accepted)
        if problem:
            yield Finding(doc.path, line, problem, RULE, WARNING)


def _unknown(word: str, checker: Any, accepted: Accepted) -> str | None:
    """Why ``word`` looks misspelt, or None: the dictionary or the project knows it."""
    plain = re.sub(r"['’]s$", "", word).replace("’", "'")
    if accepted.knows(plain) or accepted.knows(word) or checker.check(plain):
        return None
    suggestions = [s for s in checker.suggest(plain)[:3] if s != plain]
    hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
    return (f"{word!r} is not in the dictionary{hint}; correct it, or add it to {WORD_LIST.as_posix()} "
            "if it is right")


def _plural_name(word: str, following: str, text: str, position: int, accepted: Accepted) -> str | None:
    """A name with a plain ``s`` before a noun: the possessive's apostrophe is missing."""
    stem = word[:-1]
    if not word.endswith("s") or stem not in accepted.names or word in accepted.names:
        return None
    rest = text[position + len(word):] if position >= 0 else ""
    # Directly before the word, with nothing between: "Trumps’ house" and "Trumps, however" are no slip.
    if not re.match(rf"\s+{re.escape(following)}\b", rest) or not following.islower() \
            or following in _NOT_A_NOUN:
        return None
    return (f"{word!r} before {following!r}: {stem} is a name, so this reads as a plural where the possessive "
            f"is meant; write {stem}’s {following}, or add {word} to {WORD_LIST.as_posix()} if it is right")


def _find(text: str, word: str, start: int) -> int:
    match = re.compile(rf"(?<![\w’']){re.escape(word)}(?![\w])").search(text, start)
    return match.start() if match else -1


def _chinese(doc: Document, segment: Segment) -> Iterator[Finding]:
    """Characters outside Big5-HKSCS and mainland usage in a Chinese source's segment."""
    text = segment.text
    for char in dict.fromkeys(text):
        if not char.isascii() and not in_big5(char):
            line = (segment.line or 1) + text[: text.index(char)].count("\n")
            yield Finding(doc.path, line, f"{char!r} (U+{ord(char):04X}) is not in Big5-HKSCS: a simplified or "
                          "stray character; use the traditional one", RULE, WARNING)
    for term in mainland_terms():
        if term.occurs_in(text):
            line = (segment.line or 1) + text[: text.find(term.term)].count("\n")
            yield Finding(doc.path, line, f"{term.term!r} is mainland usage; Taiwan writes {term.taiwan!r}",
                          RULE, WARNING)
