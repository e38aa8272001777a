"""The build: the editions made from the sources and catalogs, each output only when its inputs changed.

A build first asks the stamp (diglot.outputs.stamp) whether anything it reads or wrote has been touched since the
last one; only then does it import the pipeline, digest the inputs and make what is stale. The catalog
stages before it (extract, update) are in :mod:`diglot.catalogs.update`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import FORMATS, Config, Language
from diglot.errors import DiglotError
from diglot.files import boundary
from diglot.outputs import stamp

if TYPE_CHECKING:
    from diglot.outputs.composed import Editions
    from diglot.outputs.make import ProgressCallback
    from diglot.outputs.manifest import Manifest


@dataclass
class BuildReport:
    """What a build made, wrote and removed, and which messages it had to show in their source language."""

    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    rebuilt: list[str] = field(default_factory=list)  # outputs made again (paths below build/), in plan order
    removed: list[Path] = field(default_factory=list)  # files of deleted articles, pictures or languages
    fallbacks: list[Fallback] = field(default_factory=list)  # of every requested output, made now or before
    up_to_date: int = 0  # outputs left as they were
    withheld: list[str] = field(default_factory=list)  # editions held back, as "<lang>/<slug>" below build/web
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint complained of while rendering
    edited: list[Path] = field(default_factory=list)  # files changed since built, left as they are (not --force)

    @property
    def rendered(self) -> list[str]:
        """The PDFs WeasyPrint rendered."""
        return [key for key in self.rebuilt if key.startswith(("print/", "press/")) and key.endswith(".pdf")]


def build(config: Config, formats: tuple[str, ...] = FORMATS, languages: tuple[Language, ...] | None = None,
          jobs: int | None = None, progress: ProgressCallback | None = None, force: bool = False) -> BuildReport:
    """Bring the requested editions up to date: make again each output whose inputs changed, and only those.

    PDFs render across ``jobs`` processes (default: every core). ``force`` rebuilds everything.
    """
    languages = languages or config.languages
    asked = stamp.request(config, formats, tuple(lang.code for lang in languages))
    started = stamp.inputs(config)
    last = None if force else stamp.untouched(config, asked, started)
    if last is not None:
        return BuildReport(up_to_date=last.up_to_date, fallbacks=last.fallbacks, withheld=last.withheld)
    report, files = _build(config, formats, languages, jobs, progress, force)
    if not report.edited:  # a build that left a changed file as it is says so every time it runs
        stamp.write(config, asked, started, files, stamp.Report(len(report.rebuilt) + report.up_to_date,
                                                                report.fallbacks, report.withheld))
    return report


def _build(config: Config, formats: tuple[str, ...], languages: tuple[Language, ...], jobs: int | None,
           progress: ProgressCallback | None, force: bool) -> tuple[BuildReport, list[str]]:
    """The build proper; its report, and the files below ``build/`` its outputs consist of."""
    # The pipeline is imported here, past the stamp: a build with nothing to do needs none of it.
    from diglot.catalogs.translate import Translators, sorted_fallbacks
    from diglot.editions import webfonts
    from diglot.editions.compose import Composer
    from diglot.editions.templating import Templates
    from diglot.outputs import precompress
    from diglot.outputs.composed import Editions
    from diglot.outputs.digests import Digests
    from diglot.outputs.make import OutputMaker
    from diglot.outputs.manifest import MANIFEST, Manifest
    from diglot.outputs.output import Scope, Stage
    from diglot.outputs.plan import expected_files, plan_outputs
    from diglot.pdf.fonts import require_pdf_renderer
    from diglot.sources.documents import read_documents, require_pictures
    from diglot.sources.images import check_pictures
    from diglot.sources.sourcecache import SourceCache
    from diglot.workers import default_jobs

    cache = SourceCache.open(config)
    documents = read_documents(config, cache)
    check_pictures(config, documents)  # every picture is published: none unchecked
    require_pictures(config, documents)  # a missing picture would be published as a broken link
    articles = [doc for doc in documents if doc.kind == "article"]
    notes = [doc for doc in documents if doc.kind == "note"]
    translators = Translators(config)
    digests = Digests(config, notes, translators)
    manifest = Manifest.read(config)
    if force:  # compose everything again too; the records of outputs not requested stay valid
        manifest.listings.clear()
    editions = Editions(articles, Composer(config, notes, translators), digests, manifest)
    withheld = editions.find_withheld(config)
    faces = tuple(webfonts.plan_faces(config, documents)) if "html" in formats else ()
    scope = Scope(config, documents, languages, formats, digests, editions, faces)
    outputs = plan_outputs(scope)
    edited = {} if force else manifest.edited()  # changed by hand: never made again without --force
    stale = [output for output in outputs
             if (force or not manifest.fresh(output.key, output.digest)) and output.key not in edited]
    if any(output.kind.stage is Stage.RENDERED for output in stale):  # first
        require_pdf_renderer()
    maker = OutputMaker(config, editions, Templates(config, translators, faces), manifest, progress)
    stamp.forget(config)  # outputs may change from here on
    jobs = jobs or default_jobs()
    try:
        made = maker.make(stale, jobs)
    except BaseException:  # whatever was made is recorded, if it can be, and the first failure reported
        with contextlib.suppress(DiglotError):
            _record(config, manifest, editions, expected_files(scope))
            cache.save(complete=("documents",))
        raise
    removed = _record(config, manifest, editions, expected_files(scope))
    cache.save(complete=("documents",))
    if "html" in formats:  # the web edition's text files precompressed, for servers that can send them so
        compressed, uncompressed = precompress.update(config.build_dir / layout.WEB, jobs)
        made.written += compressed
        removed += uncompressed
    order = {output.key: index for index, output in enumerate(outputs)}
    report = BuildReport(written=sorted(made.written), rebuilt=sorted(made.rebuilt, key=order.__getitem__),
                         removed=removed, up_to_date=len(outputs) - len(stale), warnings=made.warnings,
                         withheld=sorted(f"{config.language(code).tag}/{slug}" for slug, code in withheld),
                         edited=sorted(config.build_dir / name for names in edited.values() for name in names),
                         fallbacks=sorted_fallbacks(f for o in outputs if o.key in manifest.records
                                                    for f in manifest.records[o.key].fallbacks))
    # An output left unmade (a PDF's copy while PDFs are not built) is stamped by its absent files.
    records = [manifest.records.get(o.key) for o in outputs]
    files = [MANIFEST, *(name for o, r in zip(outputs, records, strict=True) for name in (r or o).files)]
    return report, files


def _record(config: Config, manifest: Manifest, editions: Editions, expected: set[str]) -> list[Path]:
    """Write the manifest of what was made, after removing the files not ``expected``; return those."""
    for page, digest, listing in editions.composed_listings():
        manifest.keep_listing(page, digest, listing)
    removed = remove_leftovers(config, manifest, expected)
    manifest.write()
    return removed


def remove_leftovers(config: Config, manifest: Manifest, expected: set[str]) -> list[Path]:
    """Delete the files of outputs that no source calls for any more (a deleted article, picture or
    language); return them. Files the manifest never listed are left alone."""
    removed = []
    for key in [key for key in manifest.records if key not in expected]:
        for name in manifest.records.pop(key).files:
            path = config.build_dir / name
            if path.is_file() and boundary.remove(path):
                removed.append(path)
    manifest.listings = {key: value for key, value in manifest.listings.items() if f"web/{key}" in expected}
    return removed

