"""``diglot spell``: the editor's spelling check of the sources, with Enchant's Hunspell dictionary."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import replace_in, snapshot

REPO = Path(__file__).parents[2]
ARTICLE = "source/articles/every-block.md"


def test_no_29_keeps_its_slip_as_published_and_the_check_flags_it(tmp_path, diglot):
    source = (REPO / "source/articles/no-more-carrots.md").read_text(encoding="utf-8")
    assert "Trumps approaches" in source  # the text as published: the check reports, it does not correct
    line = source[: source.index("Trumps approaches")].count("\n") + 1
    run = diglot(REPO, "spell")
    assert run.status == 0
    assert run.out.splitlines() == [
        f"source/articles/no-more-carrots.md:{line}: warning: 'Trumps' before 'approaches': Trump is a name, so "
        "this reads as a plural where the possessive is meant; write Trump’s approaches, or add Trumps to "
        "source/spelling.txt if it is right [spelling]",
        "spell: 1 warning(s)"]
    assert diglot(REPO, "spell", "--strict").status == 1


def test_a_misspelt_word_is_reported_on_its_own_line_and_nothing_changes(project, diglot):
    replace_in(project, ARTICLE, "It continues on a second line.", "It continues on a secnd line.")
    before = snapshot(project)
    run = diglot(project, "spell")
    assert run.status == 0
    line = next(number for number, text in enumerate((project / ARTICLE).read_text(encoding="utf-8").split("\n"), 1)
                if "secnd" in text)
    assert line > next(number for number, text in enumerate((project / ARTICLE).read_text(encoding="utf-8")
                                                              .split("\n"), 1) if text.startswith("An opening"))
    assert f"{ARTICLE}:{line}: warning: 'secnd' is not in the dictionary (did you mean " in run.out
    assert "[spelling]" in run.out and "spell: 1 warning(s)" in run.out
    assert snapshot(project) == before


def test_code_links_and_html_are_no_words(project, diglot):
    replace_in(project, ARTICLE, "`code`", "`qwzxv_code`")
    replace_in(project, ARTICLE, "https://example.org/a", "https://example.org/qwzxvpath")
    assert diglot(project, "spell").out == "spell: 0 warning(s)\n"


def test_the_word_list_and_the_glossary_are_accepted(project, diglot):
    replace_in(project, ARTICLE, "A Heading", "Solodkyy and Kyiv")
    assert "'Solodkyy'" in diglot(project, "spell").out and "'Kyiv'" in diglot(project, "spell").out
    (project / "source/spelling.txt").write_text("# names\nSolodkyy\n", encoding="utf-8")
    (project / "translations/glossary").mkdir(parents=True)
    (project / "translations/glossary/zh_Hant.csv").write_text("source,target\nKyiv,基輔\n", encoding="utf-8")
    assert diglot(project, "spell").out == "spell: 0 warning(s)\n"


def test_a_plural_name_is_flagged_only_before_a_noun(project, diglot):
    (project / "source/spelling.txt").write_text("Biden\n", encoding="utf-8")
    for number, (text, flagged) in enumerate((("The Bidens policies failed.", True), ("The Bidens were away.", False),
                          ("The Bidens’ house stood.", False), ("The Bidens, however, left.", False),
                          ("The Smiths policies failed.", False))):  # not a listed name
        case = project.parent / f"case{number}"
        shutil.copytree(project, case)
        replace_in(case, ARTICLE, "A Heading", text)
        out = diglot(case, "spell").out
        assert ("is a name, so this reads as a plural" in out) is flagged, (text, out)


def test_chinese_sources_are_checked_for_simplified_and_mainland_forms(project, diglot):
    replace_in(project, "source/foundation/house-note.md", "本文僅代表作者個人觀點。", "本文仅代表作者的信息。")
    out = diglot(project, "spell").out
    assert "source/foundation/house-note.md:5: warning: '仅' (U+4EC5) is not in Big5-HKSCS" in out
    assert "source/foundation/house-note.md:5: warning: '信息' is mainland usage; Taiwan writes '資訊'" in out


def test_an_unreadable_word_list_is_bad_input(project, diglot):
    (project / "source/spelling.txt").write_bytes(b"caf\xe9\n")
    run = diglot(project, "spell")
    assert run.status == 2 and run.err.startswith("source/spelling.txt: error: not UTF-8 text")
