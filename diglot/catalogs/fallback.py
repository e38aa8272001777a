"""A message an edition shows in its source language, and why: what builds record and report.

Its own module, free of the translation machinery, so that a build with nothing to do can report the
fallbacks of the last one without importing that machinery (diglot.outputs.stamp).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fallback:
    """A message shown in its source language: the catalog, the entry's line there, and why."""

    catalog: Path
    line: int | None  # None when the catalog lacks the message: it needs ``diglot update``
    msgid: str
    # "untranslated", "fuzzy", "missing", "unsafe" (withheld: see diglot.sources.safety), or "outdated" (fuzzy, shown)
    state: str
    context: str | None = None
    reason: str = ""  # why an unsafe translation was withheld
    rule: str = ""  # the check rule that withholds it: html, links, images, emphasis or placeholders
