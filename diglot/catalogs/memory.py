"""The translation memory: every translation the archive already has, offered to new and changed messages.

On ``diglot update`` each catalog is merged with GNU ``msgmerge --compendium``: a message that is new to
the catalog, or still untranslated there, takes the translation of the same text from any other catalog
of the same language pair (translated, as msgmerge does for an exact match), and a new message close to
one translated elsewhere takes that translation marked fuzzy, with the other text as its ``#|`` previous
msgid for the translator to compare.

A catalog is given a memory only when it can use one: it is new, or the POT has a message it lacks,
or it has an untranslated or fuzzy entry. Most catalogs of an archive have none, and a msgmerge that
reads the whole archive's translations for nothing would make every update slower as the archive grows.
The memory is then made for that catalog: ``msgcat --use-first`` of every other catalog of that language
whose domain is written in the same source language, then of the memories imported from TMX
(``translations/memory/<source>-<target>.po``, see :mod:`diglot.exchange.tmx`), so the archive's own translation
wins over an imported one. msgcat's ``--use-first`` takes only translated, non-fuzzy entries; msgattrib
then leaves out obsolete ones. The catalog itself is left out: msgmerge already reads it.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from diglot.catalogs.domains import Domain, merged_catalog, po_path
from diglot.catalogs.gettext_tools import require_tools, run_tool
from diglot.catalogs.pofile import display_path, entry_keys, readable_bytes
from diglot.catalogs.renames import orphans
from diglot.catalogs.verdicts import Verdicts
from diglot.config import Config, Language
from diglot.errors import DiglotError
from diglot.files import boundary


def memory_path(config: Config, source: Language, target: Language) -> Path:
    """Where the memory imported for translating ``source`` into ``target`` is kept."""
    return config.translations_dir / "memory" / f"{source.code}-{target.code}.po"


def is_memory(config: Config, path: Path) -> bool:
    """Whether ``path`` is an imported memory: diglot's own file, growing with each import."""
    return path.parent == config.translations_dir / "memory"


def memory_files(config: Config, domains: Iterable[Domain], source: Language, target: Language) -> list[Path]:
    """The catalogs whose translations the memory for ``source`` → ``target`` is made of: the archive's,
    then its orphans (catalogs of documents renamed or deleted, :mod:`diglot.catalogs.renames`), then imported."""
    domains = list(domains)
    catalogs = sorted({po_path(config, target, d.name) for d in domains if d.source == source
                       and target in d.targets(config)})
    orphaned = [orphan.path for orphan in orphans(config, domains) if orphan.language == target]
    imported = memory_path(config, source, target)
    return [path for path in [*catalogs, *orphaned, imported] if path.is_file()]


def merged_with_memory(config: Config, domains: list[Domain], domain: Domain, language: Language,
                       pot: Path, keys: set[tuple[str | None, str]], verdicts: Verdicts | None = None,
                       carried: Path | None = None) -> bytes:
    """:func:`diglot.catalogs.domains.merged_catalog` (from ``carried``, the catalog of the document it was
    renamed from, when new), with the archive's translations offered to the messages of the POT
    (``keys``: msgctxt, msgid) that the catalog does not translate yet."""
    target = po_path(config, language, domain.name)
    compendium = None
    if not target.is_file() or needs_memory(boundary.read_bytes(target), keys):
        files = [path for path in memory_files(config, domains, domain.source, language)
                 if path not in (target, carried)]
        if files:
            compendium = build_compendium(config, files, pot.with_name(f"{pot.stem}.{language.code}.po"))
    return numbers_as_themselves(merged_catalog(config, domain, language, pot, compendium, verdicts, carried))


# A message of figures alone ("68%", "2025", "1,234", "2019–2025", "(3.5)"): every language writes them so.
_FIGURES = r'[-+−–—~≈$€£¥%‰.,/() \u00a0]*\d[-+−–—~≈$€£¥%‰.,/() \u00a0\d]*'
_UNTRANSLATED_FIGURES = re.compile(rf'^(msgid "({_FIGURES})"\nmsgstr )""$', re.M)


def numbers_as_themselves(catalog: bytes) -> bytes:
    """``catalog`` with each untranslated message of figures alone (a table cell of ``68%`` or ``2025``)
    translated as itself: it reads the same in every edition, and no translator should have to copy it
    before the edition counts as current. A translator may still write it otherwise; that is kept."""
    text = catalog.decode("utf-8")
    filled = _UNTRANSLATED_FIGURES.sub(r'\1"\2"', text)
    return catalog if filled == text else filled.encode("utf-8")


def needs_memory(catalog: bytes, keys: set[tuple[str | None, str]]) -> bool:
    """Whether a catalog lacks a message of ``keys``, or has one untranslated or fuzzy (a scan of GNU's
    layout, as msgmerge writes it; a file laid out otherwise is merged with the memory, to be safe)."""
    entries = catalog.split(b"\n\n", 1)[1] if b"\n\n" in catalog else b""  # after the header
    if _FUZZY.search(entries) or _EMPTY.search(entries):
        return True
    try:
        return bool(keys - entry_keys(catalog.decode("utf-8"), ""))
    except UnicodeDecodeError:
        return True


_FUZZY = re.compile(rb"(?m)^#,.*\bfuzzy\b")
_EMPTY = re.compile(rb'(?m)^msgstr(?:\[\d+\])? ""\n(?!")|^msgstr(?:\[\d+\])? ""\Z')


def build_compendium(config: Config, files: list[Path], output: Path) -> Path | None:
    """The translated entries of ``files`` in one catalog at ``output``; None when there are none."""
    require_tools()
    for path in files:  # said plainly, with the line, before msgcat reads them
        readable_bytes(path, display_path(path, config.root), state=is_memory(config, path))
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
