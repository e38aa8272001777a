"""Extraction: the message catalogs (POT) of every domain, built with Babel.

One domain per document (its slug), and the ``site`` domain for the templates' strings (Babel's Jinja2
extractor) and the site settings that editions show (the foundation's name, the series).

:func:`make_templates` makes only what changed: a template whose inputs are those it was last made of
(diglot.sourcecache) and whose file still holds those bytes is taken as it is; the others are made on
every core, a process per core, since segmenting and writing a catalog is pure Python.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from diglot import atomic
from diglot.config import CONFIG_FILE, SITE_DOMAIN, Config
from diglot.documents import Document, read_documents
from diglot.sourcecache import SourceCache, template_key
from diglot.templatemaker import TemplateMaker

# Babel, Markdown and process pools are imported where they are used: an extraction that finds every
# template up to date needs none of them, and then finishes in the time Python takes to start.
if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}


@dataclass(frozen=True)
class Template:
    """The template of a domain: where it lives, its bytes, and whether they were made in this run."""

    domain: str
    path: Path
    data: bytes
    made: bool


# Below this many templates to make, starting processes costs more than it saves.
_POOL_FROM = 8


def make_templates(config: Config, documents: list[Document], cache: SourceCache,
                   jobs: int | None = None, maker: TemplateMaker | None = None) -> list[Template]:
    """The template of every domain, the documents' in order, then the site's; made only where the cache
    cannot vouch for the file on disk, on up to ``jobs`` processes (default: every core), or a few by
    ``maker`` (which is used or stopped here)."""
    newest = newest_date(documents)
    wanted = [(doc.domain, doc, doc.date or newest) for doc in documents] + [(SITE_DOMAIN, None, newest)]
    # A template without a date of its own (the site's, a note's) is keyed without the one it borrows:
    # a newer article is no reason to make it again.
    keys = [template_key(cache.salt, "site" if doc is None else _document_inputs(doc),
                         date if doc is not None and doc.date else "undated") for _, doc, date in wanted]
    found: dict[str, bytes] = {}
    missing = []
    for (domain, doc, date), key in zip(wanted, keys, strict=True):
        path = pot_path(config, domain)
        on_disk = path.read_bytes() if path.is_file() else None
        if on_disk is not None and cache.template(domain, key, on_disk):
            found[domain] = on_disk
        else:
            missing.append((config, doc, date))
    made = dict(zip((SITE_DOMAIN if doc is None else doc.domain for _, doc, _ in missing),
                    _made(missing, jobs, maker), strict=True))
    for _, doc, _ in missing:
        path = pot_path(config, SITE_DOMAIN if doc is None else doc.domain)
        if (doc is None or doc.date is None) and path.is_file():
            made[path.stem] = same_but_date(path.read_bytes(), made[path.stem])
    for (domain, _, _), key in zip(wanted, keys, strict=True):
        if domain in made:
            cache.made_template(domain, key, made[domain])
    return [Template(domain, pot_path(config, domain), made.get(domain) or found[domain], domain in made)
            for domain, _, _ in wanted]


# What a template's date sets: its copyright year and its two header dates.
_DATED = re.compile(rb'^(?:# Copyright \(C\) \d+ .*|"POT-Creation-Date: [^"\n]*\\n"|"PO-Revision-Date: [^"\n]*\\n")$',
                    re.M)


def same_but_date(on_disk: bytes, made: bytes) -> bytes:
    """``on_disk`` when it differs from ``made`` in its date alone (year, header dates): an undated
    template keeps the date its messages last changed on, so that adding an article leaves the catalogs
    it does not touch byte for byte as they were."""
    return on_disk if _DATED.sub(b"", on_disk) == _DATED.sub(b"", made) else made


def newest_date(documents: list[Document]) -> dt.date:
    """The date of the newest document: a catalog's date when its document has none (notes, the site)."""
    return max((d.date for d in documents if d.date), default=dt.date(2000, 1, 1))


def _document_inputs(doc: Document) -> list[object]:
    # The body by its digest: hashing it costs a fraction of writing it out as JSON, on every run.
    body = hashlib.sha256(doc.body.encode("utf-8")).hexdigest()
    return [doc.path.as_posix(), body, doc.body_line, [[f.key, f.text, f.line] for f in doc.fields]]


def _made(missing: list[tuple[Config, Document | None, dt.date]], jobs: int | None,
          maker: TemplateMaker | None = None) -> list[bytes]:
    if maker is not None and maker.pid is not None and 0 < len(missing) < _POOL_FROM and jobs != 1:
        return maker.make(missing)
    if maker is not None:
        maker.close()
    if len(missing) < _POOL_FROM or jobs == 1:
        return [make_template(item) for item in missing]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from diglot.workers import default_jobs

    jobs = jobs or default_jobs()
    if jobs < 2:
        return [make_template(item) for item in missing]

    # Forked: the workers have every module the parent imported, and the documents come by pickle.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(make_template, missing, chunksize=max(1, len(missing) // (jobs * 4))))


