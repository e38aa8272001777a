"""The translators' glossary: one CSV per target language, and its TBX export for terminology tools.

``translations/glossary/<language>.csv`` has the columns ``source,target,explanation``, the CSV form
Weblate imports; its source terms are in the site's source language. The TBX file beside it
(TBX-Basic, the 2008 ``martif`` form that Weblate, Poedit and CAT tools read) is generated from the
CSV by ``diglot glossary --tbx``, never edited by hand.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from diglot.config import Config, Language
from diglot.errors import DiglotError
from diglot.files import atomic, boundary

COLUMNS = ("source", "target", "explanation")
_REQUIRED = ("source", "target")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Term:
    """One glossary entry: the source term, its agreed translation, why, and its CSV line."""

    source: str
    target: str
    explanation: str
    line: int


@dataclass(frozen=True)
class Glossary:
    """The agreed terms for translating the site's source language into ``target``."""

    path: Path  # relative to the project root
    source: Language
    target: Language
    terms: tuple[Term, ...]


def glossary_path(config: Config, language: Language) -> Path:
    """Where the glossary for translations into ``language`` lives."""
    return config.translations_dir / "glossary" / f"{language.code}.csv"


def tbx_path(config: Config, language: Language) -> Path:
    """Where the TBX export of that glossary lives."""
    return glossary_path(config, language).with_suffix(".tbx")


def read_glossary(config: Config, language: Language) -> Glossary | None:
    """The glossary for ``language``, or None when it has none; DiglotError (path:line) when malformed."""
    path = glossary_path(config, language)
    if not os.path.lexists(path):
        return None
    relpath = path.relative_to(config.root)
    data = boundary.read_bytes(path)
    try:
        text = data.decode("utf-8-sig")  # spreadsheets save CSV with a byte-order mark
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(relpath, line, "not UTF-8 text", "save the glossary as UTF-8") from None
    return Glossary(relpath, config.source_language, language, tuple(_terms(relpath, text)))


def glossaries(config: Config) -> list[Glossary]:
    """Every glossary of the project, one per target language that has one."""
    found = [read_glossary(config, lang) for lang in config.languages if lang != config.source_language]
    return [glossary for glossary in found if glossary is not None]


def _terms(relpath: Path, text: str) -> list[Term]:
    rows = csv_rows(relpath, text, _REQUIRED)
    terms = [Term(row["source"], row["target"], row.get("explanation", ""), line) for line, row in rows]
    _refuse_duplicates(relpath, terms)
    return terms


def csv_rows(relpath: Path, text: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header, by column name, each with its line; DiglotError (path:line)
    for malformed CSV, a missing column, a row of the wrong length or an empty required cell."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, rows, start = None, [], 1
    try:
        for row in reader:
            if header is None:
                header = _header(relpath, start, row, required)
            elif any(cell.strip() for cell in row):
                rows.append((start, _row(relpath, start, header, row, required)))
            start = reader.line_num + 1  # a quoted cell may span lines: the next row starts here
    except csv.Error as error:
        raise DiglotError(relpath, start, f"malformed CSV: {error}",
                          'quote cells that hold commas, and double a quote inside one ("")') from None
    if header is None:
        raise DiglotError(relpath, 1, "empty file", f"start with a header line naming {', '.join(required)}")
    return rows


def _header(relpath: Path, line: int, row: list[str], required: tuple[str, ...]) -> dict[str, int]:
    columns = {name.strip().lower(): index for index, name in enumerate(row)}
    missing = [name for name in required if name not in columns]
    if missing:
        raise DiglotError(relpath, line, f"the header lacks the column(s) {', '.join(missing)}",
                          f"start the file with a header naming {', '.join(required)} (and any others)")
    return columns


def _row(relpath: Path, line: int, header: dict[str, int], row: list[str],
         required: tuple[str, ...]) -> dict[str, str]:
    if len(row) != len(header):
        raise DiglotError(relpath, line, f"{len(row)} cell(s) where the header has {len(header)}",
                          "quote a cell that holds a comma, or fill the missing cells")
    cells = {name: row[index].strip() for name, index in header.items()}
    for name in required:
        if not cells[name]:
            raise DiglotError(relpath, line, f"empty {name} cell", "fill it in or delete the row")
    return cells


def _refuse_duplicates(relpath: Path, terms: list[Term]) -> None:
    # Two rows for one source term would make the check demand both translations at once.
    seen: dict[str, Term] = {}
    for term in terms:
        first = seen.setdefault(term.source.casefold(), term)
        if first is not term:
            raise DiglotError(relpath, term.line, f"{term.source!r} is already defined on line {first.line}",
                              "keep one row per source term")


def tbx_bytes(glossary: Glossary, title: str) -> bytes:
    """The glossary as a TBX-Basic document: one termEntry per term, its explanation as a note."""
    martif = ET.Element("martif", {"type": "TBX-Basic-V1", _XML_LANG: glossary.source.tag})
    header = ET.SubElement(martif, "martifHeader")
    description = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(description, "titleStmt"), "title").text = title
    ET.SubElement(ET.SubElement(description, "sourceDesc"), "p").text = (
        f"Generated by diglot glossary --tbx from {glossary.path.as_posix()}: edit the CSV, not this file")
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, term in enumerate(glossary.terms, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"term-{number}"})
        if term.explanation:
            ET.SubElement(entry, "note").text = term.explanation
        for language, text in ((glossary.source, term.source), (glossary.target, term.target)):
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: language.tag})
            ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = text
    ET.indent(martif, space="  ")
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
                + ET.tostring(martif, encoding="unicode") + "\n")
    return document.encode("utf-8")


def write_tbx(config: Config, glossary: Glossary) -> bool:
    """Write the glossary's TBX export beside its CSV; True when the file changed."""
    title = f"{config.name}: glossary {glossary.source.tag} → {glossary.target.tag}"
    return atomic.write_bytes(tbx_path(config, glossary.target), tbx_bytes(glossary, title))
