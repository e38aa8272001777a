"""Stale editions: a translation behind its source says so, in its language, per the language's policy."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import copy_publication, po, replace_in, without_latin_marks

pytestmark = pytest.mark.slow  # builds of the publication under each policy

REPO = Path(__file__).parents[2]
SLUG = "no-more-carrots"
ARTICLE = f"source/articles/{SLUG}.md"
# Two paragraphs of No. 29 revised by the author after translation: their translations become fuzzy.
EDITS = (("Trumps approaches have met", "Trump’s approaches have met"),
         ("In the end, peace proved elusive", "In the end, peace remained elusive"))
BANNER_ZH = "本譯文尚未依原文最新修訂完成更新：全文共{total}段，其中{current}段為最新譯文"


@pytest.fixture
def revised(tmp_path: Path, diglot) -> Path:
    """The publication after the author revised two paragraphs, catalogs updated (two fuzzy messages)."""
    copy_publication(tmp_path)
    for old, new in EDITS:
        replace_in(tmp_path, ARTICLE, old, new)
    assert diglot(tmp_path, "update").status == 0
    return tmp_path


def set_policy(root: Path, language: str, policy: str) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[tool.diglot.stale-editions]\n{language} = "{policy}"\n')


def figures(root: Path) -> tuple[int, int]:
    """(current, total) messages of the Chinese edition: the article's (the editorial note is written in
    Chinese, so it is no translation the edition could be behind on), as diglot status counts them."""
    article = [m for m in read_po(po(root, "zh_Hant", SLUG).open("rb")) if m.id]
    current = sum(1 for m in article if m.string and not m.fuzzy)
    return current, len(article)


def page(root: Path, tag: str, name: str = f"{SLUG}.html", edition: str = "web") -> str:
    """A page's HTML without the typesetting spans (diglot.editions.typography), which may split a figure."""
    return without_latin_marks((root / "build" / edition / tag / name).read_text(encoding="utf-8"))


def test_source_policy_banner_in_chinese_with_figures_and_the_original_linked(revised, diglot):
    run = diglot(revised, "build", "--locale", "zh_Hant")
    assert run.status == 0, run.err
    current, total = figures(revised)
    assert (current, total) == (30, 32)
    web, printed = page(revised, "zh-Hant"), page(revised, "zh-Hant", edition="print")
    for html in (web, printed):
        assert BANNER_ZH.format(total=total, current=current) in html
        assert BANNER_ZH.format(total=total, current=current) + "，其餘段落暫以原文呈現。" in html
        assert "閱讀原文（英文）" in html
        assert '<p lang="en">In the end, peace remained elusive' in html  # the pending block, marked English
    assert '<a href="../en/no-more-carrots.html" hreflang="en">' in web
    assert '<a href="https://www.pf.org.tw/en/no-more-carrots.html" hreflang="en">' in printed
    pdf = subprocess.run(["pdftotext", str(revised / f"build/print/zh-Hant/{SLUG}.pdf"), "-"], check=True,
                         capture_output=True, text=True).stdout
    assert f"全文共{total}段，其中{current}段為最新譯文" in "".join(pdf.split())


def test_previous_policy_shows_the_old_translation_marked_outdated(revised, diglot):
    set_policy(revised, "zh_Hant", "previous")
    run = diglot(revised, "build", "--locale", "zh_Hant", "--format", "html")
    assert run.status == 0
    assert "2 fuzzy message(s) shown in their previous translation, marked outdated" in run.err
    html = page(revised, "zh-Hant")
    assert BANNER_ZH.format(total=32, current=30) + "；標示為待更新的段落仍為先前的譯文。" in html
    assert '<p class="outdated" title="待更新：本段譯自原文的先前版本。">到頭來，和平始終遙不可及' in html
    assert "peace remained elusive" not in html


