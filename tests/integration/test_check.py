"""diglot check: every rule on real PO files of the sample project, the CLI's contract, the repository."""

from __future__ import annotations

import ast
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from diglot.checks import Finding
from diglot.checks.consistency import variants
from diglot.checks.numbers import quantities
from diglot.checks.terms import mainland_terms, quoted_name
from diglot.checks.typography import in_big5
from diglot.checks.wording import country_names
from diglot.cli import main
from diglot.sources.inline import emphasis_markers, unsafe_scheme
from helpers import FIXTURES, po, pseudo, translate_catalog

REPOSITORY = Path(__file__).parents[2]
ARTICLE, SITE, NOTE = "every-block", "site", "house-note"
OPENING = ("An opening paragraph with **bold**, *emphasis*, `code` and a [link](https://example.org/a \"title\")."
           "\nIt continues on a second line.[^1]")
OPENING_ZH = "開頭段落，有**粗體**、*強調*、`code`和一個[連結](https://example.org/a \"title\")。\n續行。[^1]"
LINKED = "Another item with a [relative link](../other.html)"
IMAGE = "![An inline image](../images/pixel.png)"
ITEM, QUOTED, FOOTNOTE, HEADING = "A tight item", "A quoted paragraph.", "A footnote with *emphasis*.", "A Heading"
BIO = "Fellow at the Sample Foundation"
# Appended to the sample article by the ``extended`` fixture: numbers and the other kinds of link.
EXTRA = ("See [the report][report] and <https://example.org/feed>: US$251 billion, 3 million people, "
         "90 percent, on May 17-18, 2024.")
EXTRA_ZH = "見[報告][report]與<https://example.org/feed>：2,510億美元、300萬人、90%，2024年5月17日至18日。"
GLOSSARY = "source,target,explanation\nFellow,研究員,title\npixel,像素,\n"
_FINDING = re.compile(r"^(\S+:\d+): (error|warning): (.*) \[([\w-]+)\]$")


# --- helpers -----------------------------------------------------------------------------------------

