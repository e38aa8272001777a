"""The print edition: each article's print HTML, kept on disk, and the A4 PDF WeasyPrint makes of it.

WeasyPrint itself is imported only where a PDF is rendered (``diglot.editions.weasy``): importing it takes
half a second, which a build with no PDF to make should not spend.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from diglot import atomic
from diglot.editions.compose import Edition
from diglot.editions.templating import Templates
from diglot.editions.web import Page


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: the print HTML, the file it was written to (its base URL), the PDF's path, and
    the print folder, the only place the rendering may read from."""

    html: str
    html_path: Path
    pdf_path: Path
    allowed: Path
    run: str  # which build: a process renders the PDFs of one build with one WeasyPrint set-up


def print_page(templates: Templates, edition: Edition) -> Page:
    """The print HTML of ``edition``: one self-contained page, its stylesheet inline."""
    image = f"../images/{edition.doc.image.name}" if edition.doc.image else None
    return templates.render("print.html", edition.language, edition=edition,
                            css=Markup(templates.stylesheet("print.css")), image=image)


def prepare() -> None:
    """Import WeasyPrint (and with it Pango and HarfBuzz) now, before any worker starts."""
    from diglot.editions import weasy  # noqa: F401


def render_pdf(job: PdfJob) -> bool:
    """Render ``job`` with this process's WeasyPrint set-up and write the PDF; True when its bytes changed.

    A top-level function of picklable arguments, so that a process pool can run it.
    """
    from diglot.editions import weasy

    return atomic.write_bytes(job.pdf_path, weasy.renderer(job.allowed, job.run).pdf(job.html, job.html_path))
