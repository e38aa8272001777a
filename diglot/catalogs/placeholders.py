"""Python %-placeholders in the site catalog, read strictly: a translation may use exactly the msgid's.

Jinja2's ``_()`` formats every site text with ``%`` (``"No. %(number)s" % {"number": 29}``), and the
footnote extension formats its backlink title's ``%d``. So in the site catalog a ``%`` always starts a
placeholder: ``%%`` is a literal percent sign, ``%(name)s`` a named value, ``%d`` a positional one. A
translation must keep the msgid's placeholders (names and types; positional ones in order) and add no
width, precision, flag or placeholder of its own: anything else would crash a build or show values the
text was never meant to show. ``check``, ``receive`` and the build all ask :func:`problems`.
"""

from __future__ import annotations

import re
from collections import Counter

# One % directive: %%, or %(name)X / %X with optional flags, width and precision (refused, but read).
_DIRECTIVE = re.compile(r"%(?:%|(?:\((?P<name>[^()]*)\))?(?P<spec>[-#0+ ]*(?:\d+|\*)?(?:\.(?:\d+|\*))?)"
                        r"(?P<type>[a-zA-Z]?))")
_TYPES = "sd"  # what the templates and the footnote extension format


class Placeholders:
    """The placeholders of one text, or why it has none that work."""

    def __init__(self, text: str):
        self.named: Counter[tuple[str, str]] = Counter()
        self.positional: list[str] = []
        self.errors: list[str] = []
        for match in _DIRECTIVE.finditer(text):
            if match.group(0) != "%%":
                self._read(match)

    def _read(self, match: re.Match[str]) -> None:
        written, name, kind = match.group(0), match.group("name"), match.group("type")
        if match.group("spec"):
            self.errors.append(f"{written!r} has a width, precision or flag; write {_plain(name, kind)}")
        elif kind not in _TYPES or not kind:
            self.errors.append(f"{written!r} is not a placeholder; write %% for a percent sign")
        elif name is not None and not name.isidentifier():
            self.errors.append(f"{written!r} has no valid name; write %(name)s")
        elif name is not None:
            self.named[(name, kind)] += 1
        else:
            self.positional.append(kind)
        if (name is not None and self.positional) or (name is None and self.named):
            self.errors.append("named and positional placeholders are mixed; use the msgid's")


def problems(msgid: str, translation: str) -> list[str]:
    """What is wrong with the placeholders of ``translation``, measured against ``msgid``'s."""
    source, target = Placeholders(msgid), Placeholders(translation)
    found = list(dict.fromkeys(target.errors))
    if found:
        return found
    for name, kind in source.named - target.named:
        found.append(f"%({name}){kind} of the source is missing from the translation; keep it unchanged")
    for name, kind in target.named - source.named:
        found.append(f"%({name}){kind} is not in the source; use the source's placeholders exactly")
    if source.positional != target.positional:
        want = " ".join(f"%{kind}" for kind in source.positional) or "none"
        found.append(f"the positional placeholders must be the source's, in order: {want}")
    if ("{{" in translation and "{{" not in msgid) or ("{%" in translation and "{%" not in msgid):
        found.append("template syntax ({{ or {%) is not in the source; remove it")
    return found


def _plain(name: str | None, kind: str) -> str:
    return f"%({name}){kind or 's'}" if name is not None else f"%{kind or 's'}"
