"""Updating the catalogs: extract the templates, then create or merge every target language's PO files.

It goes only as far as what changed (diglot.sourcecache): a source read before is not parsed again, a
template whose file holds what extraction would make is not made again, and a complete catalog that
msgmerge left unchanged with the very same template and tools is not merged again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from diglot import atomic, boundary
from diglot.config import Config
from diglot.documents import read_documents
from diglot.extract import make_templates
from diglot.sourcecache import SourceCache
from diglot.templatemaker import TemplateMaker

if TYPE_CHECKING:
    from concurrent.futures import Future


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed.

    New and changed messages are offered the translations the archive already has (the translation
    memory, :mod:`diglot.memory`). Catalogs are merged (msgmerge, then msgfmt --check) several at once.
    Files are written only once every merge has succeeded: one broken catalog leaves every file as it was.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    from diglot.catalogs import domains, entry_keys, po_path
    from diglot.gettext_tools import require_tools
    from diglot.memory import merged_with_memory, needs_memory
    from diglot.renames import orphan_template, renamed_from
    from diglot.verdicts import Verdicts
    from diglot.workers import default_jobs

    require_tools()
    verdicts = Verdicts(config.build_dir)  # msgfmt's, kept only if every merge succeeds
    maker = TemplateMaker()  # forked first: it imports the segmenter while the sources are read
    try:
        cache = SourceCache.open(config)
        documents = read_documents(config, cache)
        templates = make_templates(config, documents, cache, maker=maker)
    finally:
        maker.close()
    outputs: list[tuple[Path, bytes | Future[bytes]]] = []
    merges: list[tuple[str, bytes, bytes | None, Future[bytes]]] = []
    carried: dict[Path, Path] = {}  # the catalogs of renamed documents, and their templates
    with tempfile.TemporaryDirectory(prefix="diglot-") as tmp, \
            ThreadPoolExecutor(default_jobs()) as pool:  # threads suffice: the work is in the gettext tools
        every_domain = domains(config, documents)
        for domain, template in zip(every_domain, templates, strict=True):
            outputs.append((template.path, template.data))
            keys = entry_keys(template.data.decode("utf-8"), "")
            pot: Path | None = None
            for language in domain.targets(config):
                path = po_path(config, language, domain.name)
                before = path.read_bytes() if path.is_file() else None
                orphan = renamed_from(config, every_domain, language, keys) if before is None else None
                if orphan is not None and orphan.path in carried:
                    orphan = None  # taken up by another new document already
                if orphan is not None:
                    carried[orphan.path] = orphan_template(config, orphan)
                name = f"{language.code}/{domain.name}"
                # Only a catalog that takes nothing from the memory merges to the same bytes as before.
                if before is not None and not needs_memory(before, keys) and \
                        cache.fixed_point(name, template.data, before):
                    continue
                if pot is None:
                    pot = Path(tmp) / f"{domain.name}.pot"
                    pot.write_bytes(template.data)
                merged = pool.submit(merged_with_memory, config, every_domain, domain, language, pot, keys,
                                     verdicts, orphan.path if orphan is not None else None)
                outputs.append((path, merged))
                merges.append((name, template.data, before, merged))
        results = [(path, data.result() if isinstance(data, Future) else data) for path, data in outputs]
    changed = [path for path, data in results if atomic.write_bytes(path, data)]
    # A renamed document's old catalog and template go once the new catalog holds what they held.
    changed += [path for old in carried.items() for path in old if boundary.remove(path)]
    for name, template_data, before, merged in merges:
        cache.merged(name, template_data, before, merged.result())
    cache.save(complete=("documents", "templates", "merges"))
    verdicts.save()
    return changed
