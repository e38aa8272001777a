"""Updating the catalogs: extract the templates, then create or merge every target language's PO files."""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from diglot import atomic
from diglot.catalogs import domains, po_path
from diglot.config import Config
from diglot.documents import read_documents
from diglot.extract import iter_catalogs, pot_path
from diglot.gettext_tools import require_tools
from diglot.memory import merged_with_memory
from diglot.pofile import catalog_bytes
from diglot.workers import default_jobs


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed.

    New and changed messages are offered the translations the archive already has (the translation
    memory, :mod:`diglot.memory`). Each domain's catalogs are merged (msgmerge, then msgfmt --check) as
    soon as its template is made, several at once, while the next domains are extracted. Files are
    written only once every merge has succeeded: one broken catalog leaves every file as it was.
    """
    require_tools()
    documents = read_documents(config)
    outputs: list[tuple[Path, bytes | Future[bytes]]] = []
    with tempfile.TemporaryDirectory(prefix="diglot-") as tmp, \
            ThreadPoolExecutor(default_jobs()) as pool:  # threads suffice: the work is in the gettext tools
        every_domain = domains(config, documents)
        for domain, (name, catalog) in zip(every_domain, iter_catalogs(config, documents), strict=True):
            template, data = Path(tmp) / f"{name}.pot", catalog_bytes(catalog)
            template.write_bytes(data)
            outputs.append((pot_path(config, name), data))
            keys = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
            outputs += [(po_path(config, language, name),
                         pool.submit(merged_with_memory, config, every_domain, domain, language, template, keys))
                        for language in domain.targets(config)]
        results = [(path, data.result() if isinstance(data, Future) else data) for path, data in outputs]
    return [path for path, data in results if atomic.write_bytes(path, data)]
