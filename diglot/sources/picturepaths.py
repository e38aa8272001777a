"""Where a document's pictures are: the lead picture's file, and the body's pictures that are missing.

A lead picture (``image.src``) may be spelt as a newcomer would write it: ``../images/x.jpg`` (relative
to the article, as pages link it), ``images/x.jpg`` or ``/images/x.jpg`` (as the site shows it) or
``source/images/x.jpg`` (from the project's top). A picture in the body is linked as written, so it must
be ``../images/x.jpg``; :func:`body_picture_errors` names every one whose file is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from diglot.errors import DiglotError
from diglot.sources import inline

IMAGES = "images"


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
    if not found.is_relative_to(root.resolve()):  # source/images itself is a link out of the project
        raise DiglotError(relpath, line, f"image {src!r} leads outside the project; diglot reads only the "
                          "project's own files", "make source/images a folder of the project, not a link")
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
