"""Helpers shared by the tests: pseudo-translations, catalog editing, project snapshots, PDF bytes."""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po, write_po

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


class Run:
    """The result of one CLI call."""

    def __init__(self, status: int, out: str, err: str):
        self.status, self.out, self.err = status, out, err


_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|%(?:\(\w+\))?[sd]|\[\^\w+\]|\*\*|\*)")


def pseudo(msgid: str) -> str:
    """The uppercase pseudo-translation: text in capitals, Markdown syntax, code and targets as they are."""
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(_KEEP.split(msgid)))


def translate_catalog(path: Path, translate: Callable[[str], str | None] = pseudo, fuzzy: bool = False) -> None:
    """Fill every msgstr of a PO file with ``translate(msgid)`` (None leaves it untranslated)."""
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if isinstance(message.id, tuple):  # a plural: the singular's translation first, the plural's for the rest
            message.string = tuple(translate(message.id[min(n, 1)]) or "" for n in range(catalog.num_plurals))
        elif message.id:
            message.string = translate(message.id) or ""
            if fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


def inflated_pdf(path: Path) -> bytes:
    """A PDF's bytes with its compressed streams inflated too, to search its objects and text operators."""
    data = path.read_bytes()
    streams = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            streams.append(zlib.decompress(stream))
    return data + b"".join(streams)


def po(root: Path, language: str, domain: str) -> Path:
    return root / "translations" / language / "LC_MESSAGES" / f"{domain}.po"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".diglot.lock"}


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
