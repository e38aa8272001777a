"""TMX 1.4, the translation-memory format OmegaT, Trados and Weblate exchange: export and import.

Export writes every translated, non-fuzzy message of the project's catalogs as one translation unit
(``<tu>``) of two variants (``<tuv xml:lang=…>``), its msgctxt as a ``x-context`` property; repeated
pairs once, in a stable order, and no tool version, so the same catalogs give the same bytes.

Import treats the file as untrusted: it must be UTF-8 or UTF-16 XML with no document type declaration
(so no entity can expand or reach outside the file, as defusedxml's ``forbid_dtd`` does), under 64 MB;
a segment with inline codes (``<bpt>``, ``<ph>``…) is skipped, since a PO message has none. Each pair
of the site's languages becomes a translation memory, ``translations/memory/<source>-<target>.po``,
once its translations pass ``diglot check``'s rules; ``diglot update`` then offers them to new and
untranslated messages (:mod:`diglot.catalogs.memory`).
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog

from diglot.catalogs.domains import domains, po_path
from diglot.catalogs.glossary import read_glossary
from diglot.catalogs.memory import memory_path
from diglot.catalogs.pofile import StableCatalog, catalog_bytes, messages, read_catalog
from diglot.checks import ERROR, CheckedCatalog, Finding, check_catalog
from diglot.config import Config, Language
from diglot.errors import DiglotError
from diglot.files import atomic, boundary, controls
from diglot.files.boundary import MB, Limits
from diglot.sources.documents import read_documents

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 64 * 1024 * 1024
Unit = tuple[str, str | None, str, str, str]  # source tag, msgctxt, source text, target tag, target text


# --- export -------------------------------------------------------------------------------------------

def export_tmx(config: Config, output: Path) -> bool:
    """Write every translation of the project to ``output`` as TMX 1.4; whether its bytes changed."""
    boundary.check_export(output, ".tmx")  # inside build/ or translations/, no link, none of diglot's own
    return atomic.write_bytes(output, tmx_bytes(config, translation_units(config)))


def translation_units(config: Config) -> list[Unit]:
    """Every translated, non-fuzzy live message of every catalog, as sorted, unique units."""
    units: set[Unit] = set()
    for domain in domains(config, read_documents(config)):
        for language in domain.targets(config):
            path = po_path(config, language, domain.name)
            if not path.is_file():
                continue
            for message in messages(read_catalog(path, config.root)):
                if isinstance(message.id, str) and isinstance(message.string, str) and message.string \
                        and not message.fuzzy:
                    units.add((domain.source.tag, message.context, message.id, language.tag, message.string))
    return sorted(units, key=lambda u: (u[0], u[3], u[2], u[1] or "", u[4]))


def tmx_bytes(config: Config, units: list[Unit]) -> bytes:
    """``units`` as a TMX 1.4 document."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "diglot", "creationtoolversion": "n/a",  # no version: same input, same bytes
        "segtype": "paragraph", "o-tmf": "PO", "adminlang": "en", "datatype": "plaintext",
        "srclang": config.source_language.tag})
    body = ET.SubElement(root, "body")
    for source_tag, context, source, target_tag, target in units:
        unit = ET.SubElement(body, "tu", srclang=source_tag)
        if context:
            ET.SubElement(unit, "prop", type="x-context").text = context
        for tag, text in ((source_tag, source), (target_tag, target)):
            ET.SubElement(ET.SubElement(unit, "tuv", {_XML_LANG: tag}), "seg").text = text
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + document + b"\n"


# --- import -------------------------------------------------------------------------------------------

@dataclass
class Imported:
    """What an import took: memories written, units kept, skipped (and why), findings that refused some."""

    written: list[Path] = field(default_factory=list)
    kept: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def import_tmx(config: Config, path: Path) -> Imported:
    """Read the TMX file ``path`` and keep its translations between the site's languages as memories."""
    root, lines = _parse(path)
    imported = Imported()
    pairs: dict[tuple[Language, Language], dict[tuple[str | None, str], tuple[str, int]]] = {}
    header = root.find("header")
    default_source = header.get("srclang") if header is not None else None
    for unit, line in zip(root.iter("tu"), lines, strict=False):
        for pair, key, text in _unit_pairs(config, unit, default_source, imported):
            pairs.setdefault(pair, {})[key] = (text, line)
    for (source, target), entries in sorted(pairs.items(), key=lambda p: (p[0][0].code, p[0][1].code)):
        catalog = _checked(config, path, source, target, entries, imported)
        if len(catalog):
            destination = memory_path(config, source, target)
            previous = read_catalog(destination, config.root, state=True) if destination.is_file() else None
            data = catalog_bytes(_combined(catalog, previous, source, target))
            _refuse_past_the_state_limit(config, path, destination, data)
            if atomic.write_bytes(destination, data):
                imported.written.append(destination)
    return imported


def _refuse_past_the_state_limit(config: Config, path: Path, destination: Path, data: bytes) -> None:
    """diglot never writes a memory it would refuse to read back."""
    limit = config.limits.state_size
    if len(data) > limit:
        raise DiglotError(path, None, f"makes a memory of {len(data) / MB:.0f} MB "
                          f"({boundary.shown(destination)}), more than the state-size limit of {limit / MB:g} MB",
                          "import less of it, or raise state-size under [tool.diglot.limits]")


