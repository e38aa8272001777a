"""Segmentation: one message per block, found by Python-Markdown's parser, as translators will see it."""

from __future__ import annotations

from babel.messages.pofile import read_po

from diglot.config import load_config
from diglot.sources.documents import read_documents
from diglot.sources.segments import segment_document


def _segments(project):
    config = load_config(project)
    return {doc.slug: segment_document(doc) for doc in read_documents(config)}


def test_every_block_kind_is_one_message_golden_pot(project, diglot, golden):
    assert diglot(project, "extract").status == 0
    golden("every-block.pot", (project / "translations/templates/every-block.pot").read_text(encoding="utf-8"))


def test_each_kind_is_found_with_its_line(project):
    found = {(s.kind, s.text): s.line for s in _segments(project)["every-block"]}
    assert found[("heading", "A Heading")] == 21
    assert found[("list item", "A nested item")] == 25
    assert found[("list item", "Its second paragraph.")] == 29  # a loose item's paragraphs
    assert found[("quotation", "Another quoted paragraph.")] == 35
    assert found[("table header", "Column B")] == 37
    assert found[("table cell", "Cell one")] == 39
    assert found[("footnote", "A footnote with *emphasis*.")] == 56
    assert found[("front matter: author.bio", "Fellow at the Sample Foundation")] == 6


def test_inline_markdown_stays_in_the_message(project):
    texts = [s.text for s in _segments(project)["every-block"]]
    assert ("An opening paragraph with **bold**, *emphasis*, `code` and a "
            "[link](https://example.org/a \"title\").\nIt continues on a second line.[^1]") in texts
    assert "![An inline image](../images/pixel.png)" in texts


def test_code_is_never_a_message_and_text_in_raw_html_is(project):
    segments = _segments(project)["every-block"]
    texts = " ".join(s.text for s in segments)
    assert "code_is_never_a_message" not in texts
    assert "fenced code" not in texts
    # The text of a raw HTML block is a message, with its inline tags and without the block's own.
    assert ("html block", "Text in <em>raw HTML</em> is a message too.", 48) in {
        (s.kind, s.text, s.line) for s in segments}
    assert "<div" not in texts
    assert "\x02" not in texts and "\x03" not in texts  # no stash placeholders leak into msgids


def test_msgctxt_only_where_one_text_plays_two_roles(project):
    segments = _segments(project)["every-block"]
    contexts = {s.text: set() for s in segments}
    for s in segments:
        contexts[s.text].add(s.context)
    assert contexts["Conclusion"] == {"paragraph", "heading"}
    assert all(c == {None} for text, c in contexts.items() if text != "Conclusion")


def test_extract_twice_is_byte_identical(project, diglot):
    diglot(project, "extract")
    first = {p: p.read_bytes() for p in (project / "translations/templates").glob("*.pot")}
    assert diglot(project, "extract").status == 0
    assert {p: p.read_bytes() for p in (project / "translations/templates").glob("*.pot")} == first
    assert len(first) == 3  # the article, the house note, the site


def test_chinese_source_document_has_chinese_msgids(project, diglot):
    diglot(project, "extract")
    catalog = read_po((project / "translations/templates/house-note.pot").open("rb"))
    assert [m.id for m in catalog if m.id] == ["**編按：**本文僅代表作者個人觀點。"]


def test_site_catalog_holds_template_strings_and_settings(project, diglot):
    diglot(project, "extract")
    catalog = read_po((project / "translations/templates/site.pot").open("rb"))
    ids = {m.id for m in catalog if m.id}
    assert {"Sample Foundation", "Sample Papers", "By %(author)s", "Back to top"} <= ids
    assert catalog["Sample Foundation"].locations == [("pyproject.toml", None)]  # no line an edit moves
