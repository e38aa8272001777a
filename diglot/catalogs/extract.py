"""Extraction: the message catalogs (POT) of every domain, built with Babel.

One domain per document (its slug), and the ``site`` domain for the templates' strings (Babel's Jinja2
extractor) and the site settings that editions show (the foundation's name, the series).

:func:`make_pots` makes only what changed: a POT whose inputs are those it was last made of
(diglot.sources.sourcecache) and whose file still holds those bytes is taken as it is; the others are made on
every core, a process per core, since segmenting and writing a catalog is pure Python.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from diglot.catalogs import potmaker
from diglot.catalogs.pot import document_catalog, make_pot, site_catalog
from diglot.config import SITE_DOMAIN, Config
from diglot.files import atomic
from diglot.sources.documents import Document, read_documents
from diglot.sources.sourcecache import SourceCache, pot_key

# Babel, Markdown and process pools are imported where they are used: an extraction that finds every
# POT up to date needs none of them, and then finishes in the time Python takes to start.
if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


@dataclass(frozen=True)
class Pot:
    """The POT of a domain: where it lives, its bytes, and whether they were made in this run."""

    domain: str
    path: Path
    data: bytes
    made: bool


# Below this many POTs to make, starting processes costs more than it saves.
_POOL_FROM = 8


def make_pots(config: Config, documents: list[Document], cache: SourceCache,
              jobs: int | None = None, maker: potmaker.PotMaker | None = None) -> list[Pot]:
    """The POT of every domain, the documents' in order, then the site's; made only where the cache
    cannot vouch for the file on disk, on up to ``jobs`` processes (default: every core), or a few by
    ``maker`` (which is used or stopped here)."""
    newest = newest_date(documents)
    wanted = [(doc.domain, doc, doc.date or newest) for doc in documents] + [(SITE_DOMAIN, None, newest)]
    # A POT without a date of its own (the site's, a note's) is keyed without the one it borrows:
    # a newer article is no reason to make it again.
    keys = [pot_key(cache.salt, "site" if doc is None else _document_inputs(doc),
                    date if doc is not None and doc.date else "undated") for _, doc, date in wanted]
    found: dict[str, bytes] = {}
    missing = []
    for (domain, doc, date), key in zip(wanted, keys, strict=True):
        path = pot_path(config, domain)
        on_disk = path.read_bytes() if path.is_file() else None
        if on_disk is not None and cache.pot(domain, key, on_disk):
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
            cache.made_pot(domain, key, made[domain])
    return [Pot(domain, pot_path(config, domain), made.get(domain) or found[domain], domain in made)
            for domain, _, _ in wanted]


# What a POT's date sets: its copyright year and its two header dates.
_DATED = re.compile(rb'^(?:# Copyright \(C\) \d+ .*|"POT-Creation-Date: [^"\n]*\\n"|"PO-Revision-Date: [^"\n]*\\n")$',
                    re.M)


def same_but_date(on_disk: bytes, made: bytes) -> bytes:
    """``on_disk`` when it differs from ``made`` in its date alone (year, header dates): an undated
    POT keeps the date its messages last changed on, so that adding an article leaves the catalogs
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
          maker: potmaker.PotMaker | None = None) -> list[bytes]:
    if maker is not None and maker.pid is not None and 0 < len(missing) < _POOL_FROM and jobs != 1:
        return maker.make(missing)
    if maker is not None:
        maker.close()
    if len(missing) < _POOL_FROM or jobs == 1:
        return [make_pot(item) for item in missing]
    import multiprocessing  # lazy: only a cold extraction of many POTs starts a pool
    from concurrent.futures import ProcessPoolExecutor  # lazy: as above

    from diglot.workers import default_jobs  # lazy: as above

    jobs = jobs or default_jobs()
    if jobs < 2:
        return [make_pot(item) for item in missing]

    # Forked: the workers have every module the parent imported, and the documents come by pickle.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(make_pot, missing, chunksize=max(1, len(missing) // (jobs * 4))))


def extract_catalogs(config: Config, documents: list[Document]) -> dict[str, Catalog]:
    """The POT of every domain, keyed by domain, in a stable order."""
    return dict(iter_catalogs(config, documents))


def iter_catalogs(config: Config, documents: list[Document]) -> Iterator[tuple[str, Catalog]]:
    """The POT of every domain, one at a time: the documents' in order, then the site's."""
    newest = newest_date(documents)
    for doc in documents:
        yield doc.domain, document_catalog(config, doc, doc.date or newest)
    yield SITE_DOMAIN, site_catalog(config, newest)


def extract(config: Config) -> list[Path]:
    """Write the POT of every domain; return the files that changed."""
    maker = potmaker.started()  # forked first: it imports the segmenter while the sources are read
    try:
        cache = SourceCache.open(config)
        pots = make_pots(config, read_documents(config, cache), cache, maker=maker)
    finally:
        if maker is not None:
            maker.close()
    changed = [t.path for t in pots if t.made and atomic.write_bytes(t.path, t.data)]
    cache.save(complete=("documents", "templates"))
    return changed


def pot_path(config: Config, domain: str) -> Path:
    """Where the POT of ``domain`` lives."""
    return config.translations_dir / "templates" / f"{domain}.pot"