def entry_line(path: Path, msgid: str) -> int:
    """The line of the ``msgid`` keyword of ``msgid``'s entry, read from the file itself."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgid "):
            parts = [line[len("msgid "):]] + [
                following for following in _continuation(lines[number:])]
            if "".join(ast.literal_eval(part) for part in parts) == msgid:
                return number
    raise AssertionError(f"{msgid!r} is not in {path}")


def _continuation(lines: list[str]):
    for line in lines:
        if not line.startswith('"'):
            return
        yield line


def translate(root: Path, domain: str, strings: dict[str, str], language: str = "zh_Hant",
              comments: dict[str, str] | None = None, fuzzy: set[str] = frozenset()) -> Path:
    """Translate a catalog: ``strings`` where given, the pseudo-translation elsewhere."""
    path = po(root, language, domain)
    translate_catalog(path, lambda msgid: strings.get(msgid, pseudo(msgid)))
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.id in (comments or {}):
            message.user_comments.append(comments[message.id])
        if message.id in fuzzy:
            message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())
    return path


def findings(run) -> list[tuple[str, str, str]]:
    """(path:line, severity, rule) of every finding the CLI printed; every other line is the summary."""
    lines = run.out.splitlines()
    assert lines and lines[-1].startswith("check: "), run.out
    parsed = [_FINDING.match(line) for line in lines[:-1]]
    assert all(parsed), run.out
    return [(m.group(1), m.group(2), m.group(4)) for m in parsed]


def where(root: Path, domain: str, msgid: str, language: str = "zh_Hant") -> str:
    path = po(root, language, domain)
    return f"{path.relative_to(root)}:{entry_line(path, msgid)}"


@pytest.fixture(scope="module")
def updated_once(tmp_path_factory) -> Path:
    """The sample project with its PO files created, every message pseudo-translated: made once per module."""
    root = tmp_path_factory.mktemp("updated") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    assert main(["--project", str(root), "update"]) == 0
    for language, domain in (("zh_Hant", ARTICLE), ("zh_Hant", SITE), ("en", NOTE)):
        translate_catalog(po(root, language, domain))
    return root


@pytest.fixture
def updated(updated_once, tmp_path) -> Path:
    """A fresh copy of ``updated_once`` for each test."""
    root = tmp_path / "project"
    shutil.copytree(updated_once, root, symlinks=True)
    return root


@pytest.fixture
def extended(project, diglot):
    """The sample project with a paragraph of numbers, a reference link and an autolink appended."""
    article = project / "source" / "articles" / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{EXTRA}\n\n[report]: https://example.org/r\n",
                       encoding="utf-8")
    assert diglot(project, "update").status == 0
    return project


# --- each rule: a bad translation is found at its entry's line, a good one is not ------------------------

RULE_CASES = [
    ("links", LINKED, "另一項[相對連結](../elsewhere.html)"),
    ("links", OPENING, OPENING_ZH.replace("https://example.org/a", "https://example.org/b")),
    ("images", IMAGE, "![一張圖](../images/other.png)"),
    ("images", OPENING, OPENING_ZH + "![追蹤](https://tracker.example/p.png)"),
    ("footnotes", OPENING, OPENING_ZH.replace("[^1]", "")),
    ("code", OPENING, OPENING_ZH.replace("`code`", "`程式碼`")),
    ("emphasis", FOOTNOTE, "帶有*強調的註腳。"),
    ("emphasis", OPENING, OPENING_ZH.replace("**粗體**", "粗體")),
    ("html", ITEM, '緊湊的<span onclick="steal()">一項</span>'),
    ("html", HEADING, "標題 {: onclick=alert(1)}"),
    ("html", HEADING, "標題 {#top .wide data-x=1}"),
    ("big5", ITEM, "这是緊湊的一項"),
    ("mainland-terms", ITEM, "特朗普的一項"),
    ("punctuation", QUOTED, "一段引文,在此。"),
    ("punctuation", QUOTED, "一段引文 (在此)。"),
]


@pytest.mark.parametrize("rule, msgid, msgstr", RULE_CASES)
def test_each_rule_reports_the_entry_line(updated, diglot, rule, msgid, msgstr):
    translate(updated, ARTICLE, {msgid: msgstr})
    run = diglot(updated, "check")
    assert run.status == 1
    assert set(findings(run)) == {(where(updated, ARTICLE, msgid), "error", rule)}


def test_a_faithful_translation_has_no_finding(updated, diglot):
    translate(updated, ARTICLE, {OPENING: OPENING_ZH, LINKED: "另一項[相對連結](../other.html)",
                                 IMAGE: "![一張圖](../images/pixel.png)", FOOTNOTE: "帶有*強調*的註腳。",
                                 ITEM: "緊湊的一項", QUOTED: "一段引文（在此）。", HEADING: "標題"})
    run = diglot(updated, "check")
    assert (run.status, run.out) == (0, "check: 0 error(s), 0 warning(s)\n")


def test_finding_reads_path_line_message_rule():
    finding = Finding(Path("translations/zh_Hant/LC_MESSAGES/a.po"), 12, "what is wrong; what to do", "links",
                      "error")
    assert str(finding) == "translations/zh_Hant/LC_MESSAGES/a.po:12: error: what is wrong; what to do [links]"


def test_placeholders_in_the_site_catalog(updated, diglot):
    translate(updated, SITE, {"No. %(number)s": "第%(num)s期"})
    run = diglot(updated, "check")
    assert run.status == 1
    assert (where(updated, SITE, "No. %(number)s"), "error", "placeholders") in findings(run)
    translate(updated, SITE, {"No. %(number)s": "第%(number)s期"})
    assert diglot(updated, "check").status == 0


@pytest.mark.parametrize("target", [
    "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript&colon;alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "vbscript:msgbox(1)",
])
def test_hostile_links_are_caught(updated, diglot, target):
    translate(updated, ARTICLE, {LINKED: f"另一項[相對連結]({target})"})
    run = diglot(updated, "check")
    assert run.status == 1
    assert (where(updated, ARTICLE, LINKED), "error", "links") in findings(run)
    assert "uses the scheme" in run.out


@pytest.mark.parametrize("target", [" \x01javascript:alert(1)", "&#1;javascript:alert(1)"])
def test_a_link_with_a_control_character_refuses_the_catalog(updated, diglot, target):
    """A control character is refused in any catalog, before any rule reads it (diglot.files.controls)."""
    translate(updated, ARTICLE, {LINKED: f"另一項[相對連結]({target})"})
    run = diglot(updated, "check")
    assert run.status == 2 and "U+0001, a control character" in run.err, run.err


def test_hostile_image_and_autolink_are_caught(updated, diglot):
    translate(updated, ARTICLE, {IMAGE: "![一張圖](DATA:image/svg+xml,<svg onload=alert(1)>)",
                                 ITEM: "緊湊的一項<javascript:alert(1)>"})
    found = findings(diglot(updated, "check"))
    assert (where(updated, ARTICLE, IMAGE), "error", "images") in found
    assert (where(updated, ARTICLE, ITEM), "error", "links") in found


def test_hostile_raw_html_link_is_caught(updated, diglot):
    translate(updated, ARTICLE, {ITEM: '緊湊的<a href=" jav&#x09;ascript:alert(1)">一項</a>'})
    found = findings(diglot(updated, "check"))
    assert {rule for _, _, rule in found} == {"links", "html"}


def test_an_unsafe_link_is_an_error_even_when_the_source_has_it(project, diglot):
    article = project / "source" / "articles" / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA [trap](javascript:alert(1)).\n",
                       encoding="utf-8")
    assert diglot(project, "update").status == 0
    translate(project, ARTICLE, {"A [trap](javascript:alert(1)).": "一個[陷阱](javascript:alert(1))。"})
    run = diglot(project, "check")
    assert run.status == 1
    assert (where(project, ARTICLE, "A [trap](javascript:alert(1))."), "error", "links") in findings(run)


@pytest.mark.parametrize("target", ["https://example.org/x", "HTTP://example.org", "mailto:ed@example.org",
                                    "../other.html", "#top", "/a/b:c", "page.html?q=a:b", "//example.org/x"])
def test_safe_targets_pass(target):
    assert unsafe_scheme(target) is None


def test_reference_links_and_autolinks_are_kept(extended, diglot):
    translate(extended, ARTICLE, {EXTRA: EXTRA_ZH.replace("[report]", "[other]").replace(
        "<https://example.org/feed>", "https://example.org/feed")})
    run = diglot(extended, "check")
    assert run.status == 1
    assert findings(run).count((where(extended, ARTICLE, EXTRA), "error", "links")) == 3


def test_numbers_in_taiwan_press_style_pass(extended, diglot):
    translate(extended, ARTICLE, {EXTRA: EXTRA_ZH})
    run = diglot(extended, "check", "--strict")
    assert (run.status, findings(run)) == (0, [])


def test_a_missing_number_is_a_warning_and_strict_fails(extended, diglot):
    translate(extended, ARTICLE, {EXTRA: EXTRA_ZH.replace("2,510億", "251億")})
    run = diglot(extended, "check")
    assert run.status == 0
    assert findings(run) == [(where(extended, ARTICLE, EXTRA), "warning", "numbers")]
    assert "Taiwan press style: 2,510億" in run.out
    assert diglot(extended, "check", "--strict").status == 1


@pytest.mark.parametrize("english, chinese", [
    ("US$251 billion", "2,510億美元"), ("US$122 billion", "1,220億美元"), ("3 million", "300萬"),
    ("90 percent", "90%"), ("2,014 cases", "２０１４件"), ("May 17-18", "5月17日至18日"), ("1.5 billion", "15億"),
    ("10,000", "1萬"), ("No.29", "第29期"),
])
def test_number_normaliser(english, chinese):
    assert {q.value for q in quantities(english)} <= {q.value for q in quantities(chinese)}


def test_glossary_terms_must_be_kept(updated, diglot):
    (updated / "translations" / "glossary").mkdir()
    (updated / "translations" / "glossary" / "zh_Hant.csv").write_text(GLOSSARY, encoding="utf-8")
    translate(updated, ARTICLE, {BIO: "樣本基金會成員", "A single pixel": "單一像素"})
    run = diglot(updated, "check")
    assert run.status == 1
    assert findings(run) == [(where(updated, ARTICLE, BIO), "error", "glossary")]
    assert "'Fellow'" in run.out and "'研究員'" in run.out
    translate(updated, ARTICLE, {BIO: "樣本基金會研究員", "A single pixel": "單一像素"})
    assert diglot(updated, "check").status == 0


def test_chinese_rules_skip_other_languages(updated, diglot):
    translate(updated, NOTE, {"**編按：**本文僅代表作者個人觀點。": "**Note:** 特朗普 这, views (the author's)."},
              language="en")
    run = diglot(updated, "check")
    assert (run.status, findings(run)) == (0, [])


# --- warnings for what a reviewer found in No. 29: each says something on the bad form, nothing on the good

WARNING_CASES = [
    # 的 can bind both names: "the aggression of Ukraine and Russia" (issue 21, review 1 I21-1)
    ("ambiguous-list", "讓新總統了解烏克蘭、俄羅斯的侵略", True),
    ("ambiguous-list", "比較台灣、南韓的作法", True),
    ("ambiguous-list", "讓新總統了解烏克蘭的處境、俄羅斯的侵略", False),
    ("ambiguous-list", "包括對南韓、日本和臺灣的承諾", False),
    ("ambiguous-list", "包括對南韓、日本、臺灣的承諾", False),
    ("ambiguous-list", "以冷靜、克制的語氣", False),
    # "Ukraine and the U.S. president" (I21-6)
    ("ambiguous-title", "2025年2月28日烏克蘭與美國總統在白宮的公開爭執", True),
    ("ambiguous-title", "法國和德國總理會面", True),
    ("ambiguous-title", "2025年2月28日烏美兩國總統在白宮的公開爭執", False),
    ("ambiguous-title", "烏克蘭總統與美國總統會面", False),
    ("ambiguous-title", "普丁與美國總統通話", False),
    ("ambiguous-title", "烏克蘭與美國的關係", False),
]


@pytest.mark.parametrize("rule, msgstr, found", WARNING_CASES)
def test_each_wording_warning(updated, diglot, rule, msgstr, found):
    translate(updated, ARTICLE, {ITEM: msgstr})
    run = diglot(updated, "check")
    assert run.status == 0
    expected = [(where(updated, ARTICLE, ITEM), "warning", rule)] if found else []
    assert findings(run) == expected
    assert diglot(updated, "check", "--strict").status == (1 if found else 0)


QUOTED_GLOSSARY = ("source,target,explanation\nCoalition of the Resolute,「決心聯盟」,always in 「」\n"
                   "Fellow,研究員,title\n")


@pytest.mark.parametrize("msgstr, found", [
    ("我們稱之為決心聯盟", True),
    ("「決心聯盟」與決心聯盟", True),
    ("我們稱之為「決心聯盟」", False),
    ("「他稱之為『決心聯盟』」", False),
    ("研究員的一項", False),  # a target written bare is not asked to be quoted
])
def test_a_quoted_glossary_term_is_written_in_quotes(updated, diglot, msgstr, found):
    (updated / "translations" / "glossary").mkdir()
    (updated / "translations" / "glossary" / "zh_Hant.csv").write_text(QUOTED_GLOSSARY, encoding="utf-8")
    translate(updated, ARTICLE, {ITEM: msgstr, BIO: "樣本基金會研究員"})
    run = diglot(updated, "check")
    expected = [(where(updated, ARTICLE, ITEM), "warning", "glossary-quotes")] if found else []
    assert (run.status, findings(run)) == (0, expected)
    if found:
        assert "translations/glossary/zh_Hant.csv:2" in run.out and "'「決心聯盟」'" in run.out


@pytest.mark.parametrize("strings, reported", [
    ({ITEM: "釋出令人憂心的訊號", QUOTED: "一段引文：訊號。", HEADING: "信號"}, [HEADING]),
    ({ITEM: "信號", QUOTED: "一段引文：信號。", HEADING: "訊號"}, [HEADING]),  # the rarer form, whichever it is
    ({ITEM: "訊號", HEADING: "信號"}, [HEADING]),  # on a tie, the variant
    ({ITEM: "臺灣的一項", HEADING: "台灣"}, [HEADING]),
    ({ITEM: "釋出令人憂心的訊號", HEADING: "訊號"}, []),
    ({ITEM: "信號", HEADING: "信號"}, []),  # one form throughout, even the variant, is consistent
    ({ITEM: "信號與訊號"}, [ITEM]),  # both in one message
])
def test_a_word_is_written_one_way_in_one_text(updated, diglot, strings, reported):
    translate(updated, ARTICLE, strings)
    run = diglot(updated, "check")
    assert run.status == 0
    assert findings(run) == [(where(updated, ARTICLE, msgid), "warning", "variants") for msgid in reported]


def test_variants_are_per_text_and_can_be_silenced(updated, diglot):
    translate(updated, ARTICLE, {ITEM: "訊號"})
    translate(updated, SITE, {"Latest articles": "信號"})
    assert findings(diglot(updated, "check")) == []  # two catalogs, two texts
    translate(updated, ARTICLE, {ITEM: "訊號", HEADING: "信號"}, comments={HEADING: "diglot: ignore[variants]"})
    assert findings(diglot(updated, "check")) == []


def test_the_review_findings_of_no_29_are_found_in_its_catalog(tmp_path, diglot):
    """Review 1's machine-detectable findings, put back into the published catalog, are each reported."""
    for part in ("pyproject.toml", "source", "translations"):
        copy = shutil.copytree if (REPOSITORY / part).is_dir() else shutil.copy
        copy(REPOSITORY / part, tmp_path / part)
    path = tmp_path / "translations" / "zh_Hant" / "LC_MESSAGES" / "no-more-carrots.po"
    published = path.read_text(encoding="utf-8")
    reviewed = published
    for now, then in (("深入了解烏克蘭的處境、俄羅斯的侵略", "深入了解烏克蘭、俄羅斯的侵略"),
                      ("烏美兩國總統", "烏克蘭與美國總統"), ("說法與釋出的訊號", "訊息與信號")):
        assert now in reviewed.replace('"\n"', "")
        reviewed = re.sub("".join(f'{re.escape(char)}(?:"\n")?' for char in now), then, reviewed)
    path.write_text(reviewed, encoding="utf-8")
    run = diglot(tmp_path, "check")
    assert run.status == 0, run.out
    assert sorted(rule for _, _, rule in findings(run)) == [
        "ambiguous-list", "ambiguous-title", "ambiguous-title", "variants"]


