"""Translation catalogs: where each PO file lives, reading them strictly, and merging with GNU msgmerge.

Babel's ``Catalog.update`` is slow on large catalogs, never revives obsolete entries and ignores msgctxt
in fuzzy matching; GNU msgmerge does all three right and writes the layout translators' tools keep.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from diglot import atomic
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.documents import Document
from diglot.errors import DiglotError, ToolError
from diglot.extract import catalog_bytes, pot_path


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


def read_catalog(path: Path, root: Path | None = None) -> Catalog:
    """Read a PO file strictly: a syntax error, conflict marker or bad encoding is bad input."""
    shown = path.relative_to(root) if root and path.is_relative_to(root) else path
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(shown, line, "not UTF-8 text", "save the catalog as UTF-8 (Poedit does so)") from None
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        raise DiglotError(shown, error.lineno, f"invalid PO syntax: {error}",
                          "fix the entry (resolve any merge conflict) or take the file back from git") from None


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's live messages: no header, no obsolete entries."""
    return [m for m in catalog if m.id]


def update_catalog(config: Config, domain: Domain, language: Language) -> bool:
    """Create or merge the ``language`` catalog of ``domain`` from its template; True when it changed."""
    template, target = pot_path(config, domain.name), po_path(config, language, domain.name)
    with tempfile.TemporaryDirectory(prefix="diglot-") as tmp:
        existing = target if target.exists() else _blank_catalog(config, domain.name, language, Path(tmp))
        merged = Path(tmp) / "merged.po"
        merge = start_tool(["msgmerge", "--quiet", "--previous", "--output-file", str(merged), str(existing),
                            str(template)])
        try:
            if target.exists():  # while msgmerge runs: refuse to merge a broken file, msgmerge would drop entries
                read_catalog(target, config.root)
        except BaseException:
            merge.kill()
            merge.wait()
            raise
        finish_tool(merge, target)
        run_tool(["msgfmt", "--check", "--output-file", "/dev/null", str(merged)], target)
        return atomic.write_bytes(target, merged.read_bytes())


def run_tool(command: list[str], subject: Path) -> None:
    """Run a GNU gettext tool; its complaint about ``subject`` becomes bad input."""
    finish_tool(start_tool(command), subject)


def start_tool(command: list[str]) -> subprocess.Popen:
    """Start a GNU gettext tool."""
    if shutil.which(command[0]) is None:
        raise ToolError(None, None, f"{command[0]} is not installed",
                        "install GNU gettext (apt-get install gettext) or run scripts/build")
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish_tool(process: subprocess.Popen, subject: Path) -> None:
    """Wait for a tool started by ``start_tool``; its complaint about ``subject`` becomes bad input."""
    _, errors = process.communicate()
    if process.returncode != 0:
        detail = errors.strip().splitlines()
        raise ToolError(subject, None, f"{process.args[0]} failed: {' / '.join(detail[:3])}",
                        "fix the catalog as the message says")


def _blank_catalog(config: Config, domain: str, language: Language, tmp: Path) -> Path:
    """A header-only catalog for a new language, for msgmerge to fill from the template."""
    template = read_catalog(pot_path(config, domain), config.root)
    blank = Catalog(locale=language.code, domain=domain, project=template.project,
                    copyright_holder=config.name, creation_date=template.creation_date,
                    revision_date=template.creation_date, last_translator=config.name, language_team=f"{language.name} <{language.code}>",
                    charset="utf-8", fuzzy=False, header_comment=_HEADER.format(
                        domain=domain, language=language.name, name=config.name))
    path = tmp / "blank.po"
    path.write_bytes(catalog_bytes(blank))
    return path


_HEADER = """\
# {language} translation of {domain}.
# Copyright (C) YEAR {name}
#"""
