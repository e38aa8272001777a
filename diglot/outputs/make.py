"""Making the stale outputs of a build, and recording each in the manifest as soon as it is made.

The order follows what each output needs: the pictures the PDFs show, then the web fonts' faces and the
print editions, which the workers cut and render while this process writes the web pages, then the fonts,
the pages that give their PDF's size and pages, and the PDFs' download copies. Pages and copies take
milliseconds; a PDF takes a good part of a second and a font face seconds, so only those go to the workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import Config, Language
from diglot.editions import meta, parallel, pictures, web, webfonts
from diglot.editions import printed as pdf
from diglot.editions.compose import Edition
from diglot.editions.templating import Templates
from diglot.files import atomic, boundary
from diglot.findings import WARNING, Finding
from diglot.outputs.manifest import Manifest, Record
from diglot.outputs.manifest import written as manifest_written
from diglot.outputs.plan import Editions, Output, sitemap_entries
from diglot.workers import Workers, WorkLimits

_PRINTS = ("print", "parallel-print", "press", "parallel-press")  # the outputs whose PDFs render in the workers
_PARALLEL = ("parallel-print", "parallel-press")
# Called after each output is made: how many are done, of how many, and the output's path below build/.
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class MakeReport:
    """What making the stale outputs did."""

    rebuilt: list[str] = field(default_factory=list)  # outputs made again, by their path below build/
    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint complained of, by print HTML file


class OutputMaker:
    """Makes the stale outputs of one build and records each in its manifest."""

    def __init__(self, config: Config, editions: Editions, templates: Templates, manifest: Manifest,
                 progress: ProgressCallback | None):
        self.config = config
        self.editions = editions
        self.templates = templates
        self.manifest = manifest
        self.progress = progress
        self.made = MakeReport()
        self.total = 0
        # each PDF being rendered: the messages shown untranslated, the files written, the HTML it is made of
        self._pending_print: dict[str, tuple[tuple[Fallback, ...], list[Path], Path]] = {}
        self._soft: dict[Path, int] = {}  # the pictures the press prints below 300 dpi, at their lowest

    def make(self, stale: list[Output], jobs: int) -> MakeReport:
        """Make every output of ``stale`` (PDFs across ``jobs`` processes)."""
        pictures = [o for o in stale if o.kind == "picture" and o.key.startswith("print/")]
        # The parallel PDFs take twice as long as the others: started first, no worker waits on one at the end.
        prints = sorted((o for o in stale if o.kind in _PRINTS), key=lambda o: o.kind not in _PARALLEL)
        printing = {o.key for o in prints}
        copies = [o for o in stale if o.kind == "pdf-copy" and self._printed(o, printing)]
        others = [o for o in stale if o not in pictures and o.kind not in (*_PRINTS, "pdf-copy")]
        linking = [o for o in others if o.with_pdf]  # after the PDFs they describe
        fonts = [o for o in others if o.kind == "fonts"]  # after their faces, cut in the workers
        others = [o for o in others if not o.with_pdf and o.kind != "fonts"]
        cuts = [face for o in fonts for face in o.faces if webfonts.cached(face) is None]
        self.total = len(pictures) + len(prints) + len(copies) + len(others) + len(linking) + len(fonts)
        for output in pictures:  # before the PDFs that show them
            self._finish(output, (), self._copy(output))
        if prints:
            # before the workers fork, so that they start with WeasyPrint loaded and the patterns read
            pdf.prepare([language.tag for language in self.config.languages])
        run = os.urandom(8).hex()  # names this build for the workers' WeasyPrint set-up
        limits = WorkLimits(self.config.limits.render_seconds, self.config.limits.render_memory)
        with Workers(jobs, len(prints) + len(cuts), self._done, limits) as workers:
            for face in cuts:  # a face takes seconds, as long as a PDF or longer: first
                workers.submit(webfonts.woff2, face, face, f"build/web/{face.site_path}")
            for output in prints:
                workers.submit(pdf.render_pdf, self._print_job(output, run), output, f"build/{output.key}")
            for output in others:
                self._make_web(output)
                workers.poll()
            workers.wait()
        for output in fonts:
            self._make_fonts(output)
        for output in linking:
            self._make_web(output)
        for output in copies:
            self._finish(output, (), self._copy(output))
        self.made.warnings += [str(Finding(self._picture_source(picture), None, f"picture at {dpi} dpi in print",
                                           "press", WARNING)) for picture, dpi in sorted(self._soft.items())]
        return self.made

    def _printed(self, copy: Output, printing: set[str]) -> bool:
        """Whether the print PDF a download copy copies will be current: made in this build, or fresh."""
        assert copy.source is not None, copy.key
        key = copy.source.relative_to(self.config.build_dir).as_posix()
        return key in printing or self.manifest.fresh(key, copy.digest)

    def _print_job(self, output: Output, run: str) -> pdf.PdfJob:
        """Write the print HTML now; the PDF is rendered from it by a worker. A press PDF is rendered from
        the same HTML, made here and not written: it is read from where the print HTML stands, beside the
        print edition's pictures."""
        html, fallbacks = self._print_html(output)
        build = self.config.build_dir
        if output.kind in ("press", "parallel-press"):
            html_path = build / layout.PRINT / Path(output.key).relative_to(layout.PRESS).with_suffix(".html")
            self._pending_print[output.key] = (fallbacks, [], html_path)
            return pdf.PdfJob(html, html_path, build / output.key, build / layout.PRINT, run, self.config.press,
                              layout.url(self.config.base_url, output.key))
        html_path = build / output.files[1]
        self._pending_print[output.key] = (fallbacks, [html_path] if atomic.write_text(html_path, html) else [],
                                           html_path)
        return pdf.PdfJob(html, html_path, build / output.key, build / layout.PRINT, run)

    def _print_html(self, output: Output) -> tuple[str, tuple[Fallback, ...]]:
        """The print HTML of a print or press output, and the messages it shows untranslated."""
        if output.kind in _PARALLEL:
            editions = self._pair(output)
            composed, fallbacks = parallel.compose_parallel(
                self.templates, (pdf.printed(editions[0]), pdf.printed(editions[1])))
            html, page_fallbacks = parallel.print_page(self.templates, composed)
            fallbacks = editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks
        else:
            edition = self.editions.edition(*output.article)
            html, fallbacks = pdf.print_page(self.templates, edition, self.config.base_url)
            fallbacks = edition.fallbacks + fallbacks
        return html, fallbacks

    def _done(self, tag: Output | webfonts.Face, result: Any) -> None:
        """A worker's result: a PDF rendered, or a font face cut."""
        if isinstance(tag, webfonts.Face):
            webfonts.remember(tag, result)
        else:
            self._rendered(tag, result)

    def _rendered(self, output: Output, result: pdf.Rendered) -> None:
        fallbacks, written, html_path = self._pending_print.pop(output.key)
        html_file = html_path.relative_to(self.config.root)
        self.made.warnings += [str(Finding(html_file, None, complaint, "weasyprint", WARNING))
                               for complaint in result.complaints]
        for picture, dpi in result.soft_pictures:  # named once, at its softest, however many PDFs print it
            self._soft[picture] = min(dpi, self._soft.get(picture, dpi))
        self._finish(output, fallbacks, written + ([self.config.build_dir / output.key] if result.changed else []),
                     result.pages)

    def _picture_source(self, picture: Path) -> Path:
        """The file of ``source/images`` a picture of the print folder is a copy of (as the project names it)."""
        copies = self.config.build_dir / layout.PRINT / "images"
        if picture.is_relative_to(copies):
            return (self.config.source_dir / "images" / picture.relative_to(copies)).relative_to(self.config.root)
        return picture.relative_to(self.config.root) if picture.is_relative_to(self.config.root) else picture

    def _make_web(self, output: Output) -> None:
        if output.kind in ("picture", "static"):
            self._finish(output, (), self._copy(output))
        elif output.kind == "scaled":
            assert output.source is not None, output.key
            self._write(output, pictures.scaled(output.source, output.width))
        elif output.kind == "robots":
            self._write(output, web.robots(self.config))
        else:
            text, fallbacks = self._page(output)
            self._write(output, text, fallbacks)

    def _page(self, output: Output) -> web.Page:
        """The text of a page, feed or sitemap, and the messages it shows in the source language."""
        listings = self.editions.listing
        articles = self.editions.articles
        if output.kind == "page":
            doc, language = output.article
            edition = self.editions.edition(doc, language)
            download = self._download(language, doc.slug) if output.with_pdf else None
            html, fallbacks = web.article_page(self.config, self.templates, edition, download, self.editions.withheld)
            return html, edition.fallbacks + fallbacks
        if output.kind == "parallel":
            editions = self._pair(output)
            composed, fallbacks = parallel.compose_parallel(self.templates, editions)
            html, page_fallbacks = parallel.parallel_page(self.config, self.templates, composed, output.with_pdf)
            return html, editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks
        if output.kind == "index":
            language = output.index_language
            return web.index_page(self.config, self.templates, language, [listings(d, language) for d in articles],
                                  self.editions.withheld)
        if output.kind == "feed":
            language = output.index_language
            return web.feed(self.config, self.templates, language, [listings(d, language) for d in articles],
                            self.editions.withheld)
        if output.kind == "home":
            latest = {lang: self.editions.latest(lang) for lang in self.config.languages}
            return web.home_page(self.config, self.templates, latest)
        if output.kind == "sitemap":
            return web.sitemap(self.config, self.templates, sitemap_entries(self.config, self.editions))
        return web.not_found_page(self.config, self.templates)

    def _download(self, language: Language, slug: str) -> meta.Download:
        """What a page's download link gives of its PDF: its size, and its pages as the renderer counted them
        (recorded in the manifest when it was rendered, in this build or before)."""
        site_path = layout.article_pdf(language, slug)
        record = self.manifest.records.get(layout.printed(site_path))
        # A page linking its PDF is made after the PDF, or the PDF is fresh: either way it is recorded.
        assert record is not None and record.pages is not None, site_path
        return meta.Download(site_path, (self.config.build_dir / layout.printed(site_path)).stat().st_size,
                             record.pages)

    def _make_fonts(self, output: Output) -> None:
        """Write every font file (cut by now) and the stylesheet declaring them; remove the files of slices
        gone."""
        build = self.config.build_dir
        written = [build / output.key] if atomic.write_text(build / output.key,
                                                              webfonts.stylesheet(list(output.faces))) else []
        for face, name in zip(output.faces, output.files[1:], strict=True):
            if atomic.write_bytes(build / name, webfonts.woff2(face)):
                written.append(build / name)
        previous = self.manifest.records.get(output.key)
        for name in set(previous.files if previous else ()) - set(output.files):
            (build / name).unlink(missing_ok=True)
        self._finish(output, (), written)

    def _write(self, output: Output, content: str | bytes, fallbacks: tuple[Fallback, ...] = ()) -> None:
        path = self.config.build_dir / output.key
        changed = atomic.write_bytes(path, content) if isinstance(content, bytes) else atomic.write_text(path, content)
        self._finish(output, fallbacks, [path] if changed else [])

    def _pair(self, output: Output) -> tuple[Edition, Edition]:
        """The two editions a parallel output shows, in column order."""
        doc, (first, second) = output.parallel
        return self.editions.edition(doc, first), self.editions.edition(doc, second)

    def _copy(self, output: Output) -> list[Path]:
        """Copy the file a ``static``, ``picture`` or ``pdf-copy`` output is made of to its place."""
        assert output.source is not None, output.key  # the plan gives every copying output its source
        target = self.config.build_dir / output.key
        # diglot's own stylesheet as it is; a picture (or a PDF) only from inside the project.
        data = (output.source.read_bytes() if output.kind == "static"
                else boundary.read_bytes(output.source, picture=True))
        return [target] if atomic.write_bytes(target, data) else []

    def _finish(self, output: Output, fallbacks: tuple[Fallback, ...], written: list[Path],
                pages: int | None = None) -> None:
        previous = self.manifest.records.get(output.key)
        was = dict(zip(previous.files, previous.written, strict=False)) if previous else {}
        states = tuple(manifest_written(self.config.build_dir / name, was.get(name)) for name in output.files)
        self.manifest.record(output.key, Record(output.digest, output.files, fallbacks, states, pages))
        self.made.rebuilt.append(output.key)
        self.made.written += written
        if self.progress is not None:
            self.progress(len(self.made.rebuilt), self.total, output.key)