def test_country_names_are_taiwan_forms():
    names = set(country_names())
    assert {"烏克蘭", "俄羅斯", "美國", "南韓", "日本", "臺灣", "台灣", "澳洲", "歐盟"} <= names
    assert not names & {"韓國", "澳大利亞", "乌克兰"}


def test_quoted_name():
    assert quoted_name("「志願者聯盟」") == "志願者聯盟"
    assert quoted_name("志願者聯盟") is None
    assert quoted_name("「」") is None
    assert quoted_name("「甲」與「乙」") is None


def test_variants_list():
    pairs = [(pair.form, pair.variant) for pair in variants()]
    assert ("訊號", "信號") in pairs and len(set(pairs)) == len(pairs)
    for form, variant in pairs:  # the advice itself must pass the other checks
        assert all(in_big5(char) for char in form + variant)
        assert not any(term.occurs_in(form) for term in mainland_terms())


# --- silencing, fuzzy entries, options, bad input ------------------------------------------------------

def test_a_translator_comment_silences_a_rule_and_survives_msgmerge(updated, diglot):
    bad = OPENING_ZH.replace("`code`", "`程式碼`").replace("[^1]", "")
    translate(updated, ARTICLE, {OPENING: bad}, comments={OPENING: "diglot: ignore[code, footnotes]"})
    assert diglot(updated, "check").status == 0
    assert diglot(updated, "update").status == 0
    assert "# diglot: ignore[code, footnotes]" in po(updated, "zh_Hant", ARTICLE).read_text(encoding="utf-8")
    assert diglot(updated, "check").status == 0


