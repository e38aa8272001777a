"""The translation memory: every translation the archive already has, offered to new and changed messages.

On ``diglot update`` each catalog is merged with GNU ``msgmerge --compendium``: a message that is new to
the catalog, or still untranslated there, takes the translation of the same text from any other catalog
of the same language pair (translated, as msgmerge does for an exact match), and a new message close to
one translated elsewhere takes that translation marked fuzzy, with the other text as its ``#|`` previous
msgid for the translator to compare.

The memory is made once per language pair and update: ``msgcat --use-first`` of every catalog of that
language whose domain is written in the same source language, then of the memories imported from TMX
(``translations/memory/<source>-<target>.po``, see :mod:`diglot.tmx`), so the archive's own translation
wins over an imported one. msgcat's ``--use-first`` takes only translated, non-fuzzy entries; msgattrib
then leaves out obsolete ones.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from diglot.catalogs import Domain, po_path
from diglot.config import Config, Language
from diglot.errors import DiglotError
from diglot.gettext_tools import require_tools, run_tool
from diglot.pofile import display_path, readable_bytes

Pair = tuple[Language, Language]  # (source, target)


def memory_path(config: Config, source: Language, target: Language) -> Path:
    """Where the memory imported for translating ``source`` into ``target`` is kept."""
    return config.translations_dir / "memory" / f"{source.code}-{target.code}.po"


def memory_files(config: Config, domains: Iterable[Domain], source: Language, target: Language) -> list[Path]:
    """The catalogs whose translations the memory for ``source`` → ``target`` is made of, archive first."""
    catalogs = sorted({po_path(config, target, d.name) for d in domains if d.source == source
                       and target in d.targets(config)})
    imported = memory_path(config, source, target)
    return [path for path in [*catalogs, imported] if path.is_file()]


def compendia(config: Config, domains: list[Domain], folder: Path) -> dict[Pair, Path]:
    """A compendium in ``folder`` for every language pair of ``domains`` that has any translation."""
    pairs = sorted({(d.source, t) for d in domains for t in d.targets(config)}, key=lambda p: (p[0].code, p[1].code))
    made = {}
    for source, target in pairs:
        files = memory_files(config, domains, source, target)
        compendium = build_compendium(config, files, folder / f"{source.code}-{target.code}.po") if files else None
        if compendium is not None:
            made[(source, target)] = compendium
    return made


def build_compendium(config: Config, files: list[Path], output: Path) -> Path | None:
    """The translated entries of ``files`` in one catalog at ``output``; None when there are none."""
    require_tools()
    for path in files:  # said plainly, with the line, before msgcat reads them
        readable_bytes(path, display_path(path, config.root))
    combined = output.with_suffix(".all.po")
    _msgcat(config, files, combined)
    run_tool(["msgattrib", "--no-obsolete", "--translated", "--no-fuzzy", "--output-file", str(output),
              str(combined)], combined)
    entries = output.read_bytes().split(b"\n\n", 1)[1:] if output.is_file() else []  # after the header
    return output if entries and re.search(rb"(?m)^msgid ", entries[0]) else None


def _msgcat(config: Config, files: list[Path], output: Path) -> None:
    """``msgcat --use-first``; its complaint names the catalog and line it is about."""
    result = subprocess.run(["msgcat", "--use-first", "--output-file", str(output), *map(str, files)],
                            capture_output=True, text=True)
    if result.returncode == 0:
        return
    first = result.stderr.strip().splitlines()[0] if result.stderr.strip() else "msgcat failed"
    where = re.match(r"(?:msgcat: )?(.+?):(\d+):", first)
    path = display_path(Path(where.group(1)), config.root) if where else None
    raise DiglotError(path, int(where.group(2)) if where else None, f"invalid PO syntax: {first}",
                      "fix the entry or take the file back from git")
