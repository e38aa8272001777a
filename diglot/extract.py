"""Extraction: the message catalogs (POT) of every domain, built with Babel.

One domain per document (its slug), and the ``site`` domain for the templates' strings (Babel's Jinja2
extractor) and the site settings that editions show (the foundation's name, the series).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from diglot import atomic
from diglot.config import CONFIG_FILE, SITE_DOMAIN, Config
from diglot.documents import Document, read_documents
from diglot.editions import strings as web_strings
from diglot.editions.stale import OUTDATED_NOTE
from diglot.pofile import StableCatalog, catalog_bytes
from diglot.segments import BACKLINK_TITLE, segment_document

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}


def extract_catalogs(config: Config, documents: list[Document]) -> dict[str, Catalog]:
    """The template catalog of every domain, keyed by domain, in a stable order."""
    return dict(iter_catalogs(config, documents))


def iter_catalogs(config: Config, documents: list[Document]) -> Iterator[tuple[str, Catalog]]:
    """The template catalog of every domain, one at a time: the documents' in order, then the site's."""
    newest = max((d.date for d in documents if d.date), default=dt.date(2000, 1, 1))
    for doc in documents:
        yield doc.domain, document_catalog(config, doc, doc.date or newest)
    yield SITE_DOMAIN, site_catalog(config, newest)


def extract(config: Config) -> list[Path]:
    """Write the template catalog of every domain; return the files that changed."""
    return write_templates(config, extract_catalogs(config, read_documents(config)))


def document_catalog(config: Config, doc: Document, date: dt.date) -> Catalog:
    """One message per segment of ``doc``, referenced to its line and commented with its block kind."""
    catalog = _new_catalog(config, doc.domain, date)
    for segment in segment_document(doc):
        catalog.add(segment.text, locations=[_location(doc.path.as_posix(), segment.line)],
                    auto_comments=[segment.kind], context=segment.context)
    return catalog


def site_catalog(config: Config, date: dt.date) -> Catalog:
    """The templates' strings and the site settings shown in the editions."""
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
    return atomic.write_bytes(pot_path(config, domain), catalog_bytes(catalog))


def pot_path(config: Config, domain: str) -> Path:
    """Where the template catalog of ``domain`` lives."""
    return config.translations_dir / "templates" / f"{domain}.pot"


def _new_catalog(config: Config, domain: str, date: dt.date) -> Catalog:
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
