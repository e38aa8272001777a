"""A synthetic archive for the benchmark: N articles in English with complete pseudo-Chinese translations.

Articles look like the foundation's: front matter with every field, headings, paragraphs with inline
Markdown, a list, a quotation, a footnote; one to three A4 pages each. The translations are pseudo-Chinese
(each word a Han character or two, full-width punctuation), so that the Chinese PDFs cost what real ones
cost: CJK shaping, line breaking and font subsetting. Everything is generated from a seed: the same
arguments give the same archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import re
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po, write_po

WORDS = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her", "she", "there", "been", "one", "all", "we", "their", "has", "would", "when", "if", "more", "no", "out", "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years", "where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how", "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take", "three", "states", "himself", "few", "house", "use", "during", "without", "again", "place", "american", "around", "however", "home", "small", "found", "thought", "went", "say", "part", "once", "general", "high", "upon", "school", "every", "does", "got", "united", "left", "number", "course", "war", "until", "always", "away", "something", "fact", "though", "water", "less", "public", "put", "think", "almost", "hand", "enough", "far", "took", "head", "yet", "government", "system", "better", "set", "told", "nothing", "night", "end", "why", "called", "didn", "find", "going", "look", "asked", "later", "knew", "point", "next", "program", "city", "business", "give", "group", "toward", "young", "days", "let", "room", "president", "side", "social", "given", "present", "several", "order", "national", "possible", "rather", "second", "face", "per", "among", "form", "important", "often", "things", "looked", "early", "white", "case", "john", "become", "large", "big", "need", "four", "within", "felt", "along", "children", "saw", "best", "church", "ever", "least", "power", "development", "light", "thought", "family", "interest", "want", "members", "mind", "country", "area", "others", "done", "turned", "although", "open", "problem", "god", "services", "certain", "kind", "different", "thing", "began", "door", "help", "sense", "whole", "matter", "perhaps", "itself", "york", "times", "law", "human", "line", "above", "name", "example", "action", "company", "hands", "local", "show", "whether", "five", "history", "gave", "today", "either", "act", "feet", "across", "taken", "past", "quite", "anything", "seen", "having", "death", "week", "experience", "body", "word", "half", "really", "field", "am", "car", "words", "already", "themselves", "information", "tell", "together", "college", "shall", "money", "period", "held", "keep", "sure", "free", "seems", "real", "behind", "cannot", "miss", "political", "air", "question", "making", "office", "brought", "whose", "special", "heard", "major", "problems", "ago", "became", "federal", "moment", "study", "available", "known", "result", "street", "economic", "boy", "position", "reason", "change", "south", "board", "individual", "job", "areas", "society", "west", "close", "turn", "love", "community", "true", "court", "force", "full", "seem", "policy"]  # noqa: E501

HAN = ("的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後"
       "小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民"
       "樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打"
       "便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才"
       "場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界"
       "及今京務制解各任至清物臺象記邊共風戰干接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結")
PUNCTUATION = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Markdown and placeholders stay as they are in a translation: code, link targets, python-format, emphasis.
_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|%(?:\(\w+\))?[sd]|\[\^\w+\]|\*\*|\*)")
_WORD = re.compile(r"[A-Za-z0-9’'-]+")

PYPROJECT = """\
[tool.diglot]
name = "Prospect Foundation"
series = "Prospects & Perspectives"
base-url = "https://www.pf.org.tw/"
languages = ["en", "zh_Hant"]
"""

NOTE = """\
---
lang: zh_Hant
---

**編按：**本文僅代表作者個人觀點，不代表遠景基金會之政策及立場。
"""


def pseudo_chinese(msgid: str) -> str:
    """A stand-in translation: each word one or two Han characters, punctuation full-width, syntax kept."""
    return "".join(part if i % 2 else _hanzi(part) for i, part in enumerate(_KEEP.split(msgid)))


def _hanzi(text: str) -> str:
    def word(match: re.Match) -> str:
        n = int.from_bytes(hashlib.blake2b(match.group(0).lower().encode(), digest_size=4).digest(), "big")
        return HAN[n % len(HAN)] + (HAN[(n >> 9) % len(HAN)] if n % 3 else "")

    text = _WORD.sub(word, text)
    text = "".join(PUNCTUATION.get(ch, ch) for ch in text)
    return re.sub(r"(?<=[^\x00-\x7f]) +|(?<=\S) +(?=[^\x00-\x7f])", "", text)


def pseudo_english(msgid: str) -> str:
    """The foundation note's stand-in English."""
    return "**Editor’s note:** The views expressed are the author’s own."


