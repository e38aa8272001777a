"""The source files: which files of ``source/`` are documents, and the pictures a document shows.

A document is ``<slug>.md`` (or ``.markdown``, in any case: ``X.MD`` is read as ``x.md`` would be, its
slug ``X`` then refused as every uppercase slug is). Anything else in ``source/articles`` or
``source/foundation`` is skipped, and :func:`skipped_files` says which and why, so that a file never
goes missing without a word: a macOS resource file (``._x.md``, AppleDouble) or an editor's hidden or
backup file is no article, and neither is a ``.txt`` or ``.docx``.

A lead picture (``image.src``) may be spelt as a newcomer would write it: ``../images/x.jpg`` (relative
to the article, as pages link it), ``images/x.jpg`` or ``/images/x.jpg`` (as the site shows it) or
``source/images/x.jpg`` (from the project's top). A picture in the body is linked as written, so it must
be ``../images/x.jpg``; :func:`body_picture_errors` names every one whose file is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from diglot import inline
from diglot.errors import DiglotError

ARTICLES = "articles"
FOUNDATION = "foundation"
IMAGES = "images"
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


def lead_picture(root: Path, relpath: Path, src: str, line: int | None) -> Path:
    """The file ``image.src`` names, relative to the project root; DiglotError when it is elsewhere or
    missing, naming the spelling that works."""
    source = root / "source"
    images = (source / IMAGES).resolve()
    bare = src.lstrip("/")
    candidates = [(root / relpath).parent / src, source / bare, root / bare]
    inside = [path.resolve() for path in candidates if path.resolve().is_relative_to(images)]
    if not inside:
        raise DiglotError(relpath, line, f"image {src!r} is outside source/images",
                          f"put the picture in source/images and write src: ../images/{Path(src).name}")
    found = next((path for path in inside if path.exists()), None)
    if found is None:
        raise DiglotError(relpath, line, f"image {src!r} does not exist: no file "
                          f"{inside[0].relative_to(root.resolve())}", "add the file or fix the path")
    if not found.is_file():
        raise DiglotError(relpath, line, f"image {src!r} is not a regular file", "put the picture itself there")
    return found.relative_to(root.resolve())


_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")


def body_picture_errors(root: Path, relpath: Path, body: str, body_line: int) -> Iterator[DiglotError]:
    """A DiglotError for every picture of a document's body that is not a file of ``source/images``
    (linked relative to the document, as its pages link it); pictures on the web are not checked."""
    images = (root / "source" / IMAGES).resolve()
    fenced = False
    for number, text in enumerate(body.split("\n"), start=body_line):
        if _FENCE.match(text):
            fenced = not fenced
        if fenced or text.startswith(("    ", "\t")) or ("![" not in text and "<img" not in text.lower()):
            continue
        for link in inline.links(text):
            target = link.target.split("#")[0].split("?")[0]
            if link.kind != "image" or not target or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//|\[", target):
                continue
            path = ((root / relpath).parent / target).resolve()
            if path.is_relative_to(images) and path.is_file():
                continue
            name = Path(target).name
            spelt = f"../{IMAGES}/{name}"
            there = (images / name).is_file()
            remedy = (f"write ({spelt}): pages link pictures relative to the article" if there
                      else f"put {name} in source/images and link it as ({spelt})")
            yield DiglotError(relpath, number, f"picture {link.target[:80]!r} not found", remedy)
