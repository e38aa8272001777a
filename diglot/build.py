"""The pipeline: source → segments → catalogs → editions. Each command is one straight function here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from diglot.catalogs import domains, po_path, require_tools, update_catalog, validate_catalog
from diglot.config import Config, Language
from diglot.documents import read_documents
from diglot.editions.compose import compose
from diglot.editions.fonts import require_fonts
from diglot.errors import DiglotError
from diglot.editions.web import write_web_edition
from diglot.extract import extract_catalogs, write_templates
from diglot.translate import Fallback, Translators

FORMATS = ("html", "pdf")


@dataclass
class BuildReport:
    """What a build wrote, and which messages it had to show in their source language."""

    written: list[Path] = field(default_factory=list)
    fallbacks: list[Fallback] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract(config: Config) -> list[Path]:
    """Write the template catalog of every domain; return the files that changed."""
    documents = read_documents(config)
    return write_templates(config, extract_catalogs(config, documents))


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed."""
    require_tools()
    documents = read_documents(config)
    templates = extract_catalogs(config, documents)
    targets = [(domain, language) for domain in domains(config, documents) for language in domain.targets(config)]
    for domain, language in targets:  # refuse a broken catalog before anything is written
        if po_path(config, language, domain.name).exists():
            validate_catalog(po_path(config, language, domain.name), config.root)
    changed = write_templates(config, templates)
    for domain, language in targets:
        if update_catalog(config, domain, language):
            changed.append(po_path(config, language, domain.name))
    return changed


def build(config: Config, formats: tuple[str, ...] = FORMATS,
          languages: tuple[Language, ...] | None = None) -> BuildReport:
    """Compose every article in every language and write the requested editions."""
    documents = read_documents(config)
    write_print_edition = _print_writer() if "pdf" in formats else None
    articles = [doc for doc in documents if doc.kind == "article"]
    notes = [doc for doc in documents if doc.kind == "note"]
    translators = Translators(config)
    editions = [compose(doc, notes, language, translators)
                for doc in articles for language in languages or config.languages]
    report = BuildReport()
    if write_print_edition:
        report.written += write_print_edition(config, editions, translators, report.warnings.append)
    if "html" in formats:
        report.written += write_web_edition(config, editions, translators)
    report.fallbacks = translators.fallbacks()
    return report



def _print_writer():
    """The PDF writer, once its fonts and libraries are known to be there: a missing one is bad input."""
    require_fonts()
    try:
        from diglot.editions.pdf import write_print_edition
    except (OSError, ImportError) as error:  # WeasyPrint loads Pango and HarfBuzz when imported
        raise DiglotError(None, None, f"WeasyPrint cannot load a library it needs ({error})",
                          "install Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0) or run scripts/build"
                          ) from None
    return write_print_edition
