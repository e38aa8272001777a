"""How the PDFs' streams are deflated: at fixed levels chosen for speed (see :class:`Deflate`), not pydyf's 9."""

from __future__ import annotations

import zlib
from typing import Any

import pydyf


def install() -> None:
    """Make pydyf, which writes WeasyPrint's PDFs, deflate with :class:`Deflate` (once per process)."""
    if not isinstance(pydyf.zlib, Deflate):
        pydyf.zlib = Deflate()


class Deflate:
    """zlib as pydyf sees it, compressing a PDF's streams at level 6 where pydyf asks for 9, and the
    embedded font programs at level 1. Level 9 spends half as long again as 6 to save about 0.2 % of the
    file. A CJK face's glyph outlines are most of a Chinese PDF and deflate poorly at any level: level 1
    takes two thirds of level 6's time for 2.5 % more font data. The levels are fixed, so the output stays
    byte-reproducible."""

    LEVEL, FONT_LEVEL = 6, 1
    _FONT_PROGRAMS = (b"OTTO", b"\x00\x01\x00\x00", b"true")  # OpenType (CFF) and TrueType signatures

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return _Compressor(self, args, kwargs)


class _Compressor:
    """A zlib compressor whose level is chosen by the first bytes it is given (pydyf gives all at once)."""

    def __init__(self, deflate: Deflate, args: Any, kwargs: Any):
        self.deflate, self.args, self.kwargs = deflate, args, kwargs
        self.compressor: Any = None

    def compress(self, data: bytes) -> bytes:
        if self.compressor is None:
            level = self.deflate.FONT_LEVEL if data[:4] in self.deflate._FONT_PROGRAMS else self.deflate.LEVEL
            self.compressor = zlib.compressobj(level, *self.args, **self.kwargs)
        return bytes(self.compressor.compress(data))

    def flush(self, *args: Any) -> bytes:
        if self.compressor is None:
            self.compressor = zlib.compressobj(self.deflate.LEVEL, *self.args, **self.kwargs)
        return bytes(self.compressor.flush(*args))
