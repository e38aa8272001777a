"""Lead pictures on the web: their size, the narrower copies a ``srcset`` offers, and the alt text they need.

Pillow reads each picture's size (so the page reserves its place before it loads) and scales the copies
for narrow screens; a picture with no alt text is bad input, since a screen reader would have nothing to say.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from diglot import boundary, layout
from diglot.config import Config
from diglot.documents import Document
from diglot.errors import DiglotError

# The widths offered for narrow screens and 1x/2x displays; a picture is never scaled up.
WIDTHS = (480, 960)


@dataclass(frozen=True)
class Picture:
    """A lead picture as the web edition shows it: its site path, size in pixels and narrower copies."""

    src: str
    width: int
    height: int
    copies: tuple[tuple[str, int], ...] = ()  # (site path, width), narrowest first


def lead_picture(config: Config, doc: Document) -> Picture | None:
    """The lead picture of ``doc``, if it has one."""
    if doc.image is None:
        return None
    width, height = picture_size(config.root / doc.image)
    name = doc.image.name
    copies = tuple((layout.picture_width(name, w), w) for w in WIDTHS if w < width)
    return Picture(layout.picture(name), width, height, copies)


def picture_size(path: Path) -> tuple[int, int]:
    """A picture's width and height in pixels, read from its header."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as error:
        raise DiglotError(path, None, f"not a picture Pillow can read ({error})",
                          "save it as PNG, JPEG, GIF or WebP") from None


def scaled(path: Path, width: int) -> bytes:
    """The picture at ``path`` scaled to ``width`` pixels, in its own format, without metadata."""
    from PIL import Image

    try:  # checked before the build began (diglot.images); only decoding finds a JPEG cut short
        with Image.open(path) as image:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            resized.save(out, format=image.format, optimize=True)
    except (OSError, ValueError, SyntaxError) as error:
        raise DiglotError(boundary.shown(path), None, f"is a damaged picture ({str(error)[:100]})",
                          "save it again from the original") from None
    return out.getvalue()


def missing_alt(doc: Document) -> DiglotError | None:
    """The error for a lead picture without alt text, at the line of its ``src``; None when it has one."""
    if doc.image is None or (doc.text("image.alt") or "").strip():
        return None
    return DiglotError(doc.path, doc.image_line, "the lead picture has no alt text",
                       "add image.alt: a sentence saying what the picture shows")