def test_silencing_one_rule_leaves_the_others(updated, diglot):
    bad = OPENING_ZH.replace("`code`", "`程式碼`").replace("[^1]", "")
    translate(updated, ARTICLE, {OPENING: bad}, comments={OPENING: "diglot: ignore[code]"})
    run = diglot(updated, "check")
    assert findings(run) == [(where(updated, ARTICLE, OPENING), "error", "footnotes")]


def test_a_misspelt_rule_in_a_comment_is_a_warning(updated, diglot):
    translate(updated, ARTICLE, {ITEM: "緊湊的一項"}, comments={ITEM: "diglot: ignore[linkz]"})
    run = diglot(updated, "check")
    assert run.status == 0
    assert findings(run) == [(where(updated, ARTICLE, ITEM), "warning", "ignore")]


def test_fuzzy_translations_are_checked(updated, diglot):
    translate(updated, ARTICLE, {ITEM: "特朗普的一項"}, fuzzy={ITEM})
    run = diglot(updated, "check")
    assert (where(updated, ARTICLE, ITEM), "error", "mainland-terms") in findings(run)


def test_untranslated_messages_and_missing_catalogs_are_not_findings(project, diglot):
    assert diglot(project, "check").status == 0  # no PO file yet
    assert diglot(project, "update").status == 0
    run = diglot(project, "check")
    assert (run.status, run.out) == (0, "check: 0 error(s), 0 warning(s)\n")


