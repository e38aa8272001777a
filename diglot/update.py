"""Updating the catalogs: extract the templates, then create or merge every target language's PO files."""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from diglot import atomic
from diglot.catalogs import domains, merged_catalog, po_path
from diglot.config import Config
from diglot.documents import read_documents
from diglot.extract import iter_catalogs, pot_path
from diglot.gettext_tools import require_tools
from diglot.pofile import catalog_bytes
from diglot.workers import default_jobs


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed.

    Each domain's catalogs are merged (msgmerge, then msgfmt --check) as soon as its template is made,
    several at once, while the next domains are extracted. Files are written only once every merge has
    succeeded: one broken catalog leaves every file as it was.
    """
    require_tools()
    documents = read_documents(config)
    outputs: list[tuple[Path, bytes | Future[bytes]]] = []
    with tempfile.TemporaryDirectory(prefix="diglot-") as tmp, \
            ThreadPoolExecutor(default_jobs()) as pool:  # threads suffice: the work is in the gettext tools
        for domain, (name, catalog) in zip(domains(config, documents), iter_catalogs(config, documents), strict=True):
            template, data = Path(tmp) / f"{name}.pot", catalog_bytes(catalog)
            template.write_bytes(data)
            outputs.append((pot_path(config, name), data))
            outputs += [(po_path(config, language, name),
                         pool.submit(merged_catalog, config, domain, language, template))
                        for language in domain.targets(config)]
        results = [(path, data.result() if isinstance(data, Future) else data) for path, data in outputs]
    return [path for path, data in results if atomic.write_bytes(path, data)]
