"""The build plan: every output the requested editions consist of, and the digest of what it is made of, as
each kind in :mod:`diglot.outputs.kinds` says; and the files every build keeps, from the same kinds.

Outputs are named by their key, their path below ``build/`` (see :mod:`diglot.layout`). The web edition
offers each article's PDF for download only when the build makes PDFs: a page never links a file the build
does not write, so ``--format html`` makes pages without the download link.

Each article also has a parallel edition for each pair of languages :func:`diglot.layout.parallel_pairs`
gives, planned whenever one of the pair's languages is requested: a web page (``parallel``), a print PDF
with its HTML (``parallel-print``) and the PDF's download copy.

The press edition (``--format press``, never in the default build) is a PDF/X-4 of each print PDF for the
print shop (``press``, and ``parallel-press`` at the A4 trim): rendered from the print HTML, it needs the
print edition's pictures, not its PDFs.
"""

from __future__ import annotations

from dataclasses import replace

from diglot.outputs.kinds import KINDS
from diglot.outputs.output import Kind, Output, Scope


def plan_outputs(scope: Scope) -> list[Output]:
    """Every output of the requested formats and languages, in the order a build makes them; none of an
    edition withheld (``editions.withheld``)."""
    formats = set(scope.formats)
    assets: dict[Kind, str] = {}  # what the pages of a kind link by fingerprinted names: the same for each
    outputs = []
    for kind in (kind for kind in KINDS if kind.formats & formats):
        if kind.stylesheets:
            assets[kind] = scope.digests.web_assets(scope.faces, kind.stylesheets)
        outputs += [replace(output, digest=_digest(scope, output, assets.get(kind))) for output in kind.outputs(scope)]
    return outputs


def _digest(scope: Scope, output: Output, assets: str | None) -> str:
    """The digest of what ``output`` is made of, and of the names of the files it links (``assets``)."""
    made_of = output.kind.digest(scope, output)
    return made_of if assets is None else f"{made_of}+assets:{assets}"


def expected_files(scope: Scope) -> set[str]:
    """Every file a build of all formats and languages keeps: the files of every output it would plan.
    Anything else the manifest lists is left over from a deleted article, picture or language, or belongs
    to an edition now withheld."""
    everything = scope.everything()
    return {name for kind in KINDS for output in kind.outputs(everything) for name in output.files}
