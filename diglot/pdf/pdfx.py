"""PDF/X-4 for the press edition, completing what WeasyPrint 70 writes for ``pdf/x-4``.

Why X-4 rather than X-1a: the CJK faces are OpenType (CFF) fonts, which a PDF embeds as ``FontFile3``
``/OpenType``, a PDF 1.6 feature that PDF/X-1a (PDF 1.3) does not allow; X-4 (PDF 1.6) does, and allows
pictures kept in a device-independent colour space (ICC-based sRGB) for the press's own separation, and
transparency. X-1a would mean converting every font and picture ourselves, and losing the CJK faces' CFF.

What WeasyPrint leaves to do, and this module does:

- **the output intent**: WeasyPrint makes the ``/GTS_PDFX`` output intent of the CSS colour profile named
  ``device-cmyk``; here that is the CMYK profile of :data:`diglot.pdf.press.PROFILE` (FOGRA39), given
  to the renderer directly (the project's URL fetcher would refuse the file), and the intent is named by the
  registered condition (``FOGRA39`` at ``http://www.color.org``) rather than by the profile's description;
- **colours**: WeasyPrint writes CSS colours as DeviceRGB, which PDF/X-4 does not allow with a CMYK output
  intent. Here a grey is written as black ink alone (DeviceCMYK ``0 0 0 k``: a press prints small grey text
  from one plate, never as four registered inks; a near-black as solid black, unscreened), any other colour
  as the CMYK the output profile gives it (littlecms, relative colorimetric), and a picture's RGB as
  ICC-based sRGB, for the press to separate;
- **the boxes**: WeasyPrint sets the TrimBox to the CSS page and the BleedBox at most 10 pt beyond it; here
  the BleedBox is the configured bleed exactly, and the MediaBox beyond it holds the crop marks;
- **annotations**: links have no place on a plate (and PDF/X keeps annotations out of the BleedBox): none;
- **the XMP**: PDF/X-4 identification (``pdfxid:GTS_PDFXVersion``, without the ``pdfx:`` copies of the
  X-1a and X-3 information keys WeasyPrint adds), ``pdf:Trapped`` (``False``: the file
  is not trapped, the print shop traps it) and a document ID made of the edition's address rather than at
  random, so that the same input makes the same bytes; no PDF/A or PDF/UA claim, which the print edition
  makes and a PDF/X file must not borrow.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any
from xml.etree.ElementTree import SubElement, fromstring, tostring

import pydyf
from PIL import Image, ImageCms
from tinycss2.color5 import Color
from weasyprint.css import ColorProfile
from weasyprint.images import RasterImage
from weasyprint.pdf import metadata, stream

from diglot.config import Press
from diglot.pdf import press

OPTIONS = {"pdf_variant": "pdf/x-4"}
_SET_COLOR = stream.Stream.set_color
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XMP_MM = "{http://ns.adobe.com/xap/1.0/mm/}"
_PDFX_INFO = "{http://ns.adobe.com/pdfx/1.3/}"  # the document information's own keys, as XMP mirrors them
_RGB_SPACES = ("srgb", "hsl", "hwb")
_PT_PER_MM = 72 / 25.4
# A grey this dark prints as solid black: the text's #111 as a 93 % screen would show its dots on 10.5 pt type.
SOLID_BLACK = 0.9


def install() -> None:
    """Let WeasyPrint write CMYK wherever a document's output intent is CMYK (once per process)."""
    if stream.Stream.set_color is not _SET_COLOR:
        return
    stream.Stream.set_color = _set_color


def _set_color(self: Any, color: Any, stroke: bool = False) -> None:
    if self._output_intent == "device-cmyk" and color.space in _RGB_SPACES:
        *channels, alpha = color
        color = Color("device-cmyk", cmyk(tuple(channels)[:3] if color.space == "srgb"
                                          else tuple(color.to("srgb").coordinates)), alpha)
    _SET_COLOR(self, color, stroke)


@cache
def cmyk(rgb: tuple[float, ...]) -> tuple[float, float, float, float]:
    """The ink of an sRGB colour: a grey as black ink alone, any other colour as the output profile gives it."""
    red, green, blue = (min(max(channel, 0.0), 1.0) for channel in rgb)
    if red == green == blue:
        black = 1 - red
        return (0.0, 0.0, 0.0, 1.0 if black >= SOLID_BLACK else round(black, 4))
    pixel = Image.new("RGB", (1, 1), tuple(round(channel * 255) for channel in (red, green, blue)))
    inks = ImageCms.applyTransform(pixel, _to_press())
    assert inks is not None
    cyan, magenta, yellow, black = inks.getpixel((0, 0))  # type: ignore[misc]
    return (cyan / 255, magenta / 255, yellow / 255, black / 255)


