"""Translation catalogs: the domains, where each PO file lives, and merging with GNU msgmerge.

Babel's ``Catalog.update`` is slow on large catalogs, never revives obsolete entries and ignores msgctxt
in fuzzy matching; GNU msgmerge does all three right and writes the layout translators' tools keep.

One thing msgmerge does not do: when it carries a translation over to a changed message as fuzzy, the
old message is kept only as the ``#|`` previous msgid, so restoring the old text later finds nothing
exact and the translation comes back fuzzy. diglot keeps such an old entry as obsolete (``#~``) too,
and msgmerge revives it, unfuzzied, the moment its text returns.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from diglot.catalogs.gettext_tools import run_tool
from diglot.catalogs.msgmerge import start_merge
from diglot.catalogs.pofile import (
    StableCatalog,
    catalog_bytes,
    display_path,
    entry_keys,
    read_catalog,
    readable_bytes,
    translations,
)
from diglot.catalogs.verdicts import Verdicts
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.errors import DiglotError
from diglot.files import scratch
from diglot.sources.documents import Document


@dataclass(frozen=True)
class Domain:
    """A gettext domain: the document (or the site) it holds, and its source language."""

    name: str
    source: Language

    def targets(self, config: Config) -> tuple[Language, ...]:
        """The languages this domain is translated into: every configured one but its source."""
        return tuple(lang for lang in config.languages if lang != self.source)


def domains(config: Config, documents: list[Document]) -> list[Domain]:
    """Every domain of the project: one per document, then the site's."""
    return [Domain(doc.domain, config.language(doc.lang)) for doc in documents] + [
        Domain(SITE_DOMAIN, config.source_language)]


def po_path(config: Config, language: Language, domain: str) -> Path:
    """Where the ``language`` translation of ``domain`` lives."""
    return config.translations_dir / language.code / "LC_MESSAGES" / f"{domain}.po"


def merged_catalog(config: Config, domain: Domain, language: Language, pot: Path,
                   compendium: Path | None = None, verdicts: Verdicts | None = None,
                   carried: Path | None = None) -> bytes:
    """The ``language`` catalog of ``domain`` (created when missing, from ``carried`` when given: the
    catalog of the document it was renamed from) merged with ``pot``, and with the translation memory
    ``compendium`` if given (see :mod:`diglot.catalogs.memory`): the bytes to write, checked by msgfmt.
    Nothing is written, so a caller can refuse every file if one is bad."""
    target = po_path(config, language, domain.name)
    with scratch.folder(config.build_dir, "merge-") as tmp:
        display = display_path(target, config.root)
        existing = target if target.exists() else carried
        if existing is not None:
            readable_bytes(existing, display_path(existing, config.root))
            merged = merge(existing, pot, display, tmp, config.root, compendium, verdicts)
            return merged if existing == target else _renamed_header(merged, existing.stem, domain.name)
        blank = _blank_catalog(config, domain.name, language, pot, tmp)
        return merge(blank, pot, display, tmp, compendium=compendium, verdicts=verdicts)


def _renamed_header(data: bytes, old: str, new: str) -> bytes:
    """A carried-over catalog's header naming its new domain where it named the old one."""
    header, rest = data.split(b"\n\n", 1) if b"\n\n" in data else (data, b"")
    lines = [line.replace(f" {old}".encode(), f" {new}".encode())
             if line.startswith((b"# ", b'"Project-Id-Version: ')) else line for line in header.split(b"\n")]
    return b"\n".join(lines) + (b"\n\n" + rest if rest else b"")