def test_locale_narrows_the_check(updated, diglot):
    translate(updated, ARTICLE, {ITEM: "特朗普的一項"})
    assert diglot(updated, "check", "--locale", "en").status == 0
    assert diglot(updated, "check", "--locale", "zh_Hant").status == 1
    run = diglot(updated, "check", "--locale", "fr")
    assert run.status == 2 and "unknown language 'fr'" in run.err


def test_a_broken_catalog_is_bad_input(updated, diglot):
    path = po(updated, "zh_Hant", ARTICLE)
    path.write_text(path.read_text(encoding="utf-8") + "\n<<<<<<< HEAD\nmsgid \"x\"\n", encoding="utf-8")
    run = diglot(updated, "check")
    assert run.status == 2
    assert re.match(r"translations/zh_Hant/LC_MESSAGES/every-block\.po:\d+: error: unresolved merge conflict marker",
                    run.err)


@pytest.mark.parametrize("text, line, problem", [
    ("source,translation\nTrump,川普\n", 1, "lacks the column(s) target"),
    ('source,target,explanation\nTrump,川普,x\n"Putin,普丁,y\n', 3, "malformed CSV"),
    ("source,target,explanation\nTrump,川普,x\nPutin,普丁\n", 3, "2 cell(s) where the header has 3"),
    ("source,target,explanation\nTrump,,x\n", 2, "empty target cell"),
    ("source,target,explanation\nTrump,川普,x\ntrump,特朗普,y\n", 3, "already defined on line 2"),
])
@pytest.mark.parametrize("command", [("check",), ("glossary", "--tbx")])
def test_a_bad_glossary_is_bad_input(updated, diglot, text, line, problem, command):
    (updated / "translations" / "glossary").mkdir()
    (updated / "translations" / "glossary" / "zh_Hant.csv").write_text(text, encoding="utf-8")
    run = diglot(updated, *command)
    assert run.status == 2
    assert run.err.startswith(f"translations/glossary/zh_Hant.csv:{line}: error: ")
    assert problem in run.err


