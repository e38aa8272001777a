"""The review edition: after an edit, the fuzzy message with its word diff and the check finding on it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import copy_publication, replace_in

SLUG = "no-more-carrots"


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """No. 29 after its author changed a figure, and ``diglot update``: the paragraph's translation is fuzzy."""
    from diglot.cli import main

    root = tmp_path_factory.mktemp("review")
    copy_publication(root)
    replace_in(root, f"source/articles/{SLUG}.md", "90 percent of Ukrainians", "85 percent of Ukrainians")
    assert main(["--project", str(root), "update"]) == 0
    return root


@pytest.fixture(scope="module")
def reviewed(edited) -> Path:
    from diglot.cli import main

    assert main(["--project", str(edited), "review", SLUG, "--locale", "zh_Hant"]) == 0
    return edited / "build/review/zh-Hant"


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="entry [^"]*" id="m\d+">.*?</tr>', html, re.S)


def test_the_fuzzy_message_shows_its_word_diff_and_its_check_finding(reviewed):
    html = (reviewed / f"{SLUG}.html").read_text(encoding="utf-8")
    fuzzy = [row for row in _rows(html) if 'class="entry fuzzy"' in row]
    assert len(fuzzy) == 1
    row = fuzzy[0]
    assert "<del>90</del><ins>85</ins> percent of Ukrainians" in row
    assert '<span class="rule">[numbers]</span>' in row and "90" in row
    assert "#: source/articles/no-more-carrots.md:" in row
    assert re.search(r"no-more-carrots\.po:\d+</p>", row)
    assert '<td class="translation" lang="zh-Hant">' in row and "90%" in row
    translated = [row for row in _rows(html) if 'class="entry translated"' in row]
    assert len(translated) == 31 and not any("<del>" in r or "[numbers]" in r for r in translated)


def test_the_summary_counts_and_points_at_what_needs_attention(reviewed):
    html = (reviewed / f"{SLUG}.html").read_text(encoding="utf-8")
    summary = html[html.index('<header class="summary">'):html.index("</header>")]
    counts = re.findall(r"<td>(\d+)</td>", summary)
    assert counts[:4] == ["32", "31", "1", "0"] and int(counts[4]) > 30 and counts[5] == "1"  # words left, findings
    assert re.search(r'Needs attention:\s*<a href="#m\d+">no-more-carrots\.po:\d+ \(fuzzy, numbers\)</a>', summary)


def test_the_pdf_holds_the_same_review(reviewed):
    pdf = reviewed / f"{SLUG}.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "Review: no-more-carrots" in text and "FUZZY" in text and "[numbers]" in text
    assert "不再給胡蘿蔔" in text and "85 percent" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Noto-Serif-CJK-TC" in fonts and "Noto-Serif " in fonts + " "


def test_it_is_never_part_of_the_web_edition(reviewed, edited):
    assert reviewed.parent == edited / "build/review"
    assert not (edited / "build/web").exists()


def test_status_points_to_the_review(edited, diglot):
    result = diglot(edited, "status")
    assert "diglot review no-more-carrots --locale zh_Hant writes build/review/zh-Hant/no-more-carrots.html" \
        in result.out
    assert "editorial-note" not in result.out.split("status:", 1)[1]  # complete catalogs need none
    rows = {row["domain"]: row for row in json.loads(diglot(edited, "status", "--json").out)}
    assert rows[SLUG]["review"] == "build/review/zh-Hant/no-more-carrots.html"


def test_a_note_written_in_chinese_is_reviewed_in_english(edited, diglot):
    result = diglot(edited, "review", "editorial-note", "--locale", "en", "--format", "html")
    assert result.status == 0, result.err
    html = (edited / "build/review/en/editorial-note.html").read_text(encoding="utf-8")
    assert '<td class="source" lang="zh-Hant">' in html and '<td class="translation" lang="en">' in html
    assert not (edited / "build/review/en/editorial-note.pdf").exists()


@pytest.mark.parametrize("args, problem", [
    (("nothing-here", "--locale", "zh_Hant"), "source: error: no document or catalog named 'nothing-here'"),
    ((SLUG, "--locale", "en"), "source/articles/no-more-carrots.md: error: no-more-carrots is written in en"),
    ((SLUG, "--locale", "fr"), "unknown language 'fr'"),
])
def test_bad_requests_are_one_line_and_write_nothing(edited, diglot, args, problem):
    before = sorted((edited / "build").rglob("*")) if (edited / "build").exists() else []
    result = diglot(edited, "review", *args)
    assert result.status == 2 and result.out == ""
    assert result.err.count("\n") == 1 and problem in result.err and "error:" in result.err
    assert (sorted((edited / "build").rglob("*")) if (edited / "build").exists() else []) == before


@pytest.mark.slow  # a review edition, its PDF too
def test_a_hostile_translation_is_shown_as_text_and_fetches_nothing(project, diglot):
    from helpers import po, pseudo, translate_catalog, without_latin_marks

    assert diglot(project, "update").status == 0
    hostile = '<script>alert(1)</script> ![x](file:///etc/passwd) <img src="file:///etc/passwd" onerror="x()">'
    translate_catalog(po(project, "zh_Hant", "every-block"), lambda m: hostile if m == "A Heading" else pseudo(m))
    result = diglot(project, "review", "every-block", "--locale", "zh_Hant")
    assert result.status == 0, result.err
    html = without_latin_marks((project / "build/review/zh-Hant/every-block.html").read_text(encoding="utf-8"))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[html]" in html and "[images]" in html  # what check says of it, on its entry
    pdf = subprocess.run(["pdftotext", str(project / "build/review/zh-Hant/every-block.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout
    assert "root:x:0:0" not in pdf and "<script>alert(1)</script>" in " ".join(pdf.split())
