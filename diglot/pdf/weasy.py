"""WeasyPrint, set up once per process and shared by every document the process renders.

A font configuration (fontconfig's fonts, Pango's font map and the faces loaded into it) and an image
cache cost the same for every PDF; a build of hundreds of articles makes them once per worker.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

import pyphen
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from diglot.config import Press
from diglot.pdf import archival, extensions, pdfx, press


class ProjectFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches only files inside the print folder: a translation cannot pull in ``file:///etc/passwd``."""

    def __init__(self, allowed: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = allowed.resolve()

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.startswith("file:"):
            raise ValueError(f"refused to fetch {url[:80]!r}: only the project's own files are read")
        path = Path(_file_path(url)).resolve()
        if not path.is_relative_to(self.allowed):
            raise ValueError(f"refused to fetch {path}: it is outside {self.allowed}")
        return super().fetch(url, headers)

@dataclass(frozen=True)
class Pdf:
    """A rendered PDF: its bytes, its number of pages (which the web edition's download link gives, so
    that nobody reads the file back to count them), the warnings WeasyPrint logged while making it and,
    in the press edition, the pictures printed below 300 dpi with their resolution."""

    data: bytes
    pages: int
    complaints: list[str]
    soft_pictures: list[tuple[Path, int]] = field(default_factory=list)


class Renderer:
    """This process's WeasyPrint set-up for one print folder."""

    def __init__(self, allowed: Path):
        extensions.install()
        _keep_freed_memory()
        self.fetcher = ProjectFetcher(allowed)
        self.font_config = FontConfiguration()
        self.cache: dict[str, Any] = {}  # pictures, decoded once and embedded in every PDF that shows them
        self.stylesheets: dict[tuple[str, str], CSS] = {}  # by text and folder: parsed once, used by every PDF

    def pdf(self, html: str, html_path: Path) -> Pdf:
        """The PDF of ``html``, relative URLs resolved from where ``html_path`` stands."""
        with _complaints() as complaints:
            html, stylesheets = self._shared_stylesheet(html, html_path)
            source = HTML(string=html, base_url=html_path.as_uri(), url_fetcher=self.fetcher)
            document = archival.archival(source.render(font_config=self.font_config, cache=self.cache,
                                                       stylesheets=stylesheets))
            pdf: bytes = document.write_pdf(**archival.OPTIONS)
        return Pdf(pdf, len(document.pages), complaints.messages)

    def press_pdf(self, html: str, html_path: Path, sheet: Press, name: str) -> Pdf:
        """The press edition's PDF/X-4 of the print HTML ``html`` on ``sheet`` (``name``, its address, makes
        its document ID), with the pictures it prints below 300 dpi."""
        with _complaints() as complaints:
            html, stylesheets = self._shared_stylesheet(html, html_path)
            stylesheets.append(self._stylesheet(press.stylesheet(sheet), html_path))
            source = HTML(string=html, base_url=html_path.as_uri(), url_fetcher=self.fetcher)
            document = pdfx.prepared(source.render(font_config=self.font_config, cache=self.cache,
                                                   stylesheets=stylesheets, color_profiles=pdfx.color_profiles(),
                                                   **pdfx.OPTIONS), name)
            soft = press.soft_pictures(pdfx.pictures(document), html_path)
            pdf: bytes = document.write_pdf(finisher=pdfx.finisher(sheet), **pdfx.OPTIONS)
        return Pdf(pdf, len(document.pages), complaints.messages, soft)

    def _stylesheet(self, css: str, html_path: Path) -> CSS:
        """``css`` parsed once for every document of the same folder that uses it."""
        key = (css, html_path.parent.as_uri() + "/")
        if key not in self.stylesheets:
            self.stylesheets[key] = CSS(string=key[0], base_url=key[1], url_fetcher=self.fetcher,
                                        font_config=self.font_config, media_type="print")
        return self.stylesheets[key]

    def _shared_stylesheet(self, html: str, html_path: Path) -> tuple[str, list[CSS]]:
        """``html`` without the stylesheet its head holds inline, and that stylesheet parsed once for every
        document that holds the same: parsing print.css is a tenth of a PDF's rendering time. Given to
        WeasyPrint as a user stylesheet, it cascades as it did inline: nothing else styles the page."""
        match = _HEAD_STYLE.search(html, 0, html.find("</head>"))
        if match is None:
            return html, []
        return html[:match.start()] + html[match.end():], [self._stylesheet(match.group(1), html_path)]


_HEAD_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@contextmanager
def _complaints() -> Iterator[_Complaints]:
    """What WeasyPrint logs as warnings meanwhile."""
    complaints = _Complaints()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(complaints)
    try:
        yield complaints
    finally:
        logger.removeHandler(complaints)


class _Complaints(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))

_current: tuple[tuple[int, Path, str], Renderer] | None = None

def renderer(allowed: Path, run: str) -> Renderer:
    """The renderer of this process for build ``run``: made on first use, in the worker that uses it
    (fontconfig and Pango state is not carried across a fork), and never reused by another build, whose
    pictures may have changed."""
    global _current
    key = (os.getpid(), allowed, run)
    if _current is None or _current[0] != key:
        _current = (key, Renderer(allowed))
    return _current[1]

def read_hyphenation_patterns(languages: list[str]) -> None:
    """Parse the hyphenation patterns of ``languages`` into pyphen's cache for this process (and the
    workers it forks): a tenth of a second each, otherwise spent by each worker on its first document."""
    for tag in languages:
        if (known := pyphen.language_fallback(tag.replace("-", "_"))) is not None:
            pyphen.Pyphen(lang=known)


def _keep_freed_memory() -> None:
    """Let glibc keep the memory a rendering frees for the next one, rather than hand it back to the
    system and fault it in again: with default settings, its adaptive thresholds made two workers spend
    a fifth of their time in page faults. A process that renders PDFs reaches its peak memory anyway."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library Python itself runs on
    except (OSError, AttributeError, TypeError):  # not glibc, or not a C library ctypes can open
        return
    mallopt(_M_TRIM_THRESHOLD, 256 * 1024 * 1024)
    mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024)

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h

def _file_path(url: str) -> str:
    return url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))