@cache
def _to_press() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(str(press.PROFILE)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def color_profiles() -> dict[str, Any]:
    """The colour profiles a press document renders with: its output profile as ``device-cmyk``."""
    return {"device-cmyk": _output_profile()}


class _KeptProfile(ColorProfile):  # type: ignore[misc]
    """A colour profile embedded as its file's bytes: WeasyPrint's littlecms would write it out again, at
    nearly twice the size."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data), press.PROFILE.name, "relative-colorimetric", (["c"], ["m"], ["y"], ["k"]))
        self.data = data

    @property
    def content(self) -> bytes:
        return self.data


@cache
def _output_profile() -> ColorProfile:
    return _KeptProfile(press.PROFILE.read_bytes())


@cache
def _srgb() -> bytes:
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


class PressMetadata(metadata.DocumentMetadata):  # type: ignore[misc]
    """WeasyPrint's document metadata, whose PDF/X XMP also says the language and subjects, with a document
    ID that the same edition always gets."""

    document_id = ""

    def generate_rdf_metadata(self, variant: str, version: int, conformance: str) -> bytes:
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        for element in rdf.iter(f"{_XMP_MM}DocumentID"):
            element.text = self.document_id
        for description in rdf:  # X-1a's and X-3's keys, which X-4 has not: its version is pdfxid's alone
            for element in [e for e in description if e.tag.startswith(_PDFX_INFO)]:
                description.remove(element)
        description = SubElement(rdf, f"{_RDF}Description", {f"{_RDF}about": ""})
        if self.lang:
            _bag(description, f"{_DC}language", [self.lang])
        if self.keywords:
            _bag(description, f"{_DC}subject", self.keywords)
        return bytes(tostring(rdf, encoding="utf-8"))


def _bag(parent: Any, name: str, items: list[str]) -> None:
    bag = SubElement(SubElement(parent, name), f"{_RDF}Bag")
    for item in items:
        SubElement(bag, f"{_RDF}li").text = item


def prepared(document: Any, name: str) -> Any:
    """``document`` (rendered by WeasyPrint) without its links, with the metadata that writes the PDF/X XMP;
    ``name`` (the edition's path) makes its document ID."""
    source = document.metadata
    document.metadata = PressMetadata(**{key: getattr(source, key) for key in (
        "title", "authors", "description", "keywords", "generator", "created", "modified", "attachments",
        "lang", "custom", "xmp_metadata")})
    document.metadata.document_id = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"
    for page in document.pages:
        page.links = []
    return document


def finisher(settings: Press) -> Callable[[Any, pydyf.PDF], None]:
    """The last touches WeasyPrint's ``finisher`` makes to the PDF of a press document."""

    def finish(document: Any, pdf: pydyf.PDF) -> None:
        _name_output_intent(pdf)
        _pictures_in_srgb(pdf)
        for page in _pages(pdf):
            page.pop("Annots", None)
            left, top, right, bottom = (float(value) for value in page["TrimBox"])
            bleed = settings.bleed * _PT_PER_MM
            page["BleedBox"] = pydyf.Array([left - bleed, top - bleed, right + bleed, bottom + bleed])

    return finish


def _pages(pdf: pydyf.PDF) -> Iterator[pydyf.Dictionary]:
    return (obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page")


def _name_output_intent(pdf: pydyf.PDF) -> None:
    for intent in pdf.catalog.get("OutputIntents", ()):
        intent["OutputConditionIdentifier"] = pydyf.String(press.OUTPUT_CONDITION)
        intent["OutputCondition"] = pydyf.String(press.OUTPUT_CONDITION_INFO)
        intent["RegistryName"] = pydyf.String(press.REGISTRY)
        intent["Info"] = pydyf.String(press.OUTPUT_CONDITION_INFO)


def _pictures_in_srgb(pdf: pydyf.PDF) -> None:
    """Every RGB picture's colour space made ICC-based sRGB, which PDF/X-4 allows with a CMYK intent."""
    pictures = [obj for obj in pdf.objects if isinstance(obj, pydyf.Stream)
                and obj.extra.get("Subtype") == "/Image" and obj.extra.get("ColorSpace") == "/DeviceRGB"]
    if not pictures:
        return
    profile = pydyf.Stream([_srgb()], pydyf.Dictionary({"N": 3}), compress=True)
    pdf.add_object(profile)
    for picture in pictures:
        picture.extra["ColorSpace"] = pydyf.Array(("/ICCBased", profile.reference))


def pictures(document: Any) -> Iterator[tuple[str, float]]:
    """Each raster picture ``document`` shows, as its ``src`` and the resolution it prints at (pixels per
    inch of the printed picture, along its lesser axis)."""
    for page in document.pages:
        for box in page._page_box.descendants():
            picture = getattr(box, "replacement", None)
            if isinstance(picture, RasterImage) and box.width and box.height and box.element is not None:
                inches = (box.width / 96, box.height / 96)  # CSS pixels
                yield box.element.get("src", ""), min(picture.width / inches[0], picture.height / inches[1])
