"""diglot's extensions to WeasyPrint, installed by one call and only on the WeasyPrint they were tested with.

WeasyPrint offers no plug-in interface for what the print edition needs, so these modules replace a few
functions of its internals (each module's docstring says which and why):

- :mod:`diglot.pdf.justify`: Chinese lines justified between characters, their edges trimmed;
- :mod:`diglot.pdf.embedding`: font faces shared between documents and subset in one pass;
- :mod:`diglot.pdf.archival`: each element's own language in the tagged PDF's structure tree;
- :mod:`diglot.pdf.pdfx`: CMYK colours where a press PDF's output intent is CMYK;
- :mod:`diglot.pdf.deflate`: streams deflated at the levels that pay.

Internals change between WeasyPrint's major versions without notice, and a replaced function that no
longer fits would change the PDFs silently. :func:`install` therefore refuses a WeasyPrint outside
:data:`TESTED`, the range ``pyproject.toml`` pins too. Moving to a new WeasyPrint is a deliberate step: run
the PDF tests with it (``tests/e2e/test_print.py``, ``test_press.py``, ``tests/unit/test_typesetting.py``),
then widen both.
"""

from __future__ import annotations

import weasyprint

from diglot.pdf import archival, deflate, embedding, justify, pdfx

TESTED = ((70, 0), (71, 0))  # from 70.0 up to, not including, 71.0
EXTENSIONS = (justify, embedding, archival, pdfx, deflate)


class UntestedWeasyPrint(RuntimeError):
    """The installed WeasyPrint is not one these extensions were tested with."""


def tested(version: str) -> bool:
    """Whether WeasyPrint ``version`` (``70.0``) is in :data:`TESTED`."""
    try:
        release = tuple(int(part) for part in [*version.split("."), "0"][:2])
    except ValueError:
        return False
    low, high = TESTED
    return low <= release < high


def install() -> None:
    """Install every extension in this process (once; calling again does nothing)."""
    if not tested(weasyprint.__version__):
        raise UntestedWeasyPrint(f"WeasyPrint {weasyprint.__version__} is installed; diglot's extensions to it "
                                 f"are tested with {TESTED[0][0]}.x")
    for extension in EXTENSIONS:
        extension.install()
