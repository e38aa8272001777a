"""The print edition: each article's print HTML, kept on disk, and the A4 PDF WeasyPrint makes of it.

WeasyPrint itself is imported only where a PDF is rendered (``diglot.pdf.weasy``): importing it takes
half a second, which a build with no PDF to make should not spend.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup, escape

from diglot import layout
from diglot.editions import typesetting
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


def print_page(templates: Templates, edition: Edition, base_url: str) -> Page:
    """The print HTML of ``edition``: one self-contained page, its stylesheet inline, its text marked up
    for typesetting (``diglot.editions.typesetting``)."""
    # original_base: the stale-edition notice links the original on the web, as a PDF must
    page, fallbacks = templates.render("print.html", edition.language, page=edition.page,
                                       edition=web_links(edition, base_url),
                                       css=Markup(templates.stylesheet("print.css")), original_base=base_url)
    typeset = typesetting.chinese if edition.language.code.startswith("zh") else typesetting.english
    return typeset(page), fallbacks


_RELATIVE_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"#][^"]*)(")')


def web_links(edition: Edition, base_url: str) -> Edition:
    """Relative links pointing at the web edition: in a PDF they would otherwise name local files."""
    page = layout.url(base_url, edition.page)

    def absolute(match: re.Match[str]) -> str:
        target = html.unescape(match.group(2))
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
            return str(match.group(0))
        return f"{match.group(1)}{escape(urljoin(page, target))}{match.group(3)}"

    def relinked(body: Markup) -> Markup:
        return Markup(_RELATIVE_HREF.sub(absolute, str(body)))

    def blocks(text: Text | Edition) -> tuple[Block, ...]:
        return tuple(replace(block, html=relinked(Markup(block.html))) for block in text.blocks)

    return replace(edition, body=relinked(edition.body), blocks=blocks(edition),
                   notes=tuple(replace(note, body=relinked(note.body), blocks=blocks(note)) for note in edition.notes))


def prepare(languages: list[str]) -> None:
    """Import WeasyPrint (and with it Pango and HarfBuzz) now, before any worker starts, and read the
    hyphenation patterns of ``languages`` (BCP 47 tags), which each worker would otherwise read again."""
    from diglot.pdf import weasy  # lazy: WeasyPrint (Pango, HarfBuzz) only where a PDF is made

    weasy.read_hyphenation_patterns(languages)


def render_pdf(job: PdfJob) -> tuple[bool, list[str]]:
    """Render ``job`` with this process's WeasyPrint set-up and write the PDF: whether its bytes changed,
    and what WeasyPrint complained of (a refused file, a missing glyph).

    A top-level function of picklable arguments, so that a process pool can run it.
    """
    from diglot.pdf import weasy  # lazy: WeasyPrint (Pango, HarfBuzz) only where a PDF is made

    pdf, complaints = weasy.renderer(job.allowed, job.run).pdf(job.html, job.html_path)
    return atomic.write_bytes(job.pdf_path, pdf), complaints
