"""Tagged, archival PDFs: PDF/A-2a with PDF/UA-1 identification, completing what WeasyPrint 70 writes.

WeasyPrint writes one variant at a time. ``pdf/a-2a`` gives the structure tree (reading order,
headings, lists, quotations, figures with their alt text), the sRGB output intent and the PDF/A
identification; PDF/UA-1 asks for the same tagged structure plus ``/DisplayDocTitle``, which WeasyPrint
sets with any tagging, and its identification in the XMP. This module adds that identification (with
the extension schema PDF/A asks for, since ``pdfuaid`` is not among PDF/A's predefined schemas), the
XMP that WeasyPrint leaves out (language, keywords as subjects, metadata date), and ``/Lang`` on every
structure element whose HTML element says its language (a Latin run in Chinese, Han in English).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

import pydyf
from weasyprint.pdf import metadata, tags

OPTIONS = {"pdf_variant": "pdf/a-2a", "pdf_tags": True}
# PDF/A requires these very prefixes for an extension schema's description.
for _prefix, _uri in (("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"),
                      ("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
                      ("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#")):
    register_namespace(_prefix, _uri)
_BUILD_TREE = tags._build_box_tree
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XMP = "{http://ns.adobe.com/xap/1.0/}"
_UA_SCHEMA = """<rdf:Description rdf:about="" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
 pdfuaid:part="1"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"""


class ArchivalMetadata(metadata.DocumentMetadata):  # type: ignore[misc]
    """WeasyPrint's document metadata, whose XMP also carries PDF/UA-1, language, subjects and dates."""

    def generate_rdf_metadata(self, variant: str, version: int, conformance: str) -> bytes:
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        rdf.append(fromstring(_UA_SCHEMA))
        description = SubElement(rdf, f"{_RDF}Description", {f"{_RDF}about": ""})
        if self.lang:
            _bag(description, f"{_DC}language", [self.lang])
        if self.keywords:
            _bag(description, f"{_DC}subject", self.keywords)
        if self.modified:
            SubElement(description, f"{_XMP}MetadataDate").text = self.modified
        return bytes(tostring(rdf, encoding="utf-8"))


def _bag(parent: Element, name: str, items: list[str]) -> None:
    bag = SubElement(SubElement(parent, name), f"{_RDF}Bag")
    for item in items:
        SubElement(bag, f"{_RDF}li").text = item


def archival(document: Any) -> Any:
    """``document`` (rendered by WeasyPrint) with the metadata that writes the archival XMP."""
    source = document.metadata
    document.metadata = ArchivalMetadata(**{key: getattr(source, key) for key in (
        "title", "authors", "description", "keywords", "generator", "created", "modified", "attachments",
        "lang", "custom", "xmp_metadata")})
    return document


def install() -> None:
    """Let WeasyPrint's structure tree say the language of each element that has its own (once)."""
    if tags._build_box_tree is not _BUILD_TREE:
        return
    tags._build_box_tree = _build_box_tree


def _build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
    element_of_box = getattr(box, "element", None)
    lang = None
    if element_of_box is not None and box.element_tag not in ("html", "body"):
        lang = element_of_box.get("lang")
    for element in _BUILD_TREE(box, parent, *args):
        if lang and element.get("S") not in ("/NonStruct", None) and "Lang" not in element:
            element["Lang"] = pydyf.String(lang)
        yield element