def merge(existing: Path, pot: Path, subject: Path, work: Path, root: Path | None = None,
          compendium: Path | None = None, verdicts: Verdicts | None = None) -> bytes:
    """``existing`` merged with ``pot`` by msgmerge, keeping every translation it had, checked; msgfmt's
    verdicts on ``subject``, the catalog's path in the project, are looked up and kept in ``verdicts``.

    ``existing`` is read while msgmerge runs: its translations are needed if msgmerge makes fuzzy entries.
    ``work``: a scratch folder (:mod:`diglot.files.scratch`) to merge in.
    """
    with tempfile.TemporaryDirectory(prefix="merged-", dir=work) as tmp:
        merged = Path(tmp) / "merged.po"
        msgmerge = start_merge(existing, pot, merged, compendium)
        try:
            old = read_catalog(existing, root, verdicts if root else None)  # said plainly, with its line
        except BaseException:
            msgmerge.kill()
            raise
        msgmerge.finish(subject)
        _keep_replaced(old, merged, subject)
        data = merged.read_bytes()
        keeps_every_translation(old, data, subject)
        if verdicts is None or not verdicts.known(subject, data, "check"):
            run_tool(["msgfmt", "--check", "--output-file", "/dev/null", str(merged)], subject)
            if verdicts is not None:
                verdicts.remember(subject, data, "check")
        return data


def _keep_replaced(old: Catalog, merged: Path, subject: Path) -> None:
    """Add to ``merged`` as obsolete each translated entry of ``old`` (live or obsolete) that msgmerge kept
    only as ``#|``. Only a merge that made fuzzy entries needs to look."""
    data = merged.read_bytes()
    if b"\n#| msgid " not in data:
        return
    text = data.decode("utf-8")
    replaced = entry_keys(text, "#| ") - entry_keys(text, "") - entry_keys(text, "#~ ")
    # An obsolete entry counts too: msgmerge may take one up for its fuzzy match (A → A1 → A2 matches A2
    # to the obsolete A) and drop it, and A's translation would be gone for good.
    lost = [m for m in [*old, *old.obsolete.values()] if m.id and isinstance(m.id, str) and m.string
            and not m.fuzzy and (m.context, m.id) in replaced]
    if not lost:
        return
    catalog = StableCatalog(charset="utf-8", fuzzy=False)
    for message in lost:
        catalog.add(message.id, message.string, context=message.context)
    kept = merged.with_name("kept.po")
    kept.write_bytes(catalog_bytes(catalog))
    # msgattrib writes them obsolete and wrapped as every GNU tool wraps, so later merges leave them be.
    run_tool(["msgattrib", "--set-obsolete", "--output-file", str(kept), str(kept)], subject)
    entries = kept.read_bytes().split(b"\n\n", 1)[1]  # without the header
    merged.write_bytes(data.rstrip(b"\n") + b"\n\n" + entries)


def keeps_every_translation(old: Catalog, merged: bytes, subject: Path) -> None:
    """Raise DiglotError unless every translation ``old`` holds is still in ``merged``, live or obsolete,
    fuzzy or not: the last guard before a catalog is written, whatever msgmerge or an odd input did."""
    text = merged.decode("utf-8")
    kept = translations(text, "") | translations(text, "#~ ")
    live = {(m.context, m.id) for m in old if m.id}
    held = [m for m in old if m.id] + [m for key, m in old.obsolete.items() if (m.context, m.id) not in live]
    lost = [m for m in held if set(_strings(m)) - kept]
    if lost:
        raise DiglotError(subject, lost[0].lineno, f"merging would lose {len(lost)} translation(s), the first "
                          "on this line; nothing was written", "keep the catalog as it is and report this "
                          "with a copy of it")


def _strings(message: Message) -> list[str]:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return [string for string in strings if string]


def _blank_catalog(config: Config, domain: str, language: Language, pot: Path, tmp: Path) -> Path:
    """A header-only catalog for a new language, for msgmerge to fill from the POT."""
    extracted = read_catalog(pot)
    blank = StableCatalog(locale=language.code, domain=domain, project=extracted.project,
                    copyright_holder=config.name, creation_date=extracted.creation_date,
                    revision_date=extracted.creation_date, last_translator=config.name,
                    language_team=f"{language.name} <{language.code}>",
                    charset="utf-8", fuzzy=False, header_comment=_HEADER.format(
                        domain=domain, language=language.name, name=config.name))
    path = tmp / "blank.po"
    path.write_bytes(catalog_bytes(blank))
    return path


_HEADER = """\
# {language} translation of {domain}.
# Copyright (C) YEAR {name}
#"""