def _parse(path: Path) -> tuple[ET.Element, list[int]]:
    """The TMX document, read as untrusted XML (no DTD, no entity beyond XML's own, limited size), and
    the line of each ``<tu>`` in document order, for findings to name."""
    # A regular file only (a FIFO or /dev/zero would never end), within its size limit.
    data = boundary.read_bytes(path, outside=True, limits=Limits(file_size=MAX_BYTES))
    text = _decoded(path, data)
    declaration = re.search(r"<!(DOCTYPE|ENTITY)\b", text)
    if declaration:
        raise DiglotError(path, text.count("\n", 0, declaration.start()) + 1,
                          f"the file declares a {declaration.group(1)}, which a TMX memory has no need of",
                          "export the memory again without a DTD")
    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)  # the encoding it names is already applied
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise DiglotError(path, error.position[0], f"not well-formed XML: {error}", "export the memory again"
                          ) from None
    if root.tag != "tmx" or root.find("body") is None:
        raise DiglotError(path, 1, "not a TMX document (no <tmx> with a <body>)", "give a TMX 1.4 file")
    return root, _unit_lines(text)


def _unit_lines(text: str) -> list[int]:
    # ElementTree keeps no positions; comments and CDATA are blanked, line breaks kept, so that a "<tu"
    # inside them is not counted.
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    visible = re.sub(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", blank, text, flags=re.S)
    lines, line, counted = [], 1, 0
    for match in re.finditer(r"<tu[\s>/]", visible):  # counted on from the previous unit: linear in the file
        line += visible.count("\n", counted, match.start())
        counted = match.start()
        lines.append(line)
    return lines


def _decoded(path: Path, data: bytes) -> str:
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(path, line, f"not {encoding.upper().removesuffix('-SIG')} text",
                          "export the memory as UTF-8") from None


def _unit_pairs(config: Config, unit: ET.Element, default_source: str | None,
                imported: Imported) -> Iterator[tuple[tuple[Language, Language], tuple[str | None, str], str]]:
    """Each (source, target) pair of site languages in ``unit``, with its key and translation."""
    variants: dict[Language, str] = {}
    for variant in unit.findall("tuv"):
        language = _language(config, variant.get(_XML_LANG) or variant.get("lang"))
        seg = variant.find("seg")
        if language is None or seg is None:
            continue
        if len(seg):
            imported.skip("inline codes")
            return
        if any(True for _ in controls.find(seg.text or "")):  # a catalog may not hold them: see diglot.files.controls
            imported.skip("control, bidirectional or invisible characters")
            return
        variants[language] = seg.text or ""
    source = _language(config, unit.get("srclang") or default_source)
    if source is None or source not in variants:
        imported.skip("no source text in a site language")
        return
    context = next((p.text for p in unit.findall("prop") if p.get("type") == "x-context" and p.text), None)
    for target, text in variants.items():
        if target != source and text.strip() and variants[source].strip():
            yield (source, target), (context, variants[source]), text


def _language(config: Config, tag: str | None) -> Language | None:
    """The site language a TMX language tag names: exactly, or by its primary subtag if only one fits."""
    if not tag:
        return None
    wanted = tag.replace("_", "-").lower()
    exact = [lang for lang in config.languages if lang.tag.lower() == wanted]
    primary = [lang for lang in config.languages if lang.tag.lower().split("-")[0] == wanted.split("-")[0]]
    return exact[0] if exact else primary[0] if len(primary) == 1 else None


def _checked(config: Config, path: Path, source: Language, target: Language,
             entries: dict[tuple[str | None, str], tuple[str, int]], imported: Imported) -> StableCatalog:
    """The entries as a catalog, without those an error of ``diglot check`` refuses (each finding names
    the line of its ``<tu>``)."""
    catalog = memory_catalog(source, target)
    for (context, msgid), (string, line) in sorted(entries.items(), key=lambda e: (e[0][1], e[0][0] or "")):
        catalog.add(msgid, string, context=context, lineno=line)
    rules = CheckedCatalog(path, "memory", source, target, read_glossary(config, target))
    found = check_catalog(catalog, rules)
    refused = {f.line for f in found if f.severity == ERROR}
    imported.findings += [f for f in found if f.severity == ERROR]
    kept = memory_catalog(source, target)
    for message in messages(catalog):
        if message.lineno not in refused:
            kept.add(message.id, message.string, context=message.context)
    imported.kept += len(kept)
    return kept


def memory_catalog(source: Language, target: Language) -> StableCatalog:
    """An empty memory catalog whose header depends on its languages alone (same import, same bytes)."""
    return StableCatalog(locale=target.code, project="diglot translation memory",
                         version=f"{source.code}-{target.code}",
                         creation_date=_NO_DATE, revision_date=_NO_DATE, charset="utf-8", fuzzy=False,
                         header_comment=f"# Translation memory, {source.code} to {target.code}, imported "
                                        "from TMX by diglot tmx import.\n#")


_NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def _combined(imported: StableCatalog, previous: Catalog | None, source: Language,
              target: Language) -> StableCatalog:
    """The new memory: what was imported before, with this import's translations over it."""
    if previous is None:
        return imported
    combined = memory_catalog(source, target)
    for message in [*messages(previous), *messages(imported)]:
        combined.delete(message.id, context=message.context)
        combined.add(message.id, message.string, context=message.context)
    return combined
