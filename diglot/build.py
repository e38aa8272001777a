"""The pipeline: source → segments → catalogs → editions. Each command is one straight function here."""

from __future__ import annotations

import importlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from diglot.catalogs import domains, po_path, require_tools, update_catalog, validate_catalog
from diglot.config import Config, Language
from diglot.dependencies import Inputs
from diglot.documents import read_documents
from diglot.editions.compose import Composer
from diglot.editions.fonts import require_fonts
from diglot.editions.templating import Templates
from diglot.errors import DiglotError
from diglot.extract import extract_catalogs, iter_catalogs, pot_path, write_template, write_templates
from diglot.make import Maker, Progress
from diglot.manifest import Manifest
from diglot.plan import Editions, expected_files, plan_outputs
from diglot.translate import Fallback, Translators, sorted_fallbacks
from diglot.workers import default_jobs

FORMATS = ("html", "pdf")


@dataclass
class BuildReport:
    """What a build made, wrote and removed, and which messages it had to show in their source language."""

    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    rebuilt: list[str] = field(default_factory=list)  # outputs made again (paths below build/), in plan order
    removed: list[Path] = field(default_factory=list)  # files of deleted articles, pictures or languages
    fallbacks: list[Fallback] = field(default_factory=list)  # of every requested output, made now or before
    up_to_date: int = 0  # outputs left as they were
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint complained of while rendering

    @property
    def rendered(self) -> list[str]:
        """The PDFs WeasyPrint rendered."""
        return [key for key in self.rebuilt if key.startswith("print/") and key.endswith(".pdf")]


def extract(config: Config) -> list[Path]:
    """Write the template catalog of every domain; return the files that changed."""
    documents = read_documents(config)
    return write_templates(config, extract_catalogs(config, documents))


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed.

    Each domain's catalogs are merged (msgmerge, then msgfmt --check) as soon as its template is written,
    several at once, while the next domains are extracted.
    """
    require_tools()
    documents = read_documents(config)
    for domain in domains(config, documents):  # refuse a broken catalog before anything is written
        for language in domain.targets(config):
            if po_path(config, language, domain.name).exists():
                validate_catalog(po_path(config, language, domain.name), config.root)
    templates: list[Path] = []
    merges: list[tuple[Path, Future]] = []
    with ThreadPoolExecutor(default_jobs()) as pool:  # threads suffice: the work is in the gettext tools
        for domain, (name, catalog) in zip(domains(config, documents), iter_catalogs(config, documents)):
            if write_template(config, name, catalog):
                templates.append(pot_path(config, name))
            merges += [(po_path(config, language, name), pool.submit(update_catalog, config, domain, language))
                       for language in domain.targets(config)]
        return templates + [path for path, merge in merges if merge.result()]


def build(config: Config, formats: tuple[str, ...] = FORMATS, languages: tuple[Language, ...] | None = None,
          jobs: int | None = None, progress: Progress | None = None, force: bool = False) -> BuildReport:
    """Bring the requested editions up to date: make again each output whose inputs changed, and only those.

    PDFs render across ``jobs`` processes (default: every core). ``force`` rebuilds everything.
    """
    documents = read_documents(config)
    if "pdf" in formats:
        require_pdf_renderer()
    articles = [doc for doc in documents if doc.kind == "article"]
    notes = [doc for doc in documents if doc.kind == "note"]
    translators = Translators(config)
    inputs = Inputs(config, notes, translators)
    manifest = Manifest.read(config)
    if force:  # compose everything again too; the records of outputs not requested stay valid
        manifest.listings.clear()
    editions = Editions(articles, Composer(config, notes, translators), inputs, manifest)
    outputs = plan_outputs(config, articles, languages or config.languages, formats, inputs, editions)
    stale = [output for output in outputs if force or not manifest.fresh(output.key, output.digest)]
    maker = Maker(config, editions, Templates(config, translators), manifest, progress)
    try:
        made = maker.make(stale, jobs or default_jobs())
    finally:  # whatever was made is recorded, even when a later output failed
        removed = remove_leftovers(config, manifest, expected_files(config, articles))
        manifest.write()
    order = {output.key: index for index, output in enumerate(outputs)}
    return BuildReport(written=sorted(made.written), rebuilt=sorted(made.rebuilt, key=order.__getitem__),
                       removed=removed, up_to_date=len(outputs) - len(stale), warnings=made.warnings,
                       fallbacks=sorted_fallbacks(f for o in outputs if o.key in manifest.records
                                                  for f in manifest.records[o.key].fallbacks))


def remove_leftovers(config: Config, manifest: Manifest, expected: set[str]) -> list[Path]:
    """Delete the files of outputs that no source calls for any more (a deleted article, picture or
    language); return them. Files the manifest never listed are left alone."""
    removed = []
    for key in [key for key in manifest.records if key not in expected]:
        for name in manifest.forget(key).files:
            path = config.build_dir / name
            if path.is_file():
                path.unlink()
                removed.append(path)
    manifest.listings = {key: value for key, value in manifest.listings.items() if f"web/{key}" in expected}
    return removed


def require_pdf_renderer() -> None:
    """Raise DiglotError unless the print edition's fonts and WeasyPrint's libraries are installed."""
    require_fonts()
    try:
        importlib.import_module("diglot.editions.weasy")  # WeasyPrint loads Pango and HarfBuzz when imported
    except (OSError, ImportError) as error:
        raise DiglotError(None, None, f"WeasyPrint cannot load a library it needs ({error})",
                          "install Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0) or run scripts/build"
                          ) from None
