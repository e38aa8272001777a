"""Digests of what outputs are made of, exactly their inputs, so that a build redoes only what changed: the
ingredients each kind's digest is made of (:mod:`diglot.outputs.kinds` says which each kind takes).

=====================  ==================================================================================
ingredient             what it covers
=====================  ==================================================================================
every output           diglot (its version and its code), the libraries that shape the output, the
                       validated ``[tool.diglot]`` settings
an edition's texts     the article's source, the foundation notes' sources, and the PO files that
                       translate each of them into the edition's language
a print edition        the edition's texts, ``print.html`` and the templates it includes, ``print.css``,
                       the site catalog of the language, the pictures, the fonts, the build folder
                       (WeasyPrint writes relative links out as absolute ``file:`` URLs); for a parallel
                       edition the texts and site catalogs of both, ``parallel-print.html`` and the
                       front-matter macros of ``article-parts.html``, ``parallel-print.css``: what its
                       PDF, the press PDF, the download copy and the page linking it are made of
the press settings     the ``[tool.diglot.press]`` settings and the output profile (see
                       :mod:`diglot.pdf.press`)
the web assets         the fingerprinted names a web page links: its stylesheets and the fonts' files
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

import diglot
from diglot import layout
from diglot.catalogs.translate import Translators
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.editions import templating, webfonts
from diglot.files import boundary
from diglot.pdf import press
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

    def parallel_print(self, doc: Document, pair: tuple[Language, Language]) -> str:
        return digest("parallel-print", [self.edition(doc, lang) for lang in pair],
                      self.template("parallel-print.html"), self.template(templating.PARTS),
                      self.file(layout.STATIC / "print.css"),
                      self.file(layout.STATIC / "parallel-print.css"), [self.site(lang) for lang in pair],
                      self.pictures, self.fonts, str(self.config.build_dir))

    @cached_property
    def press(self) -> str:
        """The press settings and the output profile."""
        return digest(press.settings(self.config.press), self.file(press.PROFILE))

    def web_assets(self, faces: tuple[webfonts.Face, ...], stylesheets: tuple[str, ...]) -> str:
        """What a web page links by fingerprinted name: its stylesheets (site paths) and the fonts' files."""
        assets = templating.web_assets()
        return digest("assets", [assets[path] for path in stylesheets], [face.name for face in faces])


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
