"""One typography for every edition (diglot.editions.treesteps, typography, typesetting): code byte for
byte, English quotes and dashes by smarty in web and print alike, Chinese set to clreq in every edition.

An article of our own with code, straight quotes and typed dashes, translated into Chinese with an English
quotation, goes through every edition once per session; No. 29's parallel PDF is measured with pdfplumber.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from diglot.cli import main
from diglot.editions.treesteps import smarten
from helpers import FIXTURES, pdf_lines, translate_catalog

ARTICLE = """---
title: "Straight \\"Quotes\\" -- and Code"
author:
  name: Ada Lovelace
date: 2025-06-01
series: Prospects & Perspectives
number: 30
summary: "It's the '80s... \\"no\\" -- 1990--2000."
lang: en
---

Run `diglot build --format pdf` and "see" what happens.

```
$ ls --all "x"
echo 'hi'
```

It's the '80s, wait---no, 1990--2000... and "no" means 'no'.
"""
CODE = ["diglot build --format pdf", '$ ls --all "x"', "echo 'hi'"]
ENGLISH = ["“see”", "It’s the ’80s, wait—no, 1990–2000… and “no” means ‘no’."]
CHINESE = {
    "Run `diglot build --format pdf` and \"see\" what happens.": "執行`diglot build --format pdf`，看看會怎樣。",
    "It's the '80s, wait---no, 1990--2000... and \"no\" means 'no'.":
        "他說：\"It's the '80s...\"「不」就是不，1990年至2000年。",
}
DASH_HYPHEN = re.compile(r"[—–]-")


@pytest.fixture(scope="session")
def article(tmp_path_factory) -> Path:
    """The sample project with the article above, translated into Chinese, built whole (web, print, review)."""
    root = tmp_path_factory.mktemp("typography") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    (root / "source/articles/straight-quotes.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["--project", str(root), "update"]) == 0
    catalog_path = root / "translations/zh_Hant/LC_MESSAGES/straight-quotes.po"
    with catalog_path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id:
            message.string = CHINESE.get(message.id, "中文" + message.id)
    with catalog_path.open("wb") as f:
        write_po(f, catalog)
    for path in (root / "translations").glob("*/LC_MESSAGES/*.po"):
        if path != catalog_path:
            translate_catalog(path)
    assert main(["--project", str(root), "build"]) == 0
    for tag in ("zh_Hant",):
        assert main(["--project", str(root), "review", "straight-quotes", "--locale", tag]) in (0, 1)
    return root


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    return path.read_text(encoding="utf-8")


def _outputs(root: Path) -> list[Path]:
    build = root / "build"
    found = [p for p in build.rglob("straight-quotes*") if p.suffix in (".html", ".pdf")]
    found += [p for p in build.rglob("*.xml")]
    return sorted(found)


def _unescaped(text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_the_article_goes_through_every_edition(article):
    names = {p.relative_to(article / "build").as_posix() for p in _outputs(article)}
    for expected in ("web/en/straight-quotes.html", "web/zh-Hant/straight-quotes.html",
                     "web/en.zh-Hant/straight-quotes.html", "print/en/straight-quotes.pdf",
                     "print/zh-Hant/straight-quotes.pdf", "print/en.zh-Hant/straight-quotes.pdf"):
        assert expected in names, sorted(names)
    assert any(name.startswith("review/") for name in names), sorted(names)


def test_every_code_span_and_block_is_intact_in_every_page_and_pdf(article):
    for path in _outputs(article):
        if path.suffix == ".xml":
            continue
        text = _text(path)
        shown = text if path.suffix == ".pdf" else _unescaped(text)
        # A review shows messages, and a code block is never one: its code spans are there.
        for code in CODE[:1] if "review" in path.parts else CODE:
            assert code in shown, (path, code)
        if path.suffix == ".html" and "review" not in path.parts:
            assert "<code>diglot build --format pdf</code>" in text, path


def test_english_quotes_and_dashes_are_the_same_on_the_web_and_in_print(article):
    web = _unescaped(_text(article / "build/web/en/straight-quotes.html"))
    printed = " ".join(_text(article / "build/print/en/straight-quotes.pdf").split())
    for expected in ENGLISH:
        assert expected in web, expected
        assert expected in printed, expected
    assert "Straight “Quotes” – and Code" in web and "Straight “Quotes” – and Code" in printed
    page = _text(article / "build/web/en/straight-quotes.html")
    meta = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert meta and _unescaped(meta.group(1)) == "It’s the ’80s… “no” – 1990–2000."


def test_no_dash_is_followed_by_a_hyphen_anywhere(article):
    for path in _outputs(article):
        assert not DASH_HYPHEN.search(_unescaped(_text(path))), path


def test_an_english_quotation_in_chinese_is_curled_and_chinese_punctuation_kept(article):
    for name in ("web/zh-Hant/straight-quotes.html", "print/zh-Hant/straight-quotes.pdf",
                 "web/en.zh-Hant/straight-quotes.html"):
        path = article / "build" / name
        text = "".join(_unescaped(_text(path)).split())
        assert "他說：“It’sthe’80s…”「不」就是不" in text, path
        assert "執行diglotbuild--formatpdf，看看會怎樣。" in text, path


def test_extraction_sees_the_text_as_written(article):
    template = (article / "translations/templates/straight-quotes.pot").read_text(encoding="utf-8")
    assert 'msgid "It\'s the \'80s, wait---no, 1990--2000... and \\"no\\" means \'no\'."' in template
    assert "`diglot build --format pdf`" in template


def test_smarten_keeps_chinese_and_curls_english_runs():
    assert smarten("他說：\"It's fine.\"「好」--然後...", "zh-Hant") == "他說：“It’s fine.”「好」--然後..."
    assert smarten("\"It's\" the '80s -- 1990--2000 --- wait...", "en") == "“It’s” the ’80s – 1990–2000 — wait…"


# No. 29's parallel PDF: the Chinese column set as the Chinese PDF is.

PARALLEL = "en.zh-Hant"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _chinese_column(publication: Path) -> list:
    """The Chinese column's lines, page by page: not the running head above it (in the page's 20 mm top
    margin)."""
    lines = pdf_lines(publication / f"build/print/{PARALLEL}/no-more-carrots.pdf")
    middle, top_margin = 595.276 / 2, 20 / 25.4 * 72
    column = []
    for line in lines:
        chars = [c for c in line.chars if c["x0"] > middle and c["top"] > top_margin]
        if chars and len(HAN.findall("".join(c["text"] for c in chars))) >= 2:
            column.append((line.page, chars))
    return column


def test_parallel_running_head_spaces_its_chinese_side_as_the_column(publication):
    """The running head holds both languages; its Chinese side (第 29 期) is spaced like the column."""
    top_margin = 20 / 25.4 * 72
    heads = [line.chars for line in pdf_lines(publication / f"build/print/{PARALLEL}/no-more-carrots.pdf")
             if line.page > 1 and line.chars[0]["top"] < top_margin]
    assert heads
    for chars in heads:
        text = "".join(c["text"] for c in chars)
        assert "No.29" in text and "第29期" in text, text  # both sides: the series in English and in Chinese
        gaps = [(right["x0"] - left["x1"]) / left["size"] for left, right in itertools.pairwise(chars)
                if {left["text"], right["text"]} & {"第", "期"}
                and (LATIN_OR_DIGIT.match(left["text"]) or LATIN_OR_DIGIT.match(right["text"]))]
        assert len(gaps) == 3 and min(gaps) >= 0.2, gaps  # s|第, 第|2 and 9|期


def test_parallel_chinese_column_spaces_han_and_latin_a_quarter_em(publication):
    gaps = []
    for _, chars in _chinese_column(publication):
        for left, right in itertools.pairwise(chars):
            if (HAN.match(left["text"]) and LATIN_OR_DIGIT.match(right["text"])) or \
                    (LATIN_OR_DIGIT.match(left["text"]) and HAN.match(right["text"])):
                han = left if HAN.match(left["text"]) else right
                gaps.append((right["x0"] - left["x1"]) / han["size"])
    assert len(gaps) > 40
    assert sum(gap >= 0.2 for gap in gaps) >= 0.9 * len(gaps), sorted(gaps)


def test_parallel_chinese_lines_reach_the_column_measure(publication):
    """Every line of a Chinese paragraph but its last ends at the column's right edge."""
    column = _chinese_column(publication)
    right = max(chars[-1]["x1"] for _, chars in column)
    left = min(chars[0]["x0"] for _, chars in column)
    lines = []
    for (page, chars), (next_page, following) in itertools.pairwise(column):
        size = chars[0]["size"]
        continues = next_page == page and 0 < following[0]["top"] - chars[0]["top"] < 2 * size \
            and following[0]["x0"] - left < size  # the next line is not a new, indented paragraph
        if continues and size < 11:  # body text, not a heading
            lines.append(chars)
    assert len(lines) > 50
    ends = [chars[-1]["x1"] - right for chars in lines]
    # A final punctuation mark compressed with halt, or centred (，。), ends short of its box.
    short = "，。、；：？！）」』"
    within = [chars for chars, end in zip(lines, ends, strict=True)
              if abs(end) <= 0.5 or (chars[-1]["text"] in short and -0.6 * chars[-1]["size"] <= end <= 0.5)]
    assert len(within) >= 0.95 * len(lines), sorted(ends)
