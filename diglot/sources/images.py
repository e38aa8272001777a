"""The pictures of ``source/images``, each checked before it is published as it is.

Every file there is copied to the editions unchanged, so each must be a picture a browser and WeasyPrint
only show.

A picture is refused, at the line of the article that shows it (or by its own path when no article does),
when it is not a regular file of the project (a link out of it, a hard link, a FIFO), when it is larger
than ``picture-size``, when its content is not a PNG, JPEG, GIF or WebP picture or not the kind its name
says, when it has more pixels than ``picture-megapixels`` (a decompression bomb: a few hundred KB that
decode to gigabytes), or when Pillow finds it damaged.

SVG is refused whatever it is called. An SVG file is a document: it may hold scripts, event handlers,
links and references to other files, which run or load when a reader opens the picture's address. No
well-kept Python library sanitises SVG (nh3, which cleans the translations' HTML, knows HTML only), and a
picture converted to PNG shows the same on every page and in every PDF.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from diglot.config import Config
from diglot.errors import DiglotError
from diglot.files import boundary
from diglot.files.boundary import Limits
from diglot.sources import inline
from diglot.sources.documents import Document

# The formats published, by Pillow's name, and the extensions each may carry.
FORMATS = {"PNG": ("png",), "JPEG": ("jpg", "jpeg"), "GIF": ("gif",), "WEBP": ("webp",)}
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
_SVG = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:\?xml|svg|!DOCTYPE svg|!--)", re.I)
_GZIP = b"\x1f\x8b"  # an .svgz
_IMG_SRC = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.I)


@dataclass(frozen=True)
class Reference:
    """Where a source shows a picture: the document and the line."""

    path: Path
    line: int


def check_pictures(config: Config, documents: list[Document]) -> None:
    """Raise DiglotError for the first picture of ``source/images`` that must not be published, named at
    the first line of a source that shows it."""
    folder = config.source_dir / "images"
    if not os.path.lexists(folder):
        return
    if not Path(os.path.realpath(folder)).is_relative_to(config.root):  # not even its list of names is read
        raise DiglotError(boundary.shown(folder), None, "leads outside the project; diglot reads only the "
                          "project's own files", "make source/images a folder of the project, not a link")
    references = picture_references(config, documents)
    for path in sorted(p for p in folder.iterdir() if not p.is_dir()):
        try:
            check_picture(path, config.limits)
        except DiglotError as error:
            where = references.get(path.name)
            if where is None:
                raise
            raise DiglotError(where.path, where.line, f"picture {boundary.shown(path)} {error.problem}",
                              error.remedy) from None


def check_picture(path: Path, limits: Limits) -> tuple[int, int]:
    """The width and height of the picture at ``path``; DiglotError naming it when it must not be published."""
    shown = boundary.shown(path)
    extension = path.suffix.lower().lstrip(".")
    if extension in ("svg", "svgz"):
        raise _svg(shown)
    data = boundary.read_bytes(path, picture=True)  # in the project, one name, a regular file, not too large
    if _SVG.match(data) or data.startswith(_GZIP):
        raise _svg(shown)
    return _decoded_size(shown, data, extension, limits)


def _decoded_size(shown: Path, data: bytes, extension: str, limits: Limits) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    kinds = ", ".join(_NAMES.values())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit below is ours
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                kind, (width, height) = image.format or "", image.size
                if width * height > limits.picture_pixels:
                    raise _too_many_pixels(shown, f"is {width:,} × {height:,} pixels", limits)
                image.verify()  # the chunks' checksums, the structure: a damaged file is said here
    except Image.DecompressionBombError:  # over twice Pillow's own limit: it gives no size
        over = 2 * (Image.MAX_IMAGE_PIXELS or 0) / boundary.MEGAPIXEL
        raise _too_many_pixels(shown, f"has over {over:.0f} million pixels", limits) from None
    except UnidentifiedImageError:
        raise DiglotError(shown, None, f"is not a picture diglot publishes ({kinds})",
                          "save it as PNG, JPEG, GIF or WebP") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise DiglotError(shown, None, f"is a damaged picture ({str(error)[:100]})",
                          "save it again from the original") from None
    if extension not in FORMATS[kind]:
        raise DiglotError(shown, None, f"is a {_NAMES[kind]} picture, but its name says .{extension}",
                          f"rename it to end in .{FORMATS[kind][0]}, and refer to it by that name")
    return width, height


def _svg(shown: Path) -> DiglotError:
    return DiglotError(shown, None, "is an SVG picture, which can carry scripts and load other files when "
                       "opened; diglot publishes no SVG", "convert it to PNG (e.g. rsvg-convert -o picture.png "
                       "picture.svg) and refer to the PNG")


def _too_many_pixels(shown: Path, what: str, limits: Limits) -> DiglotError:
    limit = limits.picture_pixels / boundary.MEGAPIXEL
    return DiglotError(shown, None, f"{what}, more than the limit of {limit:g} million pixels",
                       "scale it down (4,000 pixels wide is plenty for print), or raise picture-megapixels "
                       "under [tool.diglot.limits]")


def picture_references(config: Config, documents: list[Document]) -> dict[str, Reference]:
    """The first place each picture of ``source/images`` is shown: a lead picture's ``src`` line, then
    the body's images (Markdown, reference definitions, raw ``<img>``), document by document."""
    found: dict[str, Reference] = {}
    folder = os.path.normpath(config.source_dir / "images")
    for doc in documents:
        targets = [(doc.image_line or 1, str(config.root / doc.image))] if doc.image is not None else []
        base = (config.root / doc.path).parent
        targets += [(doc.body_line + doc.body.count("\n", 0, offset), str(base / target))
                    for target, offset in _body_targets(doc.body)]
        for line, target in targets:
            path = os.path.normpath(target.split("#")[0].split("?")[0])
            if os.path.dirname(path) == folder:
                found.setdefault(os.path.basename(path), Reference(doc.path, line))
    return found


def _body_targets(body: str) -> list[tuple[str, int]]:
    """Each local picture address the body names, with its offset: images, definitions, ``<img src>``."""
    targets = inline.image_targets(body)
    targets += [(match.group(2), match.start()) for match in inline.DEFINITION.finditer(body)]
    targets += [(match.group(1), match.start()) for match in _IMG_SRC.finditer(body)]
    return [(target, offset) for target, offset in targets if ":" not in target.split("/")[0]]
