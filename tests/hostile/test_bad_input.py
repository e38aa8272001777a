"""Bad input: one line naming path:line, what is wrong and what to do; exit status 2; nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, po, replace_in, run_cli, snapshot, translate_catalog

pytestmark = pytest.mark.slow  # most cases run a whole build, PDFs and all

ARTICLE = "source/articles/every-block.md"


def assert_rejected(diglot, root: Path, where: str, words: str, *commands: tuple[str, ...]) -> None:
    """Every command fails with exit 2 and the one expected line, and leaves the project as it was."""
    for command in commands or (("update",), ("build",)):
        before = snapshot(root)
        result = diglot(root, *command)
        assert result.status == 2, (command, result.err)
        lines = result.err.strip().split("\n")
        assert len(lines) == 1 and "Traceback" not in result.err, result.err
        assert lines[0].startswith(f"{where}: error: "), lines[0]
        assert words in lines[0], lines[0]
        assert "; " in lines[0]  # what to do follows what is wrong
        assert snapshot(root) == before, f"{command} wrote files"


@pytest.fixture(scope="module")
def ready_once(tmp_path_factory) -> Path:
    """The sample project with its catalogs made and translated, and built, so that a failed run has files
    to spoil: made once per module."""
    root = tmp_path_factory.mktemp("ready") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    assert run_cli(root, "update").status == 0
    translate_catalog(po(root, "zh_Hant", "every-block"))
    assert run_cli(root, "build", "--format", "html").status == 0
    return root


@pytest.fixture
def ready(ready_once, tmp_path) -> Path:
    """A fresh copy of ``ready_once`` for each test."""
    root = tmp_path / "project"
    shutil.copytree(ready_once, root, symlinks=True)
    return root


def test_malformed_front_matter(ready, diglot):
    replace_in(ready, ARTICLE, "subtitle: A fixture for segmentation", "subtitle: [A fixture")
    assert_rejected(diglot, ready, f"{ARTICLE}:4", "invalid YAML front matter")


def test_front_matter_without_its_closing_line(ready, diglot):
    replace_in(ready, ARTICLE, "tags: [testing, segmentation]\n---", "tags: [testing, segmentation]")
    assert_rejected(diglot, ready, f"{ARTICLE}:1", "front matter never ends")


def test_unknown_front_matter_key(ready, diglot):
    replace_in(ready, ARTICLE, "series: Sample Papers", "series: Sample Papers\ncolour: red")
    assert_rejected(diglot, ready, f"{ARTICLE}:9", "unknown front-matter key colour")


def test_missing_required_key(ready, diglot):
    replace_in(ready, ARTICLE, "number: 7\n", "")
    assert_rejected(diglot, ready, f"{ARTICLE}:2", "missing front-matter key number")


@pytest.mark.parametrize("date", ["2024-02-30", "March 1st", "2024-13-01"])
def test_bad_date(ready, diglot, date):
    replace_in(ready, ARTICLE, "date: 2024-03-01", f"date: {date}")
    assert_rejected(diglot, ready, f"{ARTICLE}:7", "bad date")


def test_missing_image(ready, diglot):
    replace_in(ready, ARTICLE, "src: ../images/pixel.png", "src: ../images/missing.png")
    assert_rejected(diglot, ready, f"{ARTICLE}:12", "image '../images/missing.png' does not exist")


def test_image_outside_the_images_folder(ready, diglot):
    replace_in(ready, ARTICLE, "src: ../images/pixel.png", "src: ../../pyproject.toml")
    assert_rejected(diglot, ready, f"{ARTICLE}:12", "is outside source/images")


def test_po_file_with_git_conflict_markers(ready, diglot):
    catalog = "translations/zh_Hant/LC_MESSAGES/every-block.po"
    lines = (ready / catalog).read_text(encoding="utf-8").split("\n")
    at = lines.index('msgid "A Heading"')
    lines[at:at + 2] = ["<<<<<<< HEAD", lines[at], lines[at + 1], "=======", lines[at], 'msgstr "OTHER"',
                        ">>>>>>> theirs"]
    (ready / catalog).write_text("\n".join(lines), encoding="utf-8")
    assert_rejected(diglot, ready, f"{catalog}:{at + 1}", "unresolved merge conflict marker",
                    ("update",), ("build",), ("status",))


def test_po_syntax_error(ready, diglot):
    catalog = "translations/zh_Hant/LC_MESSAGES/every-block.po"
    replace_in(ready, catalog, 'msgid "A Heading"\nmsgstr', 'msgid "A Heading"\nmsgstring')
    line = (ready / catalog).read_text(encoding="utf-8").split("\n").index("msgstring \"A HEADING\"") + 1
    assert_rejected(diglot, ready, f"{catalog}:{line}", "invalid PO syntax", ("update",), ("build",))


@pytest.mark.parametrize("folded", ['"PO-Revision-Date:\\n"\n"\\t2024-03-01 12:00+0800\\n"',
                                    '"PO-Revision-Date: 2024-03-01 12:00+0800\\n"\n" 12:00\\n"'])
def test_a_header_line_starting_with_a_tab_or_space(ready, diglot, folded):
    """Babel reads such a line as part of the field before it (the date then failed with a traceback)."""
    catalog = "translations/zh_Hant/LC_MESSAGES/every-block.po"
    text = (ready / catalog).read_text(encoding="utf-8")
    revision = next(line for line in text.split("\n") if line.startswith('"PO-Revision-Date:'))
    (ready / catalog).write_text(text.replace(revision, folded), encoding="utf-8")
    line = text.split("\n").index(revision) + 2
    assert_rejected(diglot, ready, f"{catalog}:{line}", "invalid PO header: a header line starts with a",
                    ("update",), ("build",), ("check",))


def test_non_utf8_catalog(ready, diglot):
    catalog = ready / "translations/zh_Hant/LC_MESSAGES/every-block.po"
    data = catalog.read_bytes().replace(b"A HEADING", "Ä HEADING".encode("latin-1"))
    catalog.write_bytes(data)
    line = data[: data.index(b"\xc4 HEADING")].count(b"\n") + 1
    assert_rejected(diglot, ready, f"translations/zh_Hant/LC_MESSAGES/every-block.po:{line}", "not UTF-8")


def test_unknown_language_in_the_config(ready, diglot):
    replace_in(ready, "pyproject.toml", '"zh_Hant"]', '"zh_Hant", "xx_Nowhere"]')
    assert_rejected(diglot, ready, "pyproject.toml:5", "unknown language 'xx_Nowhere'")


def test_unknown_language_of_a_document(ready, diglot):
    replace_in(ready, ARTICLE, "tags: [testing, segmentation]", "tags: [testing, segmentation]\nlang: fr")
    assert_rejected(diglot, ready, f"{ARTICLE}:16", "unknown language 'fr'")


def test_unknown_locale_asked_for(ready, diglot):
    assert_rejected(diglot, ready, "pyproject.toml", "unknown language 'fr'", ("build", "--locale", "fr"))


def test_unknown_setting(ready, diglot):
    replace_in(ready, "pyproject.toml", 'name = "Sample Foundation"', 'name = "Sample Foundation"\ntheme = "dark"')
    assert_rejected(diglot, ready, "pyproject.toml:3", "unknown setting 'theme'")


def _cli(root: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diglot", "--project", str(root), *args], capture_output=True,
                          text=True, env={**os.environ, **env})


@pytest.mark.parametrize(("edition", "where", "problem"), [
    ("pdf", None, "the font 'Noto Serif' is not installed; install Debian's fonts-noto-core"),
    ("html", "diglot/static/diglot.css:8", "the font 'Noto Serif' (400 normal) is not installed; install Debian's"),
])
def test_missing_font(ready, tmp_path, edition, where, problem):
    """The print edition needs the fonts installed; the web edition cuts its own fonts from them."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                     f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    before = snapshot(ready)
    result = _cli(ready, "build", "--format", edition, env={"FONTCONFIG_FILE": str(empty)})
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    if edition == "pdf":
        css = (REPO / "diglot/static/print.css").read_text(encoding="utf-8")
        line = css[:css.index('"Noto Serif"')].count("\n") + 1  # the first face the stylesheet names
        where = f"diglot/static/print.css:{line}"
    assert result.stderr.startswith(f"{where}: error: {problem}")
    assert snapshot(ready) == before


def test_missing_gettext_tools(ready, tmp_path):
    (ready / ARTICLE).write_text((ready / ARTICLE).read_text().replace("A Heading", "A New Heading"))
    before = snapshot(ready)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    result = _cli(ready, "update", env={"PATH": str(bin_dir)})
    assert result.returncode == 2
    assert result.stderr == ("error: msgmerge is not installed; install GNU gettext (apt-get install gettext) or "
                             "run scripts/build\n")
    assert snapshot(ready) == before


def test_missing_pdf_library(ready, diglot, monkeypatch):
    monkeypatch.delitem(sys.modules, "diglot.pdf.weasy", raising=False)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when WeasyPrint cannot be loaded
    before = snapshot(ready)
    result = diglot(ready, "build")
    assert result.status == 2
    assert result.err.startswith("error: WeasyPrint cannot load a library it needs")
    assert "apt-get install libpango-1.0-0" in result.err
    assert snapshot(ready) == before
