"""The fonts a PDF embeds: WeasyPrint's subsetting, made cheap for the large CJK faces.

WeasyPrint 70 spends most of a Chinese PDF's writing time on two things that grow with the size of the
font file, not with the text:

- every ``Font`` it makes (one per face *and size* a document uses, six or eight in a Chinese article)
  copies the whole font file into Python: 26 MB for Noto Serif CJK, about 13 ms each time;
- it subsets each face twice: once keeping glyph IDs, then again to cut the empty glyphs after the last
  used one. On a CJK face the second pass walks 60,000 glyphs and costs more than the first.

Here a face's file is copied once per process and shared by every ``Font`` made of it (the bytes are
only read, and only when subsetting fails), and each face is subset in one pass, with the flags of both
of WeasyPrint's. The one pass may keep a few glyphs past the last used one that the layout tables point
at (about 2 % more font data); the glyph IDs, and so the page content, are the same.
"""

from __future__ import annotations

from typing import Any

from weasyprint.logger import LOGGER
from weasyprint.pdf import fonts
from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

_WHOLE_FACE_DATA = fonts.get_hb_object_data
_DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
_SHARED_FROM = 1024 * 1024  # bytes: smaller faces cost little to copy, and are not kept
_faces: dict[tuple[int, int], bytes] = {}  # (address, length) of a face's file in memory: its bytes


def install() -> None:
    """Make WeasyPrint's ``Font`` share face data and subset in one pass (once per process)."""
    if fonts.Font._harfbuzz_subset is subset_once:
        return
    if not callable(getattr(fonts.Font, "_harfbuzz_subset", None)) or not callable(fonts.get_hb_object_data):
        raise RuntimeError("WeasyPrint's fonts module has changed: diglot.pdf.embedding does not fit this version")
    fonts.Font._harfbuzz_subset = subset_once
    fonts.get_hb_object_data = shared_face_data


def shared_face_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
    """WeasyPrint's ``get_hb_object_data``, returning the same bytes object for the same large face."""
    if ot_color is not None:
        return _WHOLE_FACE_DATA(hb_object, ot_color, glyph)
    blob = harfbuzz.hb_face_reference_blob(hb_object)
    try:
        length = ffi.new("unsigned int *")
        address = int(ffi.cast("uintptr_t", harfbuzz.hb_blob_get_data(blob, length)))
        key = (address, length[0])
        if key[1] < _SHARED_FROM:
            return _WHOLE_FACE_DATA(hb_object)
        kept = _faces.get(key)
        if kept is None or not _same_ends(kept, address):
            kept = _faces[key] = _WHOLE_FACE_DATA(hb_object)
        return kept
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _same_ends(kept: bytes, address: int) -> bool:
    """Whether the memory at ``address`` still holds the face ``kept`` was copied from: a face freed and
    another loaded at the same address would differ in its table directory or its last bytes."""
    head = ffi.buffer(ffi.cast("char *", address), 4096)[:]
    tail = ffi.buffer(ffi.cast("char *", address + len(kept) - 4096), 4096)[:]
    return bool(kept[:4096] == head and kept[-4096:] == tail)


def subset_once(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
    """Subset ``font`` to the glyphs its document uses, keeping their IDs, in one HarfBuzz pass."""
    flags = (harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
             | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE)
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    _add(harfbuzz_subset.hb_subset_input_glyph_set(request), sorted(to_unicode))
    dropped = harfbuzz_subset.hb_subset_input_set(request, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    _add(dropped, sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROPPED_TABLES))
    harfbuzz_subset.hb_subset_input_set_flags(request, flags)
    face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(font.hb_face, request), harfbuzz.hb_face_destroy)
    if face:
        data = _WHOLE_FACE_DATA(face)
        if data:
            font.file_content = data
            return
    LOGGER.warning('Unable to subset "%s" with HarfBuzz', font.family)


def _add(hb_set: Any, values: list[int]) -> None:
    # An open array type: cffi parses a C type string once, and each new length would be a new string.
    array = ffi.new("hb_codepoint_t[]", values)
    harfbuzz.hb_set_add_sorted_array(hb_set, array, len(values))
