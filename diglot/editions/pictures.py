"""Lead pictures on the web: their size, and the narrower copies a ``srcset`` offers.

Pillow reads each picture's size (so the page reserves its place before it loads) and scales the copies
for narrow screens. A picture with no alt text is bad input, since a screen reader would have nothing to
say: the sources' own fault, found by :func:`diglot.sources.documents.missing_alt`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from diglot import layout
from diglot.config import Config
from diglot.errors import DiglotError
from diglot.sources.documents import Document

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
    from PIL import Image, UnidentifiedImageError  # lazy: Pillow only where a picture is read

    try:
        with Image.open(path) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as error:
        raise DiglotError(path, None, f"not a picture Pillow can read ({error})",
                          "save it as PNG, JPEG, GIF or WebP") from None


def scaled(path: Path, width: int) -> bytes:
    """The picture at ``path`` scaled to ``width`` pixels, in its own format, without metadata."""
    from PIL import Image  # lazy: Pillow only where a picture is scaled

    with Image.open(path) as image:
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        resized.save(out, format=image.format, optimize=True)
    return out.getvalue()

