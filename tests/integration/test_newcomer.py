"""What a new editor or translator meets in the first hour: front matter written as they would write
it, files that are not articles named rather than ignored, pictures that must exist, and the papercuts
of the everyday commands."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = "source/articles/every-block.md"


def _edit(root: Path, old: str, new: str, name: str = ARTICLE) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_author_given_as_a_plain_name_is_the_authors_name(project, diglot):
    _edit(project, "author:\n  name: Ada Writer\n  bio: Fellow at the Sample Foundation\n", "author: Ada Writer\n")
    assert diglot(project, "update").status == 0
    pot = (project / "translations/templates/every-block.pot").read_text(encoding="utf-8")
    assert '#. front matter: author.name\n#: source/articles/every-block.md:4\nmsgid "Ada Writer"' in pot


def test_a_wrong_author_says_which_keys_go_below_it(project, diglot):
    _edit(project, "author:\n  name: Ada Writer\n  bio: Fellow at the Sample Foundation\n", "author: [1, 2]\n")
    run = diglot(project, "update")
    assert run.status == 2
    assert "every-block.md:4: error: author must be a mapping" in run.err and "author.name" in run.err


@pytest.mark.parametrize("spelling", ["images/pixel.png", "/images/pixel.png", "source/images/pixel.png",
                                      "../images/pixel.png"])
def test_a_lead_picture_may_be_spelt_as_a_newcomer_spells_it(project, diglot, spelling):
    _edit(project, "src: ../images/pixel.png", f"src: {spelling}")
    run = diglot(project, "update")
    assert run.status == 0, run.err


def test_a_lead_picture_elsewhere_is_refused_naming_the_spelling_that_works(project, diglot):
    _edit(project, "src: ../images/pixel.png", "src: ../pictures/pixel.png")
    run = diglot(project, "update")
    assert run.status == 2
    assert "every-block.md:12: error: image '../pictures/pixel.png' is outside source/images" in run.err
    assert "src: ../images/pixel.png" in run.err


def test_a_body_picture_whose_file_is_missing_fails_check_and_build(project, diglot):
    _edit(project, "An opening paragraph", "![A chart](../images/chart.png)\n\nAn opening paragraph")
    assert diglot(project, "update").status == 0
    check = diglot(project, "check")
    assert check.status == 1
    assert "every-block.md:18: error: picture '../images/chart.png' not found" in check.out
    assert "[pictures]" in check.out
    build = diglot(project, "build", "--format", "html")
    assert build.status == 2
    assert "every-block.md:18: error: picture '../images/chart.png' not found" in build.err
    assert not (project / "build/web/en/every-block.html").exists()


def test_a_body_picture_spelt_from_the_site_says_the_spelling_that_works(project, diglot):
    _edit(project, "An opening paragraph", "![A pixel](images/pixel.png)\n\nAn opening paragraph")
    check = diglot(project, "check")
    assert check.status == 1
    assert "write (../images/pixel.png): pages link pictures relative to the article" in check.out


def test_other_spellings_of_markdown_are_read_and_other_files_named(project, diglot):
    articles = project / "source/articles"
    text = (articles / "every-block.md").read_text(encoding="utf-8")
    (articles / "long-name.markdown").write_text(text.replace("number: 7", "number: 8"), encoding="utf-8")
    (articles / "loud.MD").write_text(text.replace("number: 7", "number: 9"), encoding="utf-8")
    (articles / "._every-block.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (articles / "draft.txt").write_text("not yet\n", encoding="utf-8")
    run = diglot(project, "update")
    assert run.status == 0, run.err
    assert "translations/templates/long-name.pot" in run.out
    assert "translations/templates/loud.pot" in run.out
    assert "note: source/articles/._every-block.md skipped: a macOS resource file (AppleDouble)" in run.err
    assert "note: source/articles/draft.txt skipped: not Markdown" in run.err
    pot = (project / "translations/templates/long-name.pot").read_text(encoding="utf-8")
    assert "#: source/articles/long-name.markdown:" in pot


def test_every_command_takes_the_bcp47_spelling_of_a_language(project, diglot):
    assert diglot(project, "update").status == 0
    assert diglot(project, "check", "--locale", "zh-Hant").status == 0
    assert diglot(project, "build", "--format", "html", "--locale", "zh-hant").status == 0
    assert (project / "build/web/zh-Hant/every-block.html").is_file()
    assert not (project / "build/web/en/every-block.html").exists()
    unknown = diglot(project, "check", "--locale", "fr")
    assert unknown.status == 2 and "unknown language 'fr'" in unknown.err


def test_review_needs_no_locale_when_a_document_has_one_translation(project, diglot):
    assert diglot(project, "update").status == 0
    run = diglot(project, "review", "every-block", "--format", "html")
    assert run.status == 0, run.err
    assert "review: build/review/zh-Hant/every-block.html written" in run.out


def test_receive_finds_the_domain_in_the_catalogs_own_references(project, diglot, tmp_path):
    from helpers import translate_catalog

    assert diglot(project, "update").status == 0
    download = tmp_path / "Weblate-download.po"
    download.write_bytes((project / "translations/zh_Hant/LC_MESSAGES/every-block.po").read_bytes())
    translate_catalog(download, lambda msgid: "一個開場段落" if msgid.startswith("Every Block") else None)
    run = diglot(project, "receive", str(download))
    assert run.status == 0, run.err
    assert "merged into translations/zh_Hant/LC_MESSAGES/every-block.po" in run.out
    assert "一個開場段落" in (project / "translations/zh_Hant/LC_MESSAGES/every-block.po").read_text(encoding="utf-8")


def test_new_writes_an_article_with_complete_commented_front_matter(project, diglot):
    run = diglot(project, "new", "second-look", "--date", "2024-04-02")
    assert run.status == 0, run.err
    assert "new: source/articles/second-look.md written: No. 8 of Sample Papers, 2024-04-02, in en" in run.out
    text = (project / "source/articles/second-look.md").read_text(encoding="utf-8")
    for key in ("title:", "author:", "  name:", "date: 2024-04-02", "number: 8", "summary:", "lang: en",
                "# image:", "#   src: ../images/", "#   alt:"):
        assert key in text, key
    assert diglot(project, "update").status == 0  # valid as written
    assert (project / "translations/zh_Hant/LC_MESSAGES/second-look.po").is_file()
    again = diglot(project, "new", "second-look")
    assert again.status == 2 and "already exists" in again.err
    assert (project / "source/articles/second-look.md").read_text(encoding="utf-8") == text


def test_new_writes_a_chinese_source_article(project, diglot):
    run = diglot(project, "new", "zh-first", "--lang", "zh_Hant", "--title", "第一篇")
    assert run.status == 0, run.err
    text = (project / "source/articles/zh-first.md").read_text(encoding="utf-8")
    assert 'title: "第一篇"' in text and "lang: zh_Hant" in text
    assert diglot(project, "update").status == 0
    assert (project / "translations/en/LC_MESSAGES/zh-first.po").is_file()


def test_new_refuses_a_name_that_is_no_slug(project, diglot):
    run = diglot(project, "new", "Big News")
    assert run.status == 2 and "cannot name an article" in run.err
    assert not list((project / "source/articles").glob("Big*"))


def test_a_new_article_leaves_the_catalogs_it_does_not_touch_as_they_were(project, diglot):
    assert diglot(project, "update").status == 0
    catalogs = [p for p in (project / "translations").rglob("*.po*")]
    before = {p: p.read_bytes() for p in catalogs}
    assert diglot(project, "new", "later-one", "--date", "2030-01-01").status == 0
    run = diglot(project, "update")
    assert run.status == 0
    assert {p: p.read_bytes() for p in catalogs} == before
    assert "later-one.pot" in run.out
    # Made afresh (no cache), the undated templates are the same bytes too.
    import shutil

    shutil.rmtree(project / "build")
    assert diglot(project, "update").out.startswith("update: 0 catalog(s) changed")
    site = (project / "translations/templates/site.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2024-03-01' in site


@pytest.mark.parametrize("lang", ["en", "zh_Hant"])
def test_the_stale_banner_counts_what_status_counts(project, diglot, lang):
    import re

    assert diglot(project, "new", "counted", "--lang", lang, "--date", "2024-05-01").status == 0
    assert diglot(project, "update").status == 0
    target = "zh-Hant" if lang == "en" else "en"
    status = diglot(project, "status").out
    current, total = map(int, re.search(r"stale: \S+ counted: (\d+) of (\d+) messages current", status).groups())
    assert diglot(project, "build", "--format", "html").status == 0
    page = (project / f"build/web/{target}/counted.html").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"\d+", re.search(r'class="stale-notice".*?</p>', page, re.S).group())]
    assert sorted(numbers) == sorted([current, total]), (status, numbers)


@pytest.mark.slow  # five web builds
def test_a_page_changed_by_hand_is_left_as_it_is_and_named_until_force(project, diglot):
    assert diglot(project, "build", "--format", "html").status == 0
    page = project / "build/web/en/every-block.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Every Block Kind", "Hand Edited"), encoding="utf-8")
    edited = page.read_bytes()
    warning = "build/web/en/every-block.html: warning: changed since diglot built it, and left as it is"
    for _ in range(2):  # unchanged inputs, then changed ones: said every time, never overwritten
        run = diglot(project, "build", "--format", "html")
        assert run.status == 0 and warning in run.err
        assert page.read_bytes() == edited
        _edit(project, "title: Every Block Kind", "title: Every Block Kind Revised")
    forced = diglot(project, "build", "--format", "html", "--force")
    assert forced.status == 0 and warning not in forced.err
    assert b"Every Block Kind Revised" in page.read_bytes()
    assert "changed since" not in diglot(project, "build", "--format", "html").err


def test_a_page_the_build_rewrote_itself_is_no_hand_edit(project, diglot):
    assert diglot(project, "build", "--format", "html").status == 0
    _edit(project, "title: Every Block Kind", "title: Every Block Kind Revised")
    run = diglot(project, "build", "--format", "html")
    assert run.status == 0 and "changed since" not in run.err
    assert b"Revised" in (project / "build/web/en/every-block.html").read_bytes()


def _translated_sample(project, diglot) -> Path:
    from helpers import translate_catalog

    assert diglot(project, "update").status == 0
    catalog = project / "translations/zh_Hant/LC_MESSAGES/every-block.po"
    translate_catalog(catalog)
    return catalog


def test_a_renamed_article_takes_its_catalog_along(project, diglot):
    old = _translated_sample(project, diglot)
    articles = project / "source/articles"
    (articles / "every-block.md").rename(articles / "all-the-blocks.md")
    _edit(project, "A quoted paragraph.", "A requoted paragraph.", "source/articles/all-the-blocks.md")
    run = diglot(project, "update")
    assert run.status == 0, run.err
    assert "translations/zh_Hant/LC_MESSAGES/every-block.po (removed)" in run.out
    assert not old.exists() and not (project / "translations/templates/every-block.pot").exists()
    new = (project / "translations/zh_Hant/LC_MESSAGES/all-the-blocks.po").read_text(encoding="utf-8")
    assert "translation of all-the-blocks." in new and "#: source/articles/all-the-blocks.md:" in new
    assert 'msgstr "EVERY BLOCK KIND"' in new
    assert '#| msgid "A quoted paragraph."' in new  # the edited one fuzzy, with its previous text
    rows = diglot(project, "status", "--json").out
    import json

    row = next(r for r in json.loads(rows) if r["domain"] == "all-the-blocks")
    assert (row["fuzzy"], row["untranslated"]) == (1, 0)
    assert "orphan:" not in diglot(project, "status").out


def test_an_orphaned_catalog_is_reported_and_lent_to_the_memory(project, diglot):
    _translated_sample(project, diglot)
    (project / "source/articles/every-block.md").unlink()
    status = diglot(project, "status")
    assert "orphan: translations/zh_Hant/LC_MESSAGES/every-block.po: no document is called every-block" in status.out
    assert diglot(project, "new", "fresh", "--title", "Every Block Kind").status == 0
    assert diglot(project, "update").status == 0
    fresh = (project / "translations/zh_Hant/LC_MESSAGES/fresh.po").read_text(encoding="utf-8")
    assert 'msgid "Every Block Kind"\nmsgstr "EVERY BLOCK KIND"' in fresh  # from the orphan, by the memory
    assert (project / "translations/zh_Hant/LC_MESSAGES/every-block.po").exists()  # no rename: kept


def test_table_cells_of_figures_alone_are_translated_as_themselves(project, diglot):
    _edit(project, "| Cell one | Cell two |", "| Cell one | Cell two |\n| 2025 | 68% |\n| Share of 2025 | 1,234 |")
    assert diglot(project, "update").status == 0
    catalog = (project / "translations/zh_Hant/LC_MESSAGES/every-block.po").read_text(encoding="utf-8")
    for figure in ("2025", "68%", "1,234"):
        assert f'msgid "{figure}"\nmsgstr "{figure}"' in catalog
    assert 'msgid "Share of 2025"\nmsgstr ""' in catalog  # words are the translator's
    from babel.messages.pofile import read_po

    with open(project / "translations/zh_Hant/LC_MESSAGES/every-block.po", "rb") as handle:
        assert not any(m.fuzzy for m in read_po(handle) if m.id == "68%")
    import subprocess

    subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                    str(project / "translations/zh_Hant/LC_MESSAGES/every-block.po")], check=True)


@pytest.mark.parametrize(("dictionary", "flagged"), [(None, True), ("en_US", True), ("en_GB", False)])
def test_the_house_chooses_its_spelling_dictionary(project, diglot, dictionary, flagged):
    _edit(project, "An opening paragraph", "The centre of an opening paragraph")
    if dictionary:
        with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
            settings.write(f'spelling-dictionary = "{dictionary}"\n')
        assert "[tool.diglot]" in (project / "pyproject.toml").read_text().split("spelling-dictionary")[0]
    run = diglot(project, "spell")
    assert run.status == 0, run.err
    assert ("'centre'" in run.out) == flagged, run.out


def test_an_unknown_spelling_dictionary_is_bad_input(project, diglot):
    with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('spelling-dictionary = "en_AU"\n')
    run = diglot(project, "spell")
    assert run.status == 2 and "spelling-dictionary 'en_AU'" in run.err and "'en_GB'" in run.err


def test_a_documents_language_may_be_spelt_either_way(project, diglot):
    _edit(project, "tags: [testing, segmentation]", "tags: [testing, segmentation]\nlang: EN")
    assert diglot(project, "update").status == 0
    assert diglot(project, "new", "zh-spelt", "--lang", "zh-Hant").status == 0
    text = (project / "source/articles/zh-spelt.md").read_text(encoding="utf-8")
    assert "lang: zh_Hant" in text
    _edit(project, "lang: zh_Hant", "lang: zh-Hant", "source/articles/zh-spelt.md")
    assert diglot(project, "update").status == 0
    assert (project / "translations/en/LC_MESSAGES/zh-spelt.po").is_file()
