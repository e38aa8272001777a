"""Making the stale outputs of a build, and recording each in the manifest as soon as it is made.

Each output is made by its kind (:mod:`diglot.outputs.kinds`), in the order of their stages: the pictures
the PDFs show, then the web fonts' faces and the PDFs, which the workers cut and render while this process
writes the web pages, then the fonts, the pages that give their PDF's size and pages, and the PDFs'
download copies. Pages and copies take milliseconds; a PDF takes a good part of a second and a font face
seconds, so only those go to the workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import Config
from diglot.editions import printed, webfonts
from diglot.editions.templating import Templates
from diglot.files import atomic
from diglot.findings import WARNING, Finding
from diglot.outputs.composed import Editions
from diglot.outputs.manifest import Manifest, Record
from diglot.outputs.manifest import written as manifest_written
from diglot.outputs.output import Output, Stage
from diglot.workers import Workers, WorkLimits

# Called after each output is made: how many are done, of how many, and the output's path below build/.
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class MakeReport:
    """What making the stale outputs did."""

    rebuilt: list[str] = field(default_factory=list)  # outputs made again, by their path below build/
    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint complained of, by print HTML file


class OutputMaker:
    """Makes the stale outputs of one build and records each in its manifest (diglot.outputs.output.Making:
    what a kind's maker may use of it)."""

    def __init__(self, config: Config, editions: Editions, templates: Templates, manifest: Manifest,
                 progress: ProgressCallback | None):
        self.config = config
        self.editions = editions
        self.templates = templates
        self.manifest = manifest
        self.progress = progress
        self.made = MakeReport()
        self.total = 0
        self.run = os.urandom(8).hex()  # names this build for the workers' WeasyPrint set-up
        self._workers: Workers | None = None  # while PDFs are handed to them
        # each PDF being rendered: the messages shown untranslated, the files written, the HTML it is made of
        self._pending_print: dict[str, tuple[tuple[Fallback, ...], list[Path], Path]] = {}
        self._soft: dict[Path, int] = {}  # the pictures the press prints below 300 dpi, at their lowest

    def make(self, stale: list[Output], jobs: int) -> MakeReport:
        """Make every output of ``stale`` (PDFs across ``jobs`` processes)."""
        staged = {stage: [o for o in stale if o.kind.stage is stage] for stage in Stage}
        # The parallel PDFs take twice as long as the others: started first, no worker waits on one at the end.
        prints = sorted(staged[Stage.RENDERED], key=lambda o: -o.kind.weight)
        printing = {o.key for o in prints}
        copies = [o for o in staged[Stage.COPIED] if self._current(o, printing)]
        linking = [o for o in staged[Stage.WEB] if o.with_pdf]  # after the PDFs they describe
        others = [o for o in staged[Stage.WEB] if not o.with_pdf]
        cuts = [face for o in staged[Stage.CUT] for face in o.faces if webfonts.cached(face) is None]
        self.total = len(stale) - len(staged[Stage.COPIED]) + len(copies)
        for output in staged[Stage.SHOWN]:  # before the PDFs that show them
            output.kind.make(self, output)
        if prints:
            # before the workers fork, so that they start with WeasyPrint loaded and the patterns read
            printed.prepare([language.tag for language in self.config.languages])
        limits = WorkLimits(self.config.limits.render_seconds, self.config.limits.render_memory)
        with Workers(jobs, len(prints) + len(cuts), self._done, limits) as self._workers:
            for face in cuts:  # a face takes seconds, as long as a PDF or longer: first
                self._workers.submit(webfonts.woff2, face, face, f"build/web/{face.site_path}")
            for output in prints:
                output.kind.make(self, output)
            for output in others:
                output.kind.make(self, output)
                self._workers.poll()
            self._workers.wait()
        self._workers = None
        for output in staged[Stage.CUT] + linking + copies:
            output.kind.make(self, output)
        self.made.warnings += [str(Finding(self._picture_source(picture), None, f"picture at {dpi} dpi in print",
                                           "press", WARNING)) for picture, dpi in sorted(self._soft.items())]
        return self.made

    def _current(self, copy: Output, printing: set[str]) -> bool:
        """Whether the PDF a download copy copies will be current: made in this build, or fresh."""
        assert copy.source is not None, copy.key
        key = copy.source.relative_to(self.config.build_dir).as_posix()
        return key in printing or self.manifest.fresh(key, copy.digest)

    def render(self, output: Output, job: printed.PdfJob, fallbacks: tuple[Fallback, ...],
               written: list[Path]) -> None:
        """Hand a PDF to the workers; it is recorded when they return it (``_rendered``)."""
        assert self._workers is not None, output.key  # PDFs are made in the workers' stage only
        self._pending_print[output.key] = (fallbacks, written, job.html_path)
        self._workers.submit(printed.render_pdf, job, output, f"build/{output.key}")

    def _done(self, tag: Output | webfonts.Face, result: Any) -> None:
        """A worker's result: a PDF rendered, or a font face cut."""
        if isinstance(tag, webfonts.Face):
            webfonts.remember(tag, result)
        else:
            self._rendered(tag, result)

    def _rendered(self, output: Output, result: printed.Rendered) -> None:
        fallbacks, written, html_path = self._pending_print.pop(output.key)
        html_file = html_path.relative_to(self.config.root)
        self.made.warnings += [str(Finding(html_file, None, complaint, "weasyprint", WARNING))
                               for complaint in result.complaints]
        for picture, dpi in result.soft_pictures:  # named once, at its softest, however many PDFs print it
            self._soft[picture] = min(dpi, self._soft.get(picture, dpi))
        self.finish(output, fallbacks, written + ([self.config.build_dir / output.key] if result.changed else []),
                    result.pages)

    def _picture_source(self, picture: Path) -> Path:
        """The file of ``source/images`` a picture of the print folder is a copy of (as the project names it)."""
        copies = self.config.build_dir / layout.PRINT / "images"
        if picture.is_relative_to(copies):
            return (self.config.source_dir / "images" / picture.relative_to(copies)).relative_to(self.config.root)
        return picture.relative_to(self.config.root) if picture.is_relative_to(self.config.root) else picture

    def write(self, output: Output, content: str | bytes, fallbacks: tuple[Fallback, ...] = ()) -> None:
        """Write the output's one file and record it."""
        path = self.config.build_dir / output.key
        changed = atomic.write_bytes(path, content) if isinstance(content, bytes) else atomic.write_text(path, content)
        self.finish(output, fallbacks, [path] if changed else [])

    def finish(self, output: Output, fallbacks: tuple[Fallback, ...], written: list[Path],
               pages: int | None = None) -> None:
        """Record an output whose files are written (``written``: those whose bytes changed; ``pages``: a
        PDF's)."""
        previous = self.manifest.records.get(output.key)
        was = dict(zip(previous.files, previous.written, strict=False)) if previous else {}
        states = tuple(manifest_written(self.config.build_dir / name, was.get(name)) for name in output.files)
        self.manifest.record(output.key, Record(output.digest, output.files, fallbacks, states, pages))
        self.made.rebuilt.append(output.key)
        self.made.written += written
        if self.progress is not None:
            self.progress(len(self.made.rebuilt), self.total, output.key)
