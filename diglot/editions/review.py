"""The review edition: one catalog laid out for its translators and editors, as HTML and as PDF.

Each message of the current sources stands beside its translation with its state (translated; fuzzy, with
a word diff from the source text it was translated from, GNU's ``#|`` previous msgid, to the text now;
untranslated), its ``#:`` location, its PO line, and the ``diglot check`` findings on it; a summary of the
catalog heads the page. It is written to ``build/review/<lang>/<domain>.html`` and ``.pdf``, outside the
web edition: never deployed.

The page is made from ``review.html``, in English as diglot's own messages are; each source and
translation carries its language. WeasyPrint renders the same HTML for paper, reading nothing outside
``build/review``.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import denormalize
from markupsafe import Markup, escape

from diglot import layout
from diglot.catalogs.domains import Domain, domains, po_path
from diglot.catalogs.extract import extract_catalogs
from diglot.catalogs.glossary import read_glossary
from diglot.catalogs.pofile import messages, read_catalog
from diglot.catalogs.status import CatalogStatus, catalog_status
from diglot.catalogs.translate import Translators
from diglot.checks import CheckedCatalog, Finding, check_catalog
from diglot.config import Config, Language
from diglot.editions.templating import Templates
from diglot.errors import DiglotError
from diglot.files import atomic, boundary
from diglot.sources.documents import Document, read_documents

# A word diff's units: a Han character alone (Chinese has no spaces), a word, a run of spaces, a sign.
_TOKENS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Entry:
    """One message as a reviewer sees it."""

    source: str
    translation: str
    state: str  # "translated", "fuzzy", "untranslated" (also when the catalog lacks the message)
    kind: str  # the ``#.`` comment: the block kind
    locations: tuple[str, ...]  # the ``#:`` references, ``path:line``
    context: str | None
    line: int | None  # the entry's msgid line in the PO file
    diff: Markup | None  # fuzzy: the previous source text against the current one
    findings: tuple[Finding, ...]
    index: int = 0  # its place in the catalog, from 1: the page's anchors

    @property
    def attention(self) -> bool:
        """Whether a reviewer has something to do here: a translation to make or review, a finding."""
        return self.state != "translated" or bool(self.findings)


@dataclass(frozen=True)
class Review:
    """A catalog under review: its domain, language, file, summary and entries in source order."""

    domain: Domain
    language: Language
    catalog: Path  # relative to the project root
    status: CatalogStatus
    entries: tuple[Entry, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for entry in self.entries for f in entry.findings)


def review(config: Config, domain_name: str, language: Language | None = None) -> Review:
    """The review of the ``language`` catalog of ``domain_name`` (a document's slug, or ``site``); without
    ``language``, of its one translation (DiglotError when it has several)."""
    documents = read_documents(config)
    domain = _domain(config, documents, domain_name, language)
    language = language or _only_target(config, domain)
    path = po_path(config, language, domain.name)
    catalog = read_catalog(path, config.root) if path.exists() else None
    template = extract_catalogs(config, documents)[domain.name]
    findings = _findings(config, domain, language, path, catalog)
    previous = previous_msgids(boundary.read_bytes(path).decode("utf-8")) if catalog is not None else {}
    entries = {(m.context, m.id): m for m in messages(catalog)} if catalog is not None else {}
    status = next(row for row in catalog_status(config)
                  if row.domain == domain.name and row.language == language.code)
    return Review(domain, language, path.relative_to(config.root), status, tuple(
        _entry(index, message, entries.get((message.context, message.id)), previous, findings)
        for index, message in enumerate(messages(template), start=1)))


def make_review(config: Config, domain: str, language: Language | None, with_pdf: bool = True
                ) -> tuple[Review, list[Path]]:
    """Write the review edition of the ``language`` catalog of ``domain`` (of its one translation, when
    None); return it and the files written."""
    report = review(config, domain, language)
    language = report.language
    templates = Templates(config, Translators(config))
    page = layout.review(language, domain, "html")
    html, _ = templates.render("review.html", config.source_language, page=page, review=report,
                               source=report.domain.source, target=language,
                               css=Markup(templates.stylesheet("review.css")))
    pdf = None
    if with_pdf:
        # WeasyPrint loads only where a PDF is asked for: it takes longer to import than the page takes to make.
        from diglot.pdf import weasy
        from diglot.pdf.fonts import require_pdf_renderer  # lazy: as above

        require_pdf_renderer()
        folder = config.build_dir / layout.REVIEW
        pdf = weasy.renderer(folder, os.urandom(8).hex()).pdf(html, config.build_dir / page).data
    return report, write_review(config, report, html, pdf)


def write_review(config: Config, report: Review, html: str, pdf: bytes | None) -> list[Path]:
    """Write a review's HTML (and PDF) below ``build/review``; return the files whose bytes changed."""
    written = []
    for extension, data in (("html", html.encode("utf-8")), ("pdf", pdf)):
        if data is None:
            continue
        path = config.build_dir / layout.review(report.language, report.domain.name, extension)
        if atomic.write_bytes(path, data):
            written.append(path)
    return written


def word_diff(old: str, new: str) -> Markup:
    """``new`` as HTML, with what ``old`` had and it lacks in ``<del>`` and what it adds in ``<ins>``."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(Markup("<del>%s</del>") % "".join(before[i1:i2]))
        if tag in ("insert", "replace"):
            parts.append(Markup("<ins>%s</ins>") % "".join(after[j1:j2]))
        if tag == "equal":
            parts.append(escape("".join(after[j1:j2])))
    return Markup("").join(parts)


def previous_msgids(text: str) -> dict[int, str]:
    """The previous msgid (``#| msgid``) GNU msgmerge kept on each fuzzy entry, by the entry's msgid line.

    Babel does not read them; GNU's layout is regular enough to scan."""
    found: dict[int, str] = {}
    parts: list[str] | None = None  # the quoted lines of the ``#| msgid`` being read
    previous: str | None = None  # the entry's previous msgid, once read
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#| msgid "):
            parts = [line[len("#| msgid "):]]
            continue
        if parts is not None and line.startswith('#| "'):
            parts.append(line[len("#| "):])
            continue
        if parts is not None:
            previous, parts = denormalize("\n".join(parts)), None
        if line.startswith("msgid ") and previous is not None:
            found[number] = previous
        if not line.startswith("#"):
            previous = None
    return found


def _only_target(config: Config, domain: Domain) -> Language:
    targets = domain.targets(config)
    if len(targets) > 1:
        raise DiglotError(None, None, f"{domain.name} is translated into {len(targets)} languages",
                          f"pass --locale with one of {', '.join(t.code for t in targets)}")
    return targets[0]


def _domain(config: Config, documents: list[Document], name: str, language: Language | None) -> Domain:
    known = domains(config, documents)
    domain = next((d for d in known if d.name == name), None)
    if domain is None:
        raise DiglotError(config.source_dir.relative_to(config.root), None, f"no document or catalog named {name!r}",
                          f"name one of: {', '.join(d.name for d in known)}")
    if language == domain.source:
        others = ", ".join(lang.code for lang in domain.targets(config))
        where = next((doc.path for doc in documents if doc.domain == name), None)
        raise DiglotError(where, None, f"{name} is written in {language.code}: it has no translation into it",
                          f"review one of its translations: --locale {others}")
    return domain


def _findings(config: Config, domain: Domain, language: Language, path: Path,
              catalog: Catalog | None) -> dict[int, list[Finding]]:
    """The ``check`` findings of the catalog, by the line of the entry they are about."""
    if catalog is None:
        return {}
    context = CheckedCatalog(path.relative_to(config.root), domain.name, domain.source, language,
                      read_glossary(config, language))
    by_line: dict[int, list[Finding]] = {}
    for finding in check_catalog(catalog, context):
        by_line.setdefault(finding.line or 0, []).append(finding)
    return by_line


def _entry(index: int, message: Message, entry: Message | None, previous: dict[int, str],
           findings: dict[int, list[Finding]]) -> Entry:
    source = message.id if isinstance(message.id, str) else message.id[0]
    translation = _first_form(entry.string) if entry is not None else ""
    state = "untranslated" if not translation else "fuzzy" if entry is not None and entry.fuzzy else "translated"
    line = entry.lineno if entry is not None else None
    old = previous.get(line) if line is not None and state == "fuzzy" else None
    return Entry(source=source, translation=translation or "", state=state,
                 kind="; ".join(message.auto_comments), context=message.context,
                 locations=tuple(f"{path}:{number}" if number else path for path, number in message.locations),
                 line=line, diff=word_diff(old, source) if old is not None else None,
                 findings=tuple(findings.get(line, [])) if line is not None else (), index=index)


def _first_form(string: str | tuple[str, ...] | list[str] | None) -> str:
    """A translation, or the singular form of a plural one."""
    if isinstance(string, str):
        return string
    return string[0] if string else ""
