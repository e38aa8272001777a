"""Writing-system rules for Traditional Chinese (Taiwan): Big5 characters and full-width punctuation.

A character outside Big5-HKSCS in a zh_Hant text is nearly always a simplified character or a symbol
pasted from elsewhere (the Japanese middle dot ・ for the interpunct ·, say). Chinese text takes
full-width punctuation; a half-width comma between two Han characters is a slip of the input method.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from babel.messages.catalog import Message

from diglot.checks.rules import CheckedCatalog, chinese, pairs, rule
from diglot.sources import inline

# Han, CJK symbols and punctuation (「」、。), Bopomofo and the full-width forms (，：（）).
_CJK = r"[\u3000-\u303f\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]"
# Half-width punctuation between two CJK characters; spaces or emphasis markers may stand around it.
_HALF_WIDTH = re.compile(rf"({_CJK})([ \t*_]*)([,.:;?!()])([ \t*_]*)(?={_CJK})")
FULL_WIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def in_big5(char: str) -> bool:
    """True when ``char`` has a Big5 code: in Big5-HKSCS, or in CP950, Windows' reading of the same
    bytes (it maps 0xA145 to ‧ U+2027, the hyphenation point Taiwanese input methods type)."""
    for codec in ("big5hkscs", "cp950"):
        try:
            char.encode(codec)
            return True
        except UnicodeEncodeError:
            pass
    return False


@rule("big5", applies=chinese)
def big5(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """Every character of the translation has a Big5-HKSCS code."""
    for _, translation in pairs(message):
        for char in dict.fromkeys(translation):
            if not char.isascii() and not in_big5(char):
                name = unicodedata.name(char, "unnamed character")
                yield (f"{char!r} (U+{ord(char):04X} {name}) is not in Big5-HKSCS: likely a simplified "
                       f"character or a stray symbol; use the traditional character or a Big5 one")


@rule("punctuation", applies=chinese)
def punctuation(message: Message, context: CheckedCatalog) -> Iterator[str]:
    """No half-width , . : ; ? ! ( ) between two Chinese characters."""
    for _, translation in pairs(message):
        text = inline.prose(translation)
        found = {text[m.start():m.end() + 1]: m.group(3) for m in _HALF_WIDTH.finditer(text)}
        for excerpt, mark in found.items():
            yield (f"half-width {mark!r} in {excerpt!r} between Chinese characters; "
                   f"write the full-width {FULL_WIDTH[mark]!r}")
