"""diglot's extensions to WeasyPrint: installed by one call, and only on the WeasyPrint they were tested with."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pydyf
import pytest
import weasyprint
from weasyprint.layout import inline

from diglot.errors import DiglotError
from diglot.pdf import deflate, extensions, fonts, justify

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("version", "tested"), [("70.0", True), ("70.2", True), ("71.0", False),
                                                 ("66.0", False), ("70", True), ("dev", False)])
def test_only_the_tested_weasyprint_is_extended(version, tested):
    assert extensions.tested(version) is tested


def test_the_installed_weasyprint_is_a_tested_one():
    assert extensions.tested(weasyprint.__version__)


def test_pyproject_pins_the_tested_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pin = next(d for d in project["dependencies"] if d.startswith("weasyprint"))
    low, high = extensions.TESTED
    assert re.sub(r"\s", "", pin) == f"weasyprint>={low[0]},<{high[0]}"


def test_a_renderer_installs_every_extension(tmp_path):
    from diglot.pdf.weasy import Renderer

    Renderer(tmp_path)
    assert inline.text_align is justify.text_align
    assert isinstance(pydyf.zlib, deflate.Deflate)
    extensions.install()  # a second call changes nothing
    assert inline.text_align is justify.text_align


def test_an_untested_weasyprint_is_refused_before_a_pdf_is_promised(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(DiglotError, match=r"WeasyPrint 71\.0 is installed.*tested with WeasyPrint 70\.x"):
        fonts.require_pdf_renderer()
    with pytest.raises(extensions.UntestedWeasyPrint):
        extensions.install()
