"""Making the stale outputs of a build, and recording each in the manifest as soon as it is made.

The order follows what each output needs: the pictures the PDFs show, then the print editions, whose PDFs
render in the workers while this process writes the web pages, then the PDFs' download copies. Pages and
copies take milliseconds; a PDF takes a good part of a second, so only PDFs go to the workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from diglot import atomic
from diglot.config import Config
from diglot.editions import parallel, pdf, web
from diglot.editions.compose import Edition
from diglot.editions.templating import Templates
from diglot.manifest import Manifest, Record
from diglot.plan import Editions, Output
from diglot.translate import Fallback
from diglot.workers import Workers

_PRINTS = ("print", "parallel-print")  # the outputs whose PDFs render in the workers
# Called after each output is made: how many are done, of how many, and the output's path below build/.
Progress = Callable[[int, int, str], None]


@dataclass
class MakeReport:
    """What making the stale outputs did."""

    rebuilt: list[str] = field(default_factory=list)  # outputs made again, by their path below build/
    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint complained of, by print HTML file


class OutputMaker:
    """Makes the stale outputs of one build and records each in its manifest."""

    def __init__(self, config: Config, editions: Editions, templates: Templates, manifest: Manifest,
                 progress: Progress | None):
        self.config = config
        self.editions = editions
        self.templates = templates
        self.manifest = manifest
        self.progress = progress
        self.made = MakeReport()
        self.total = 0
        self._pending_print: dict[str, tuple[tuple[Fallback, ...], list[Path]]] = {}

    def make(self, stale: list[Output], jobs: int) -> MakeReport:
        """Make every output of ``stale`` (PDFs across ``jobs`` processes)."""
        pictures = [o for o in stale if o.kind == "picture" and o.key.startswith("print/")]
        prints = [o for o in stale if o.kind in _PRINTS]
        printing = {o.key for o in prints}
        copies = [o for o in stale if o.kind == "pdf-copy" and self._printed(o, printing)]
        others = [o for o in stale if o not in pictures and o.kind not in (*_PRINTS, "pdf-copy")]
        self.total = len(pictures) + len(prints) + len(copies) + len(others)
        for output in pictures:  # before the PDFs that show them
            self._finish(output, (), self._copy(output))
        if prints:
            pdf.prepare()  # before the workers fork, so that they start with WeasyPrint loaded
        run = os.urandom(8).hex()  # names this build for the workers' WeasyPrint set-up
        with Workers(jobs, len(prints), self._rendered) as workers:
            for output in prints:
                workers.submit(pdf.render_pdf, self._print_job(output, run), output)
            for output in others:
                self._make_web(output)
                workers.poll()
            workers.wait()
        for output in copies:
            self._finish(output, (), self._copy(output))
        return self.made

    def _printed(self, copy: Output, printing: set[str]) -> bool:
        """Whether the print PDF a download copy copies will be current: made in this build, or fresh."""
        assert copy.source is not None, copy.key
        key = copy.source.relative_to(self.config.build_dir).as_posix()
        return key in printing or self.manifest.fresh(key, copy.digest)

    def _print_job(self, output: Output, run: str) -> pdf.PdfJob:
        """Write the print HTML now; the PDF is rendered from it by a worker."""
        if output.kind == "parallel-print":
            editions = self._pair(output)
            composed, fallbacks = parallel.compose_parallel(
                self.templates, (pdf.web_links(editions[0], self.config.base_url),
                                 pdf.web_links(editions[1], self.config.base_url)))
            html, page_fallbacks = parallel.print_page(self.templates, composed)
            fallbacks = editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks
        else:
            edition = self.editions.edition(*output.article)
            html, fallbacks = pdf.print_page(self.templates, edition, self.config.base_url)
            fallbacks = edition.fallbacks + fallbacks
        html_path = self.config.build_dir / output.files[1]
        self._pending_print[output.key] = (fallbacks, [html_path] if atomic.write_text(html_path, html) else [])
        return pdf.PdfJob(html, html_path, self.config.build_dir / output.key, self.config.build_dir / "print", run)

    def _rendered(self, output: Output, result: tuple[bool, list[str]]) -> None:
        changed, complaints = result
        html_file = Path("build", output.files[1])
        self.made.warnings += [f"{html_file}: warning: {complaint} [weasyprint]" for complaint in complaints]
        fallbacks, written = self._pending_print.pop(output.key)
        self._finish(output, fallbacks, written + ([self.config.build_dir / output.key] if changed else []))

    def _make_web(self, output: Output) -> None:
        if output.kind in ("picture", "static"):
            self._finish(output, (), self._copy(output))
            return
        if output.kind == "page":
            edition = self.editions.edition(*output.article)
            html, fallbacks = web.article_page(self.config, self.templates, edition, output.with_pdf,
                                               self.editions.withheld)
            fallbacks = edition.fallbacks + fallbacks
        elif output.kind == "parallel":
            editions = self._pair(output)
            composed, fallbacks = parallel.compose_parallel(self.templates, editions)
            html, page_fallbacks = parallel.parallel_page(self.config, self.templates, composed, output.with_pdf)
            fallbacks = editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks
        elif output.kind == "index":
            language = output.index_language
            listings = [self.editions.listing(doc, language) for doc in self.editions.articles]
            html, fallbacks = web.index_page(self.config, self.templates, language, listings, self.editions.withheld)
        else:
            html, fallbacks = web.home_page(self.config, self.templates)
        path = self.config.build_dir / output.key
        self._finish(output, fallbacks, [path] if atomic.write_text(path, html) else [])

    def _pair(self, output: Output) -> tuple[Edition, Edition]:
        """The two editions a parallel output shows, in column order."""
        doc, (first, second) = output.parallel
        return self.editions.edition(doc, first), self.editions.edition(doc, second)

    def _copy(self, output: Output) -> list[Path]:
        """Copy the file a ``static``, ``picture`` or ``pdf-copy`` output is made of to its place."""
        assert output.source is not None, output.key  # the plan gives every copying output its source
        target = self.config.build_dir / output.key
        return [target] if atomic.write_bytes(target, output.source.read_bytes()) else []

    def _finish(self, output: Output, fallbacks: tuple[Fallback, ...], written: list[Path]) -> None:
        self.manifest.record(output.key, Record(output.digest, output.files, fallbacks))
        self.made.rebuilt.append(output.key)
        self.made.written += written
        if self.progress is not None:
            self.progress(len(self.made.rebuilt), self.total, output.key)