# --- the glossary's TBX export -----------------------------------------------------------------------

def tbx_terms(path: Path) -> set[tuple[str, str]]:
    """(English, Chinese) of every termEntry of a TBX file."""
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(path).getroot()
    assert root.tag == "martif"
    pairs = set()
    for entry in root.iter("termEntry"):
        terms = {lang_set.get(lang): lang_set.findtext("tig/term") for lang_set in entry.iter("langSet")}
        pairs.add((terms["en"], terms["zh-Hant"]))
    return pairs


def csv_terms(path: Path) -> set[tuple[str, str]]:
    import csv
    with path.open(encoding="utf-8", newline="") as f:
        return {(row["source"], row["target"]) for row in csv.DictReader(f)}


def test_glossary_tbx_export(updated, diglot):
    (updated / "translations" / "glossary").mkdir()
    csv_path = updated / "translations" / "glossary" / "zh_Hant.csv"
    csv_path.write_text(GLOSSARY, encoding="utf-8")
    run = diglot(updated, "glossary", "--tbx")
    assert run.status == 0 and "zh_Hant.tbx written" in run.out
    assert tbx_terms(csv_path.with_suffix(".tbx")) == csv_terms(csv_path) == {
        ("Fellow", "研究員"), ("pixel", "像素")}
    assert "zh_Hant.tbx unchanged" in diglot(updated, "glossary", "--tbx").out


