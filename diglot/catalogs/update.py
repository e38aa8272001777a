"""Updating the catalogs: extract the POTs, then create or merge every target language's PO files.

It goes only as far as what changed (diglot.sources.sourcecache): a source read before is not parsed again, a
POT whose file holds what extraction would make is not made again, and a complete catalog that
msgmerge left unchanged with the very same POT and tools is not merged again.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from diglot.catalogs import potmaker
from diglot.catalogs.domains import domains, po_path
from diglot.catalogs.extract import make_pots
from diglot.catalogs.gettext_tools import require_tools
from diglot.catalogs.memory import merged_with_memory, needs_memory
from diglot.catalogs.pofile import entry_keys
from diglot.catalogs.renames import orphan_pot, renamed_from
from diglot.catalogs.verdicts import Verdicts
from diglot.config import Config
from diglot.files import atomic, boundary, scratch
from diglot.sources.documents import read_documents
from diglot.sources.sourcecache import SourceCache
from diglot.workers import default_jobs


def update(config: Config) -> list[Path]:
    """Extract, then create or merge every target language's catalog; return the files that changed.

    New and changed messages are offered the translations the archive already has (the translation
    memory, :mod:`diglot.catalogs.memory`). Catalogs are merged (msgmerge, then msgfmt --check) several at once.
    Files are written only once every merge has succeeded: one broken catalog leaves every file as it was.
    """
    require_tools()
    verdicts = Verdicts(config.build_dir)  # msgfmt's, kept only if every merge succeeds
    maker = potmaker.started()  # forked first: it imports the segmenter while the sources are read
    try:
        cache = SourceCache.open(config)
        documents = read_documents(config, cache)
        pots = make_pots(config, documents, cache, maker=maker)
    finally:
        if maker is not None:
            maker.close()
    outputs: list[tuple[Path, bytes | Future[bytes]]] = []
    merges: list[tuple[str, bytes, bytes | None, Future[bytes]]] = []
    carried: dict[Path, Path] = {}  # the catalogs of renamed documents, and their POTs
    with scratch.folder(config.build_dir, "update-") as tmp, \
            ThreadPoolExecutor(default_jobs()) as pool:  # threads suffice: the work is in the gettext tools
        every_domain = domains(config, documents)
        for domain, extracted in zip(every_domain, pots, strict=True):
            outputs.append((extracted.path, extracted.data))
            keys = entry_keys(extracted.data.decode("utf-8"), "")
            pot: Path | None = None
            for language in domain.targets(config):
                path = po_path(config, language, domain.name)
                before = path.read_bytes() if path.is_file() else None
                orphan = renamed_from(config, every_domain, language, keys) if before is None else None
                if orphan is not None and orphan.path in carried:
                    orphan = None  # taken up by another new document already
                if orphan is not None:
                    carried[orphan.path] = orphan_pot(config, orphan)
                name = f"{language.code}/{domain.name}"
                # Only a catalog that takes nothing from the memory merges to the same bytes as before.
                if before is not None and not needs_memory(before, keys) and \
                        cache.fixed_point(name, extracted.data, before):
                    continue
                if pot is None:
                    pot = tmp / f"{domain.name}.pot"
                    pot.write_bytes(extracted.data)
                merged = pool.submit(merged_with_memory, config, every_domain, domain, language, pot, keys,
                                     verdicts, orphan.path if orphan is not None else None)
                outputs.append((path, merged))
                merges.append((name, extracted.data, before, merged))
        results = [(path, data.result() if isinstance(data, Future) else data) for path, data in outputs]
    changed = [path for path, data in results if atomic.write_bytes(path, data)]
    # A renamed document's old catalog and POT go once the new catalog holds what they held.
    changed += [path for old in carried.items() for path in old if boundary.remove(path)]
    for name, pot_data, before, merged in merges:
        cache.merged(name, pot_data, before, merged.result())
    cache.save(complete=("documents", "templates", "merges"))
    verdicts.save()
    return changed
