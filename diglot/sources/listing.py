"""Which files of ``source/`` are documents.

A document is ``<slug>.md`` (or ``.markdown``, in any case: ``X.MD`` is read as ``x.md`` would be, its
slug ``X`` then refused as every uppercase slug is). Anything else in ``source/articles`` or
``source/foundation`` is skipped, and :func:`skipped_files` says which and why, so that a file never
goes missing without a word: a macOS resource file (``._x.md``, AppleDouble) or an editor's hidden or
backup file is no article, and neither is a ``.txt`` or ``.docx``.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES = "articles"
FOUNDATION = "foundation"
SUFFIXES = (".md", ".markdown")  # compared in lowercase


def document_files(folder: Path) -> list[Path]:
    """The documents of ``folder`` (``source/articles`` or ``source/foundation``), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if _skip_reason(path) is None)


def skipped_files(source_dir: Path) -> list[tuple[Path, str]]:
    """Every file of the document folders that is not read as a document, with the reason."""
    skipped = []
    for name in (ARTICLES, FOUNDATION):
        folder = source_dir / name
        if folder.is_dir():
            skipped += [(path, reason) for path in sorted(folder.iterdir())
                        if (reason := _skip_reason(path)) is not None]
    return skipped


def _skip_reason(path: Path) -> str | None:
    name = path.name
    if name.startswith("._"):
        return "a macOS resource file (AppleDouble), not an article; delete it or leave it"
    if name.startswith(".") or name.endswith("~"):
        return "a hidden or backup file"
    if path.suffix.lower() not in SUFFIXES:
        return "not Markdown; an article is <slug>.md"
    return None  # read, and refused there if it is no regular file (a folder named x.md, a FIFO)
