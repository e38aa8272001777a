"""Digests of what each output is made of, exactly its inputs, so that a build redoes only what changed.

=====================  ==================================================================================
output                 its digest covers
=====================  ==================================================================================
every output           diglot (its version and its code), the libraries that shape the output, the
                       validated ``[tool.diglot]`` settings
an edition's texts     the article's source, the foundation notes' sources, and the PO files that
                       translate each of them into the edition's language
print HTML and PDF     the edition's texts, ``print.html`` and the templates it includes, ``print.css``,
                       the site catalog of the language, the pictures, the fonts, the build folder
                       (WeasyPrint writes relative links out as absolute ``file:`` URLs)
web article page       the edition's texts, ``article.html`` and the templates it uses, the site catalog,
                       its lead picture (its size), and the print edition's digest when it links the PDF
                       (whose size and pages it gives)
index of a language    what it lists of every article (titles, dates, summaries… as composed), its
                       templates, the site catalog
feed of a language     what it lists of every article, ``feed.xml``, the site catalog
home page              its template, the site catalog of every language, each language's latest articles
404 page               its template, the site catalog of every language
sitemap, robots.txt    the articles' slugs, languages and dates; the settings
web fonts              the installed fonts they are cut from (path, size, time) and the characters of each
                       Chinese slice (see :mod:`diglot.editions.webfonts`)
scaled picture         the picture and the width
parallel edition       the texts of both its editions, its templates (``parallel.html`` and the
                       front-matter macros of ``article-parts.html``, or for print
                       ``parallel-print.html`` with ``print.css`` and ``parallel-print.css``, the
                       pictures, the fonts, the build folder), the site catalogs of both languages
=====================  ==================================================================================

Every file is read and hashed at most once per run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from functools import cached_property
from pathlib import Path
from typing import Any

import diglot
from diglot import layout
from diglot.catalogs.translate import Translators
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.editions import templating, webfonts
from diglot.files import boundary
from diglot.sources.documents import Document

# The libraries whose upgrade may change what diglot writes.
_LIBRARIES = ("Babel", "Markdown", "Jinja2", "nh3", "weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools")
_PACKAGE = Path(diglot.__file__).parent


def digest(*parts: object) -> str:
    """A digest of plain data (strings, numbers, lists, mappings)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Digests:
    """The digests of one build's inputs, each file read and hashed at most once."""

    def __init__(self, config: Config, notes: list[Document], translators: Translators):
        self.config = config
        self.notes = notes
        self.translators = translators
        self._files: dict[Path, str] = {}
        self._templates: dict[str, str] = {}
        self._catalogs: dict[tuple[str, str, str], str] = {}
        self._editions: dict[tuple[str, str], str] = {}

    def file(self, path: Path) -> str:
        """The digest of a file's bytes, or ``absent``."""
        if path not in self._files:
            data = None
            if path.is_relative_to(self.config.root) and os.path.lexists(path):  # the user's, checked
                data = boundary.read_bytes(path, picture=True)
            elif path.exists():  # diglot's own package data
                data = path.read_bytes()
            self._files[path] = hashlib.sha256(data).hexdigest() if data is not None else "absent"
        return self._files[path]

    def catalog(self, domain: str, source: Language, language: Language) -> str:
        """The digest of the PO file a build reads to show ``domain`` in ``language`` (none: the source)."""
        key = (domain, source.code, language.code)
        if key not in self._catalogs:
            path = self.translators.catalog_path(domain, source, language)
            self._catalogs[key] = "source" if path is None else self.file(path)
        return self._catalogs[key]

    def template(self, name: str) -> str:
        """The digest of template ``name`` and every template it extends or includes."""
        if name not in self._templates:
            self._templates[name] = digest([(p.name, self.file(p)) for p in templating.templates_used(name)])
        return self._templates[name]

    @cached_property
    def toolchain(self) -> str:
        """diglot's version and code, and the versions of the libraries that shape the output."""
        code = [(p.relative_to(_PACKAGE).as_posix(), self.file(p)) for p in sorted(_PACKAGE.rglob("*.py"))]
        return digest(diglot.__version__, code, [(name, _version(name)) for name in _LIBRARIES])

    @cached_property
    def settings(self) -> str:
        """The site settings, as validated: a comment or another tool's table in pyproject.toml is not one."""
        c = self.config
        return digest(c.name, c.series, c.base_url, [lang.code for lang in c.languages], c.source_language.code,
                      list(c.stale_editions))

    @cached_property
    def pictures(self) -> str:
        """Every picture in ``source/images``: an article body or its translation may show any of them."""
        images = sorted(p for p in (self.config.source_dir / "images").glob("*") if not p.is_dir())
        return digest([(p.name, self.file(p)) for p in images])

    @cached_property
    def fonts(self) -> str:
        """The installed fonts, computed once per run: font fallback may pick any of them for a glyph."""
        return font_fingerprint()

    def site(self, language: Language) -> str:
        return self.catalog(SITE_DOMAIN, self.config.source_language, language)

    def edition(self, doc: Document, language: Language) -> str:
        """What composing ``doc`` in ``language`` reads: its source, the notes, their catalogs."""
        key = (doc.slug, language.code)
        if key not in self._editions:
            self._editions[key] = self._edition(doc, language)
        return self._editions[key]

    def _edition(self, doc: Document, language: Language) -> str:
        source = self.config.language(doc.lang)
        notes = [(self.file(self.config.root / n.path), self.catalog(n.domain, self.config.language(n.lang),
                                                                     language)) for n in self.notes]
        return digest("edition", self.toolchain, self.settings, language.code, self.file(self.config.root / doc.path),
                      self.catalog(doc.domain, source, language), notes)

    def print_edition(self, doc: Document, language: Language) -> str:
        return digest("print", self.edition(doc, language), self.template("print.html"),
                      self.file(layout.STATIC / "print.css"), self.site(language), self.pictures, self.fonts,
                      str(self.config.build_dir))

    def web_page(self, doc: Document, language: Language, with_pdf: bool) -> str:
        """The page gives its PDF's size and pages when it links it, and its lead picture's size."""
        return digest("page", self.edition(doc, language), self.template("article.html"), self.site(language),
                      self.print_edition(doc, language) if with_pdf else None,
                      self.file(self.config.root / doc.image) if doc.image else None)

    def parallel_page(self, doc: Document, pair: tuple[Language, Language], with_pdf: bool) -> str:
        return digest("parallel", [self.edition(doc, lang) for lang in pair], self.template("parallel.html"),
                      self.template(templating.PARTS), [self.site(lang) for lang in pair], with_pdf)

    def parallel_print(self, doc: Document, pair: tuple[Language, Language]) -> str:
        return digest("parallel-print", [self.edition(doc, lang) for lang in pair],
                      self.template("parallel-print.html"), self.template(templating.PARTS),
                      self.file(layout.STATIC / "print.css"),
                      self.file(layout.STATIC / "parallel-print.css"), [self.site(lang) for lang in pair],
                      self.pictures, self.fonts, str(self.config.build_dir))

    def index_page(self, language: Language, listed: list[dict[str, Any]]) -> str:
        return digest("index", self.toolchain, self.settings, language.code, self.template("index.html"),
                      self.site(language), listed)

    def feed(self, language: Language, listed: list[dict[str, Any]], withheld: list[tuple[str, str]]) -> str:
        return digest("feed", self.toolchain, self.settings, language.code, self.template("feed.xml"),
                      self.site(language), listed, withheld)

    def home_page(self, latest: list[list[dict[str, Any]]]) -> str:
        """The home page lists each language's latest articles."""
        return digest("home", self.toolchain, self.settings, self.template("home.html"),
                      [self.site(language) for language in self.config.languages], latest)

    def not_found_page(self) -> str:
        return digest("404", self.toolchain, self.settings, self.template("404.html"),
                      [self.site(language) for language in self.config.languages])

    def sitemap(self, articles: list[tuple[str, str, str, tuple[str, ...]]]) -> str:
        return digest("sitemap", self.toolchain, self.settings, self.template("sitemap.xml"), articles)

    def robots(self) -> str:
        return digest("robots", self.toolchain, self.settings)

    def scaled(self, picture: Path, width: int) -> str:
        return digest("scaled", self.toolchain, self.file(picture), width)

    def web_fonts(self, faces: tuple[webfonts.Face, ...]) -> str:
        """The installed fonts they are cut from and the characters of each slice."""
        return digest("fonts", self.toolchain, webfonts.fingerprint(list(faces)),
                      [(face.name, face.family, str(face.source), face.index, face.weight, face.style,
                        face.characters) for face in faces])


def font_fingerprint() -> str:
    """The fonts fontconfig offers, each by path, size and modification time."""
    if shutil.which("fc-list") is None:
        return "no fontconfig"
    listing = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True).stdout
    fonts = []
    for name in sorted(set(listing.split("\n")) - {""}):
        try:
            stat = Path(name).stat()
        except OSError:
            continue
        fonts.append((name, stat.st_size, stat.st_mtime_ns))
    return digest(fonts)


def _version(name: str) -> str:
    from importlib import metadata  # here: only a build needs it, and it takes a while to import

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
