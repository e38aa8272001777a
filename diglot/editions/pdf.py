"""The print edition: each article's print HTML kept on disk, and the A4 PDF WeasyPrint makes of it."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Callable

from urllib.parse import urljoin
from urllib.request import url2pathname

from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from diglot import atomic
from diglot.config import Config
from diglot.editions.compose import Edition, Text
from diglot.editions.templating import environment, stylesheet
from diglot.editions.web import copy_images
from diglot.translate import Translators


class ProjectFetcher(URLFetcher):
    """Fetches only files inside the print folder: a translation cannot pull in ``file:///etc/passwd``."""

    def __init__(self, allowed: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = allowed.resolve()

    def fetch(self, url, headers=None):
        if not url.startswith("file:"):
            raise ValueError(f"refused to fetch {url[:80]!r}: only the project's own files are read")
        path = Path(_file_path(url)).resolve()
        if not path.is_relative_to(self.allowed):
            raise ValueError(f"refused to fetch {path}: it is outside {self.allowed}")
        return super().fetch(url, headers)


def write_print_edition(config: Config, editions: list[Edition], translators: Translators,
                        warn: Callable[[str], None]) -> list[Path]:
    """Write ``build/print/<lang>/<slug>.html`` and the PDF made from it, for every edition.

    What WeasyPrint complains of (a refused file, a missing glyph) goes to ``warn``, naming the HTML file.
    """
    out = config.build_dir / "print"
    written = copy_images(config, out)
    fetcher = ProjectFetcher(out)
    for edition in editions:
        html_path = out / edition.page  # the print HTML stands where the web page does in build/web
        html = _print_html(config, edition, translators)
        if atomic.write_text(html_path, html):
            written.append(html_path)
        pdf, complaints = _render(html, html_path, fetcher)
        for complaint in complaints:
            warn(f"{html_path.relative_to(config.root)}: warning: {complaint} [weasyprint]")
        if atomic.write_bytes(out / edition.pdf, pdf):
            written.append(out / edition.pdf)
    return written


def _render(html: str, path: Path, fetcher: ProjectFetcher) -> tuple[bytes, list[str]]:
    """The PDF of ``html`` and the warnings WeasyPrint logged while making it."""
    complaints = _Complaints()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(complaints)
    try:
        return HTML(string=html, base_url=path.as_uri(), url_fetcher=fetcher).write_pdf(), complaints.messages
    finally:
        logger.removeHandler(complaints)


class _Complaints(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


def _print_html(config: Config, edition: Edition, translators: Translators) -> str:
    env = environment(config, edition.language, translators.site(edition.language))
    image = f"../images/{edition.doc.image.name}" if edition.doc.image else None
    return env.get_template("print.html").render(edition=_web_links(edition, config.base_url),
                                                 css=Markup(stylesheet("print.css")), image=image)


_RELATIVE_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"#][^"]*)(")')


def _web_links(edition: Edition, base_url: str) -> Edition:
    """Relative links pointing at the web edition: in a PDF they would otherwise name local files."""
    page = urljoin(base_url, edition.page)

    def absolute(match: re.Match) -> str:
        target = html.unescape(match.group(2))
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
            return match.group(0)
        return f"{match.group(1)}{escape(urljoin(page, target))}{match.group(3)}"

    def relinked(text: Text) -> Text:
        return replace(text, body=Markup(_RELATIVE_HREF.sub(absolute, str(text.body))))

    return replace(edition, text=relinked(edition.text), notes=tuple(relinked(n) for n in edition.notes))


def _file_path(url: str) -> str:
    return url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))
