"""The fonts the print edition needs, looked up the way WeasyPrint will find them: through fontconfig; and
the libraries WeasyPrint loads, checked before a PDF is promised."""

from __future__ import annotations

import importlib
import shutil
import subprocess

from diglot import layout
from diglot.errors import DiglotError

# Each family print.css names, and the Debian package that installs it.
REQUIRED = {
    "Noto Serif": "fonts-noto-core",
    "Noto Sans": "fonts-noto-core",
    "Noto Serif CJK TC": "fonts-noto-cjk",
    "Noto Sans CJK TC": "fonts-noto-cjk",
    "Noto Sans Math": "fonts-noto-core",
    "Noto Mono": "fonts-noto-mono",
    "Noto Sans Mono CJK TC": "fonts-noto-cjk",
}


def require_fonts() -> None:
    """Raise DiglotError, naming the stylesheet line that wants it and the package that has it, when a
    font is not installed."""
    if shutil.which("fc-list") is None:
        raise DiglotError(None, None, "fontconfig is not installed", _install("fontconfig"))
    # One listing of every installed family (a face lists its names separated by commas), not a query per font.
    listing = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True).stdout
    installed = {name for line in listing.splitlines() for name in line.split(",")}
    for family, package in REQUIRED.items():
        if family not in installed:
            raise DiglotError("diglot/static/print.css", _line_naming(family), f"the font {family!r} is not installed",
                              _install(package))


def _install(package: str) -> str:
    return f"install Debian's {package} (apt-get install {package}) or run scripts/build"


def _line_naming(family: str) -> int | None:
    text = (layout.STATIC / "print.css").read_text(encoding="utf-8")
    index = text.find(f'"{family}"')
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def require_pdf_renderer() -> None:
    """Raise DiglotError unless the print edition's fonts and WeasyPrint's libraries are installed."""
    require_fonts()
    try:
        importlib.import_module("diglot.pdf.weasy")  # WeasyPrint loads Pango and HarfBuzz when imported
    except (OSError, ImportError) as error:
        raise DiglotError(None, None, f"WeasyPrint cannot load a library it needs ({error})",
                          "install Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0) or run scripts/build"
                          ) from None
    import weasyprint  # loaded by now

    from diglot.pdf import extensions  # imports WeasyPrint's internals: only once WeasyPrint is known to load

    if not extensions.tested(weasyprint.__version__):
        raise DiglotError(None, None, f"WeasyPrint {weasyprint.__version__} is installed, but diglot's print "
                          f"extensions are tested with WeasyPrint {extensions.TESTED[0][0]}.x",
                          "run scripts/build, which installs the version of requirements.lock")
