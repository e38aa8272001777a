"""The fonts the print edition needs, looked up the way WeasyPrint will find them: through fontconfig."""

from __future__ import annotations

import shutil
import subprocess

from diglot.editions.templating import STATIC
from diglot.errors import DiglotError

REQUIRED = ("Noto Serif CJK TC", "Noto Sans CJK TC")
_INSTALL = "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk fontconfig) or run scripts/build"


def require_fonts() -> None:
    """Raise DiglotError, naming the stylesheet line that wants it, when a font is not installed."""
    if shutil.which("fc-match") is None:
        raise DiglotError(None, None, "fontconfig is not installed", _INSTALL)
    for family in REQUIRED:
        found = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True).stdout
        if family not in found.split(","):
            raise DiglotError("diglot/static/print.css", _line_naming(family), f"the font {family!r} is not installed",
                              _INSTALL)


def _line_naming(family: str) -> int | None:
    text = (STATIC / "print.css").read_text(encoding="utf-8")
    index = text.find(f'"{family}"')
    return text.count("\n", 0, index) + 1 if index >= 0 else None
