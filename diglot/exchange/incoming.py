"""Incoming translations: a PO file from outside (email, Weblate) replaces the repository's copy only once
it is known to be good.

It is read once, as a regular file within the size limit (never a folder, FIFO or device), and only that
copy is used from then on. It must parse as strictly as msgfmt (UTF-8, no conflict markers), belong to a
known domain and target language, and pass ``diglot check`` without errors. It is then merged with the
repository's copy, so that a message the translator left empty keeps the translation the repository
already had, and with the current POT, so that it matches the sources; msgfmt checks the result
before it replaces the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from diglot.catalogs.domains import Domain, domains, merge, po_path
from diglot.catalogs.extract import iter_catalogs
from diglot.catalogs.gettext_tools import require_tools, run_tool
from diglot.catalogs.glossary import read_glossary
from diglot.catalogs.pofile import (
    catalog_bytes,
    check_header,
    header_field,
    messages,
    parse_catalog,
    read_catalog,
    with_header_field,
)
from diglot.checks import ERROR, CheckedCatalog, Finding, check_catalog
from diglot.config import SITE_DOMAIN, Config, Language
from diglot.errors import DiglotError
from diglot.files import atomic, boundary, scratch
from diglot.sources.documents import Document, read_documents


@dataclass(frozen=True)
class Received:
    """What became of an incoming catalog: where it belongs, whether it was taken, and the findings."""

    target: Path
    accepted: bool
    changed: bool = False
    findings: list[Finding] = field(default_factory=list)


def receive(config: Config, incoming: Path, domain: str | None = None, language: str | None = None) -> Received:
    """Validate ``incoming`` and, if it is good, merge it into the repository's catalog."""
    require_tools()
    data = boundary.read_bytes(incoming, outside=True, limits=config.limits)
    catalog = parse_catalog(data, incoming)
    if not messages(catalog):
        raise DiglotError(incoming, 1, "holds no messages", "send the translated PO file itself")
    documents = read_documents(config)
    target_language = _language(config, incoming, catalog, language)
    check_header(catalog, data, incoming, target_language.code)
    name = domain or _domain_named(config, documents, incoming, catalog)
    target_domain = _domain(config, documents, incoming, name, target_language)
    target = po_path(config, target_language, target_domain.name)
    context = CheckedCatalog(incoming, target_domain.name, target_domain.source, target_language,
                      read_glossary(config, target_language))
    findings = check_catalog(catalog, context)
    if any(finding.severity == ERROR for finding in findings):
        return Received(target, accepted=False, findings=findings)
    merged = _merged(config, documents, incoming, data, target, target_domain, target_language)
    return Received(target, accepted=True, changed=atomic.write_bytes(target, merged), findings=findings)


def _merged(config: Config, documents: list[Document], incoming: Path, data: bytes, target: Path,
            domain: Domain, language: Language) -> bytes:
    extracted = next(catalog for name, catalog in iter_catalogs(config, documents) if name == domain.name)
    with scratch.folder(config.build_dir, "receive-") as tmp:
        pot, combined, copy = tmp / "template.pot", tmp / "combined.po", tmp / "incoming.po"
        pot.write_bytes(catalog_bytes(extracted))
        copy.write_bytes(data)
        if target.exists():
            read_catalog(target, config.root)  # the repository's copy must be sound too
        # The translator's work first; the repository's where the incoming file has none.
        sources = [str(copy)] + ([str(target)] if target.exists() else [])
        run_tool(["msgcat", "--use-first", "--output-file", str(combined), *sources], incoming)
        # The translator's header came first; the language and its plural forms stay the repository's.
        combined.write_bytes(_with_own_language(combined.read_bytes(), target, language))
        return merge(combined, pot, incoming, tmp)


def _with_own_language(data: bytes, target: Path, language: Language) -> bytes:
    """``data`` with the Language and Plural-Forms header fields of ``target`` (or of ``language``, for a
    new catalog): a received file never changes them."""
    own = target.read_bytes() if target.exists() else b""
    for name, value in (("Language", language.code), ("Plural-Forms", Catalog(locale=language.code).plural_forms)):
        data = with_header_field(data, name, header_field(own, name) or value)
    return data


def _language(config: Config, path: Path, catalog: Catalog, code: str | None) -> Language:
    code = code or dict(catalog.mime_headers).get("Language", "").strip()
    if not code:
        raise DiglotError(path, 1, "the catalog names no language", "pass --language, e.g. --language zh_Hant")
    try:
        return config.language(code)  # zh_Hant as gettext spells it, zh-Hant as Weblate and HTML do
    except DiglotError:
        known = ", ".join(language.code for language in config.languages)
        raise DiglotError(path, 1, f"unknown language {code!r}",
                          f"pass --language with one of the site's languages: {known}") from None


def _domain_named(config: Config, documents: list[Document], path: Path, catalog: Catalog) -> str:
    """The domain an incoming file belongs to: the one its name says (``<slug>.po``), else the one its
    entries' ``#:`` references name, as Weblate and Poedit keep them (``Weblate-download.po``)."""
    names = {domain.name for domain in domains(config, documents)}
    if path.stem in names:
        return path.stem
    by_source = {doc.path.as_posix(): doc.domain for doc in documents}
    found = Counter(by_source.get(location, Path(location).stem if location.startswith("source/") else SITE_DOMAIN)
                    for message in messages(catalog) for location, _ in message.locations)
    if not found:
        return path.stem  # no references: _domain says what to do
    (name, _), *rest = found.most_common()
    if rest and rest[0][1] * 4 > found[name]:  # a file mixing documents is no one's translation
        raise DiglotError(path, None, f"its entries come from several documents ({', '.join(sorted(found))})",
                          "pass --domain with the one it translates")
    return name


def _domain(config: Config, documents: list[Document], path: Path, name: str, language: Language) -> Domain:
    found = {domain.name: domain for domain in domains(config, documents)}
    if name not in found:
        raise DiglotError(path, None, f"no document or catalog is called {name!r}",
                          f"keep the #: references of its entries, name the file <domain>.po, or pass "
                          f"--domain, one of: {', '.join(found)}")
    if language not in found[name].targets(config):
        raise DiglotError(path, 1, f"{name} is written in {language.code}, so it has no {language.code} "
                          "translation", "check the catalog's Language header or --language")
    return found[name]
