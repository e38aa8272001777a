"""GNU ``msgmerge --previous``, run with less work and the very same output.

Nearly all of msgmerge's time goes to its fuzzy search, and nearly all of that to the messages that end
up with no match at all: for a new paragraph, msgmerge must measure it against every translated message
of the catalog (``fstrcmp``, the share of characters two strings have in common, in order) to find that
none reaches its threshold, 0.6; a changed paragraph finds its old self among the first candidates, and
the search soon ends. On a 2,000-message catalog with 10 % revised, 34 new paragraphs cost 95 % of the
merge.

So before msgmerge runs, every message of the POT that has no exact match is measured against
every message msgmerge could match it with (the catalog's, live and obsolete, and the memory's), with
the same measure, computed exactly and far quicker (rapidfuzz's Indel similarity over the bytes, which
is ``fstrcmp``'s). A message whose best score is below the threshold, by a margin, cannot be matched by
msgmerge: it is left out of the POT msgmerge merges, and written untranslated by a second
msgmerge that has nothing to search (``--no-fuzzy-matching``, the catalog's header alone), then put
back in the POT's order. Nothing else changes: msgmerge decides every match, carries every
translation, writes every entry and the obsolete ones. A layout this does not expect sends the catalog
through the plain msgmerge call instead.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from diglot.catalogs.gettext_tools import finish, start
from diglot.catalogs.pofile import entry_keys

THRESHOLD = 0.6  # msgmerge's FUZZY_THRESHOLD: a fuzzy match must score above it
_PROVEN_BELOW = THRESHOLD - 0.01  # a margin far beyond msgmerge's context bonus and rounding

Key = tuple[str | None, str]
# Escapes Babel's reading (diglot.catalogs.pofile.entry_keys) does not undo as GNU gettext does; diglot's
# POTs and the catalogs msgmerge writes hold none but in the rarest text.
_RARE_ESCAPE = re.compile(rb'\\[^\\trn"]')


@dataclass
class Merge:
    """A ``msgmerge --previous`` under way, writing ``output``: one process, or two and an assembly."""

    output: Path
    processes: list[subprocess.Popen[str]]
    command: list[str]
    order: list[Key] | None = None  # the POT's keys, when split
    unmatched: frozenset[Key] = frozenset()

    def kill(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()

    def finish(self, subject: Path) -> None:
        """Wait for msgmerge; a complaint becomes bad input about ``subject``. Then assemble its output."""
        for process in self.processes:
            finish(process, subject)
        if self.order is None:
            return
        merged = _assembled(self.output.with_name("matched.po").read_bytes(),
                            self.output.with_name("unmatched.po").read_bytes(), self.order, self.unmatched)
        if merged is None:  # not the layout expected: the plain call, whose output is the reference
            finish(start(self.command), subject)
        else:
            self.output.write_bytes(merged)


def start_merge(existing: Path, pot: Path, output: Path, compendium: Path | None = None) -> Merge:
    """Start ``msgmerge --previous [--compendium] existing POT`` writing ``output``, sparing it
    the fuzzy search of every message that cannot have a match."""
    memory = ["--compendium", str(compendium)] if compendium else []
    command = ["msgmerge", "--quiet", "--previous", *memory, "--output-file", str(output),
               str(existing), str(pot)]
    plan = _plan(existing.read_bytes(), pot.read_bytes(), compendium.read_bytes() if compendium else b"")
    if plan is None:
        return Merge(output, [start(command)], command)
    header, matched, unmatched, order, keys = plan
    folder = output.parent
    (folder / "matched.pot").write_bytes(matched)
    (folder / "unmatched.pot").write_bytes(unmatched)
    (folder / "header.po").write_bytes(header)
    # --force-po: either part may hold no message but the header, which msgmerge would otherwise not write.
    processes = [
        start(["msgmerge", "--quiet", "--previous", "--force-po", *memory, "--output-file",
               str(folder / "matched.po"), str(existing), str(folder / "matched.pot")]),
        start(["msgmerge", "--quiet", "--previous", "--force-po", "--no-fuzzy-matching", "--output-file",
               str(folder / "unmatched.po"), str(folder / "header.po"), str(folder / "unmatched.pot")])]
    return Merge(output, processes, command, order, keys)


def _plan(existing: bytes, pot: bytes, compendium: bytes) -> tuple[bytes, bytes, bytes, list[Key],
                                                                        frozenset[Key]] | None:
    """The catalog's header, the POT without the messages no fuzzy match can reach, a POT of
    those alone, the POT's keys in order and the keys left out; None when there is nothing to spare."""
    if any(_RARE_ESCAPE.search(data) for data in (existing, pot, compendium)):
        return None  # a msgid read here would not be the bytes msgmerge compares
    try:
        entries = _entries(pot)
        header = _entries(existing.split(b"\n\n", 1)[0] + b"\n")
        definitions = [existing.decode("utf-8"), compendium.decode("utf-8")]
    except (UnicodeDecodeError, ValueError):
        return None
    order = [key for key, _ in entries if key is not None]
    if header[0][0] != (None, "") or order[:1] != [(None, "")] or len(set(order)) != len(entries):
        return None
    unmatched = unmatchable(order[1:], definitions)
    if not unmatched:
        return None
    matched = b"\n\n".join(block for key, block in entries if key not in unmatched) + b"\n"
    alone = b"\n\n".join([entries[0][1], *(block for key, block in entries if key in unmatched)]) + b"\n"
    return header[0][1] + b"\n", matched, alone, order, frozenset(unmatched)


