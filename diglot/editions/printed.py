"""The print edition: each article's print HTML, kept on disk, and the A4 PDF WeasyPrint makes of it.

WeasyPrint itself is imported only where a PDF is rendered (``diglot.pdf.weasy``): importing it takes
half a second, which a build with no PDF to make should not spend.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from diglot.config import Press
from diglot.editions.compose import Edition, Text
from diglot.editions.templating import Templates
from diglot.editions.web import Page
from diglot.files import atomic
from diglot.sources.blocks import Block


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: the print HTML, the file it was written to (its base URL), the PDF's path, and
    the print folder, the only place the rendering may read from."""

    html: str
    html_path: Path
    pdf_path: Path
    allowed: Path
    run: str  # which build: a process renders the PDFs of one build with one WeasyPrint set-up
    sheet: Press | None = None  # the press edition's sheet; None for the print edition
    name: str = ""  # the press PDF's address, which makes its document ID


@dataclass(frozen=True)
class Rendered:
    """What rendering a PDF did: whether its bytes changed, its number of pages, what WeasyPrint complained
    of (a refused file, a missing glyph) and, in the press edition, the pictures printed below 300 dpi with
    their resolution."""

    changed: bool
    pages: int
    complaints: list[str]
    soft_pictures: list[tuple[Path, int]]


def print_page(templates: Templates, edition: Edition, base_url: str) -> Page:
    """The print HTML of ``edition``: one self-contained page, its stylesheet inline, its body the print
    variant (``diglot.sources.variants``)."""
    # original_base: the stale-edition notice links the original on the web, as a PDF must
    return templates.render("print.html", edition.language, page=edition.page, edition=printed(edition),
                            css=Markup(templates.stylesheet("print.css")), original_base=base_url)


def printed(edition: Edition) -> Edition:
    """``edition`` as print shows it: its body, blocks and notes with their links on the web edition."""

    def blocks(text: Text | Edition) -> tuple[Block, ...]:
        return tuple(replace(block, html=block.print_html) if block.print_html else block for block in text.blocks)

    return replace(edition, body=edition.print_body or edition.body, blocks=blocks(edition),
                   notes=tuple(replace(note, body=note.print_body or note.body, blocks=blocks(note))
                               for note in edition.notes))


def prepare(languages: list[str]) -> None:
    """Import WeasyPrint (and with it Pango and HarfBuzz) now, before any worker starts, and read the
    hyphenation patterns of ``languages`` (BCP 47 tags), which each worker would otherwise read again."""
    from diglot.pdf import weasy  # lazy: WeasyPrint (Pango, HarfBuzz) only where a PDF is made

    weasy.read_hyphenation_patterns(languages)


def render_pdf(job: PdfJob) -> Rendered:
    """Render ``job`` with this process's WeasyPrint set-up and write the PDF.

    A top-level function of picklable arguments, so that a process pool can run it.
    """
    from diglot.pdf import weasy  # lazy: WeasyPrint (Pango, HarfBuzz) only where a PDF is made

    renderer = weasy.renderer(job.allowed, job.run)
    if job.sheet is None:
        pdf = renderer.pdf(job.html, job.html_path)
    else:
        pdf = renderer.press_pdf(job.html, job.html_path, job.sheet, job.name)
    return Rendered(atomic.write_bytes(job.pdf_path, pdf.data), pdf.pages, pdf.complaints, pdf.soft_pictures)
