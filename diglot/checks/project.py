"""Running the rules: over every translated message of every catalog the sources call for.

A translator silences a rule on one entry on purpose with a translator comment, which Poedit, Weblate
and msgmerge all keep::

    # diglot: ignore[numbers]
    # diglot: ignore[mainland-terms, glossary]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from diglot.catalogs.domains import domains, po_path
from diglot.catalogs.glossary import Glossary, read_glossary
from diglot.catalogs.pofile import has_translation, messages, read_catalog
from diglot.checks import consistency, markup, numbers, terms, typography, wording
from diglot.checks.rules import ERROR, WARNING, CatalogRule, CheckedCatalog, Finding, Rule
from diglot.config import Config, Language
from diglot.sources.documents import Document, missing_alt, read_documents
from diglot.sources.images import check_pictures
from diglot.sources.picturepaths import body_picture_errors

# In report order: the Markdown a page is built from first, then language.
RULES: tuple[Rule, ...] = (
    markup.links, markup.images, markup.footnotes, markup.code, markup.emphasis, markup.html_markup,
    markup.placeholders, numbers.numbers,
    typography.big5, terms.mainland, terms.glossary, typography.punctuation,
    terms.glossary_quotes, wording.ambiguous_list, wording.ambiguous_title,
)
# Rules that judge a catalog, one text, as a whole.
CATALOG_RULES: tuple[CatalogRule, ...] = (consistency.mixed_variants,)
_IGNORE = re.compile(r"\bdiglot:\s*ignore\[([^\]]*)\]")


def check_project(config: Config, languages: Iterable[Language] | None = None) -> list[Finding]:
    """Every finding in the project's translations (only ``languages``' catalogs, when given).

    A catalog that does not exist yet has nothing to check; a broken one, or a picture that must not be
    published (see :mod:`diglot.sources.images`), raises DiglotError.
    """
    wanted = set(languages) if languages is not None else set(config.languages)
    glossaries: dict[Language, Glossary | None] = {}
    documents = read_documents(config)
    check_pictures(config, documents)
    findings = source_findings(config, documents)
    for domain in domains(config, documents):
        for language in domain.targets(config):
            path = po_path(config, language, domain.name)
            if language not in wanted or not path.exists():
                continue
            if language not in glossaries:
                glossaries[language] = read_glossary(config, language)
            context = CheckedCatalog(path.relative_to(config.root), domain.name, domain.source, language,
                              glossaries[language])
            findings += check_catalog(read_catalog(path, config.root), context)
    return findings


def source_findings(config: Config, documents: list[Document]) -> list[Finding]:
    """What the sources themselves lack for the editions: a lead picture's alt text (rule ``alt``), the
    file of a picture in the body (rule ``pictures``)."""
    missing = [(error, "alt") for error in map(missing_alt, documents) if error is not None]
    missing += [(error, "pictures") for doc in documents
                for error in body_picture_errors(config.root, doc.path, doc.body, doc.body_line)]
    return [Finding(error.path or Path(), error.line or 1, f"{error.problem}; {error.remedy}", rule, ERROR)
            for error, rule in missing]


def check_catalog(catalog: Catalog, context: CheckedCatalog) -> list[Finding]:
    """Every finding in one catalog: each rule that applies, on each translated live message.

    Fuzzy messages are checked too: after review they are published as they are.
    """
    rules = [rule for rule in RULES if rule.applies(context)]
    translated = [message for message in messages(catalog) if has_translation(message)]
    findings: list[Finding] = []
    for message in translated:
        ignored = ignored_rules(message)
        findings += _unknown_ignores(message, context, ignored)
        for rule in rules:
            if rule.name not in ignored:
                findings += rule(message, context)
    for catalog_rule in CATALOG_RULES:
        if catalog_rule.applies(context):
            findings += catalog_rule(_heeding(catalog_rule.name, translated), context)
    return sorted(findings, key=lambda finding: finding.line or 0)


def _heeding(name: str, translated: Sequence[Message]) -> list[Message]:
    # An entry that silences a whole-text rule neither is reported nor counts as the text's usage.
    return [message for message in translated if name not in ignored_rules(message)]


def ignored_rules(message: Message) -> set[str]:
    """The rules a translator silenced on this entry with ``# diglot: ignore[rule, …]``."""
    return {name.strip() for comment in message.user_comments for match in _IGNORE.finditer(comment)
            for name in match.group(1).split(",") if name.strip()}


def _unknown_ignores(message: Message, context: CheckedCatalog, ignored: set[str]) -> list[Finding]:
    # A misspelt rule name would silence nothing, and nobody would notice.
    known = {rule.name for rule in RULES} | {rule.name for rule in CATALOG_RULES}
    return [Finding(context.path, message.lineno, f"'# diglot: ignore[{name}]' names no rule; use one of "
                    f"{', '.join(sorted(known))}", "ignore", WARNING) for name in sorted(ignored - known)]