def test_withhold_policy_holds_the_edition_back_until_complete(revised, diglot):
    assert diglot(revised, "build", "--format", "html").status == 0  # built while the policy is "source"
    assert (revised / f"build/web/zh-Hant/{SLUG}.html").exists()
    set_policy(revised, "zh_Hant", "withhold")
    run = diglot(revised, "build", "--format", "html")
    assert run.status == 0
    assert f"build: withheld zh-Hant/{SLUG}: its translation is behind its source" in run.err
    assert not (revised / f"build/web/zh-Hant/{SLUG}.html").exists()  # the old edition is gone too
    assert f"zh-Hant/{SLUG}.html" not in page(revised, "en")  # no link to it
    assert f"{SLUG}.html" not in page(revised, "zh-Hant", "index.html")  # not listed
    status = diglot(revised, "status")
    assert (f"stale: zh_Hant {SLUG}: 30 of 32 messages current; the edition is withheld from the build "
            "until the translation is complete (stale-editions: withhold)") in status.out

    catalog = po(revised, "zh_Hant", SLUG)
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    run = diglot(revised, "build", "--format", "html")
    assert "withheld" not in run.err
    assert 'class="stale-notice"' not in page(revised, "zh-Hant")
    assert f'href="../zh-Hant/{SLUG}.html"' in page(revised, "en")


def test_an_english_edition_of_a_chinese_original_says_so_in_english(revised, diglot):
    chinese = revised / "source/articles/taiwan-note.md"
    chinese.write_text("---\ntitle: 臺灣觀點\nauthor:\n  name: 王小明\ndate: 2025-06-01\nseries: 遠景\nnumber: 30\n"
                       "summary: 摘要。\nlang: zh_Hant\n---\n\n第一段。\n\n第二段。\n", encoding="utf-8")
    diglot(revised, "update")
    english = {"臺灣觀點": "A Taiwanese View", "王小明": "Wang Hsiao-ming", "遠景": "Prospects", "摘要。": "Summary.",
               "第一段。": "The first paragraph.", "第二段。": "The second paragraph."}
    catalog = po(revised, "en", "taiwan-note")
    text = catalog.read_text(encoding="utf-8")
    for msgid, msgstr in english.items():
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    catalog.write_text(text, encoding="utf-8")
    replace_in(revised, "source/articles/taiwan-note.md", "第二段。", "第二段，已修訂。")
    diglot(revised, "update")
    assert diglot(revised, "build", "--format", "html", "--locale", "en").status == 0
    html = page(revised, "en", "taiwan-note.html")
    # 4 fields and 2 paragraphs, the revised one pending, and the editorial note, current
    assert ("This translation is behind the latest revision of the original: 6 of 7 passages are up to date. "
            "The other passages are shown in the original language.") in html
    assert '<a href="../zh-Hant/taiwan-note.html" hreflang="zh-Hant">Read the original (Chinese (Traditional))</a>' \
        in html
    assert '<p lang="zh-Hant">第二段，已修訂。</p>' in html
    assert 'class="stale-notice"' not in page(revised, "en")  # No. 29's English original: nothing to say


def test_status_names_stale_editions(revised, diglot):
    run = diglot(revised, "status")
    assert (f"stale: zh_Hant {SLUG}: 30 of 32 messages current; the edition shows the pending passages in the "
            "original language (stale-editions: source)") in run.out
    rows = {row["domain"]: row for row in json.loads(diglot(revised, "status", "--json").out)}
    assert rows[SLUG]["stale"] and rows[SLUG]["policy"] == "source" and rows[SLUG]["kind"] == "article"
    assert not rows["site"]["stale"] and not rows["editorial-note"]["stale"]


@pytest.mark.parametrize("setting, problem", [
    ('stale-editions = { fr = "previous" }', "stale-editions names 'fr', which is not among the languages"),
    ('stale-editions = { zh_Hant = "hide" }', "stale-editions: zh_Hant = 'hide' is no policy"),
    ('stale-editions = "withhold"', "stale-editions must be a table of languages"),
])
def test_a_bad_policy_is_bad_input(revised, diglot, setting, problem):
    config = revised / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[tool.diglot]\n", f"[tool.diglot]\n{setting}\n"), encoding="utf-8")
    line = text.split("\n").index("[tool.diglot]") + 2
    run = diglot(revised, "status")
    assert run.status == 2
    assert run.err.startswith(f"pyproject.toml:{line}: error: {problem}"), run.err