class Writer:
    """Random but reproducible English prose."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self) -> str:
        text = self.words(8, 22)
        if self.rng.random() < 0.25:
            text += f", {self.words(3, 8)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(low, high))]
        if self.rng.random() < 0.4:
            i = self.rng.randrange(len(sentences))
            sentences[i] = f"**{sentences[i][:-1]}**."
        if self.rng.random() < 0.3:
            sentences.append(f"See [{self.words(2, 4)}](https://example.org/{self.rng.randint(1, 999)}).")
        return " ".join(sentences)

    def title(self) -> str:
        return self.words(4, 8).title()


def article(number: int, date: dt.date, size: int) -> str:
    """Article ``number``: ``size`` sections of a heading and some paragraphs, a list, a quotation."""
    w = Writer(number)
    front = (f'---\ntitle: "{w.title()}"\nsubtitle: "{w.title()}"\nauthor:\n  name: "{w.title()[:30]}"\n'
             f'  bio: "{w.sentence()}"\ndate: {date.isoformat()}\nseries: Prospects & Perspectives\n'
             f'number: {number}\nsummary: "{w.sentence()} {w.sentence()}"\n'
             f'tags: ["{w.words(1, 1)}", "{w.words(1, 1)}"]\n---\n\n')
    blocks = [w.paragraph()]
    for section in range(size):
        blocks.append(f"## {w.title()}")
        blocks += [w.paragraph() for _ in range(w.rng.randint(2, 4))]
        if section == 0:
            blocks.append("\n".join(f"1. **{w.words(2, 3)}.** {w.sentence()}" for _ in range(3)))
        if section == 1:
            blocks.append(f"> {w.paragraph(2, 3)}")
    blocks[-1] += "[^1]"
    blocks.append(f"[^1]: {w.sentence()}")
    return front + "\n\n".join(blocks) + "\n"


def write_archive(root: Path, articles: int, diglot: Path, sections: tuple[int, int] = (1, 3)) -> None:
    """A project in ``root`` with ``articles`` articles, catalogs made by ``diglot update``, then translated."""
    (root / "source/articles").mkdir(parents=True)
    (root / "source/foundation").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "source/foundation/editorial-note.md").write_text(NOTE, encoding="utf-8")
    rng = random.Random(0)
    for n in range(1, articles + 1):
        date = dt.date(2020, 1, 1) + dt.timedelta(days=7 * n)
        text = article(n, date, rng.randint(*sections))
        (root / f"source/articles/paper-{n:04d}.md").write_text(text, encoding="utf-8")
    translate_all(root, diglot)


def translate_all(root: Path, diglot: Path) -> None:
    """Bring every catalog up to date with ``diglot update``, then fill every message."""
    subprocess.run([str(diglot), "--project", str(root), "update"], check=True, capture_output=True)
    for path in sorted(root.glob("translations/*/LC_MESSAGES/*.po")):
        translate = pseudo_english if path.parts[-3] == "en" else pseudo_chinese
        catalog = read_po(path.open("rb"))
        for message in catalog:
            if message.id and not message.string:
                message.string = translate(message.id)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=79)
        path.write_bytes(buffer.getvalue())


def long_article(messages: int, seed: int = 1) -> str:
    """One article of about ``messages`` messages, for the catalog-update benchmark."""
    w = Writer(seed)
    front = (f'---\ntitle: "{w.title()}"\nauthor:\n  name: "{w.title()[:30]}"\ndate: 2024-01-04\n'
             f'series: Prospects & Perspectives\nnumber: 1\nsummary: "{w.sentence()}"\n---\n\n')
    blocks = []
    for i in range(messages - 4):
        blocks.append(f"## {w.title()}" if i % 20 == 0 else w.paragraph(1, 3))
    return front + "\n\n".join(blocks) + "\n"


def revise(text: str, share: float, seed: int = 2) -> str:
    """``text`` as an editor revises it: a share of its paragraphs reworded, a few removed, a few added."""
    rng, w = random.Random(seed), Writer(seed)
    head, _, body = text.partition("\n---\n\n")
    blocks = []
    for block in body.split("\n\n"):
        roll = rng.random()
        if block.startswith("#") or roll > share:
            blocks.append(block)
        elif roll < share * 0.6:
            blocks.append(block.replace(" the ", " a ", 1) if " the " in block else block + " Indeed.")
        elif roll < share * 0.8:
            continue
        else:
            blocks += [block, w.paragraph(1, 3)]
    return head + "\n---\n\n" + "\n\n".join(blocks)