def test_the_repository_tbx_holds_every_term_and_is_generated(tmp_path, diglot):
    glossary = REPOSITORY / "translations" / "glossary"
    assert tbx_terms(glossary / "zh_Hant.tbx") == csv_terms(glossary / "zh_Hant.csv")
    assert len(csv_terms(glossary / "zh_Hant.csv")) == 77
    shutil.copy(REPOSITORY / "pyproject.toml", tmp_path)
    shutil.copytree(glossary, tmp_path / "translations" / "glossary")
    run = diglot(tmp_path, "glossary", "--tbx")
    assert "zh_Hant.tbx unchanged" in run.out, "run diglot glossary --tbx and commit the TBX file"


# --- the data and the small readers ------------------------------------------------------------------

def test_mainland_terms_list():
    terms = {term.term: term for term in mainland_terms()}
    assert len(terms) == len(mainland_terms()) >= 30
    for mainland, taiwan in [("特朗普", "川普"), ("普京", "普丁"), ("澤連斯基", "澤倫斯基"), ("軟件", "軟體"),
                             ("網絡", "網路"), ("視頻", "影片"), ("新西蘭", "紐西蘭"), ("朝鮮", "北韓")]:
        assert terms[mainland].taiwan == taiwan
    for term in terms.values():  # the advice itself must pass the check
        assert all(in_big5(char) for char in term.taiwan), term
        assert not any(other.occurs_in(term.taiwan) for other in terms.values()), term


def test_allowed_compounds_are_not_mainland_terms():
    korea = next(term for term in mainland_terms() if term.term == "朝鮮")
    assert not korea.occurs_in("朝鮮半島局勢")
    assert korea.occurs_in("朝鮮半島與朝鮮政府")


@pytest.mark.parametrize("text, markers", [
    ("**bold** and *em*", {"**": 2, "*": 2}), ("snake_case_name", {}), ("2 * 3 = 6", {}),
    ("`**` and [x](https://a.org/a_b_c)", {}), (r"a \* b", {}), ("***both***", {"**": 2, "*": 2}),
])
def test_emphasis_markers(text, markers):
    assert {k: v for k, v in emphasis_markers(text).items() if v} == markers


# --- the publication itself --------------------------------------------------------------------------

def test_the_repository_passes_its_own_check(diglot):
    run = diglot(REPOSITORY, "check", "--strict")
    assert (run.status, run.out, run.err) == (0, "check: 0 error(s), 0 warning(s)\n", "")