def make_template(item: tuple[Config, Document | None, dt.date]) -> bytes:
    from diglot.potwriter import template_bytes

    config, doc, date = item
    return template_bytes(site_catalog(config, date) if doc is None else document_catalog(config, doc, date))


def extract_catalogs(config: Config, documents: list[Document]) -> dict[str, Catalog]:
    """The template catalog of every domain, keyed by domain, in a stable order."""
    return dict(iter_catalogs(config, documents))


def iter_catalogs(config: Config, documents: list[Document]) -> Iterator[tuple[str, Catalog]]:
    """The template catalog of every domain, one at a time: the documents' in order, then the site's."""
    newest = newest_date(documents)
    for doc in documents:
        yield doc.domain, document_catalog(config, doc, doc.date or newest)
    yield SITE_DOMAIN, site_catalog(config, newest)


def extract(config: Config) -> list[Path]:
    """Write the template catalog of every domain; return the files that changed."""
    maker = TemplateMaker()  # forked first: it imports the segmenter while the sources are read
    try:
        cache = SourceCache.open(config)
        templates = make_templates(config, read_documents(config, cache), cache, maker=maker)
    finally:
        maker.close()
    changed = [t.path for t in templates if t.made and atomic.write_bytes(t.path, t.data)]
    cache.save(complete=("documents", "templates"))
    return changed


def document_catalog(config: Config, doc: Document, date: dt.date) -> Catalog:
    """One message per segment of ``doc``, referenced to its line and commented with its block kind."""
    from diglot.segments import segment_document

    catalog = _new_catalog(config, doc.domain, date)
    for segment in segment_document(doc):
        catalog.add(segment.text, locations=[_location(doc.path.as_posix(), segment.line)],
                    auto_comments=[segment.kind], context=segment.context)
    return catalog


def site_catalog(config: Config, date: dt.date) -> Catalog:
    """The templates' strings and the site settings shown in the editions."""
    from babel.messages.extract import extract_from_file

    from diglot.editions import strings as web_strings
    from diglot.editions.stale import OUTDATED_NOTE
    from diglot.segments import BACKLINK_TITLE

    catalog = _new_catalog(config, SITE_DOMAIN, date)
    # Settings and code strings are referenced by file alone: a line number there would move with every
    # unrelated edit of pyproject.toml or the module, and change every site catalog with it.
    for key, value in (("name", config.name), ("series", config.series)):
        catalog.add(value, locations=[_location(CONFIG_FILE, None)], auto_comments=[f"site setting: {key}"])
    catalog.add(BACKLINK_TITLE, locations=[_location("diglot/segments.py", None)],
                auto_comments=["the title of a footnote's link back to the text; %d is its number"])
    for text in web_strings.MESSAGES:
        catalog.add(text, locations=[_location("diglot/editions/strings.py", None)])
    catalog.add(OUTDATED_NOTE, locations=[_location("diglot/editions/stale.py", None)],
                auto_comments=["the note on a passage that shows its previous translation, marked outdated"])
    for template in sorted(TEMPLATES.glob("*.html")):
        reference = template.relative_to(PACKAGE.parent).as_posix()
        for line, message, comments, context in extract_from_file(
                "jinja2.ext:babel_extract", template, options=_JINJA_OPTIONS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            catalog.add(message, locations=[(reference, line)], auto_comments=comments, context=context)
    return catalog


def _location(path: str, line: int | None) -> tuple[str, int]:
    """A message's ``#:`` reference; Babel writes the path alone where the line is None, though its type
    hints ask for a number."""
    return cast(tuple[str, int], (path, line))


def write_templates(config: Config, catalogs: dict[str, Catalog]) -> list[Path]:
    """Write ``translations/templates/<domain>.pot``; return the files that changed."""
    return [pot_path(config, domain) for domain, catalog in catalogs.items()
            if write_template(config, domain, catalog)]


def write_template(config: Config, domain: str, catalog: Catalog) -> bool:
    """Write the template catalog of ``domain``; True when the file changed."""
    from diglot.pofile import catalog_bytes

    return atomic.write_bytes(pot_path(config, domain), catalog_bytes(catalog))


def pot_path(config: Config, domain: str) -> Path:
    """Where the template catalog of ``domain`` lives."""
    return config.translations_dir / "templates" / f"{domain}.pot"


def _new_catalog(config: Config, domain: str, date: dt.date) -> Catalog:
    from diglot.pofile import StableCatalog

    # Dates come from the sources, never the clock: the same sources and diglot give the same bytes.
    when = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    return StableCatalog(domain=domain, project=config.series, version=domain,
                   copyright_holder=config.name, creation_date=when, revision_date=when,
                   charset="utf-8", header_comment=_HEADER.format(domain=domain, name=config.name))


_HEADER = """\
# Translations template for {domain}.
# Copyright (C) YEAR {name}
# Generated by diglot from the sources; edit the sources, not this file.
#"""