def unmatchable(keys: list[Key], catalogs: list[str]) -> set[Key]:
    """The ``keys`` (msgctxt, msgid) for which msgmerge, merging with ``catalogs`` (the PO text of the
    catalog and of the memory), finds neither an exact nor a fuzzy match: every msgid they hold, live or
    obsolete, scores below the threshold against them (a superset of msgmerge's candidates)."""
    from rapidfuzz import process  # only an update with messages to match pays for its import
    from rapidfuzz.distance import Indel  # lazy: as above

    known: set[Key] = set()
    for text in catalogs:
        known |= entry_keys(text, "") | entry_keys(text, "#~ ")
    choices = list(dict.fromkeys(msgid.encode("utf-8") for _, msgid in known))
    found = set()
    for key in keys:
        if key in known:
            continue
        best = process.extractOne(key[1].encode("utf-8"), choices, scorer=Indel.normalized_similarity,
                                  score_cutoff=_PROVEN_BELOW)
        if best is None:
            found.add(key)
    return found


def _assembled(matched: bytes, unmatched: bytes, order: list[Key], left_out: frozenset[Key]) -> bytes | None:
    """The two outputs as one catalog in the POT's order, the obsolete entries last, as one msgmerge
    writes it; None when either is not laid out as expected."""
    try:
        ours, theirs = _entries(matched), _entries(unmatched)
    except (ValueError, UnicodeDecodeError):
        return None
    live = [(key, block) for key, block in ours if key is not None]
    obsolete = [block for key, block in ours[len(live):] if key is None]
    alone = [(key, block) for key, block in theirs[1:] if key is not None]
    if [key for key, _ in live] != [key for key in order if key not in left_out] or \
            [key for key, _ in alone] != [key for key in order if key in left_out] or \
            len(live) + len(obsolete) != len(ours) or len(alone) + 1 != len(theirs):
        return None
    taken = dict([*live, *alone])
    return b"\n\n".join([*(taken[key] for key in order), *obsolete]) + b"\n"


def _entries(po: bytes) -> list[tuple[Key | None, bytes]]:
    """The entries of PO bytes laid out as GNU gettext lays them out, one blank line between entries: each
    live one with its key, each obsolete one with None. ValueError for anything else."""
    blocks = po[:-1].split(b"\n\n") if po.endswith(b"\n") else []
    if not blocks or b"\n\n".join(blocks) + b"\n" != po:
        raise ValueError("not one blank line between entries")
    found: list[tuple[Key | None, bytes]] = []
    for block in blocks:
        text = block.decode("utf-8")
        live = entry_keys(text, "")
        if len(live) > 1 or (not live and not entry_keys(text, "#~ ")):
            raise ValueError("not one entry")
        found.append((next(iter(live)) if live else None, block))
    return found
