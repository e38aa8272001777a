"""No text left behind: text inside raw HTML blocks is extracted, translated and published like any block."""

from __future__ import annotations

import html

from babel.messages.pofile import read_po

from helpers import po, pseudo, translate_catalog, without_latin_marks

ARTICLE = "source/articles/every-block.md"
DETAILS = """
<details class="more">
<summary>Why the <em>embargo</em> matters</summary>
<p>The ban covers <a href="https://example.org/ban">dual-use chips</a> and
  their tools.</p>
<table><tr><th>Year</th><td>Exports fell</td></tr></table>
<pre>not text <b>to translate</b></pre>
</details>
"""
MESSAGES = {
    "Why the <em>embargo</em> matters": "summary",
    'The ban covers <a href="https://example.org/ban">dual-use chips</a> and\ntheir tools.': "paragraph",
    "Year": "table header",
    "Exports fell": "table cell",
}


def _with_details(project):
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + DETAILS, encoding="utf-8")


def _zh_page(project) -> str:
    """The Chinese page, without the spans that mark Latin runs (the pseudo-translation is all Latin)."""
    page = (project / "build/web/zh-Hant/every-block.html").read_text(encoding="utf-8")
    return without_latin_marks(page)


def test_text_in_an_html_block_is_extracted_and_its_translation_published(project, diglot):
    _with_details(project)
    assert diglot(project, "update").status == 0
    template = read_po((project / "translations/templates/every-block.pot").open("rb"))
    found = {m.id: m for m in template if m.id}
    for text, kind in MESSAGES.items():
        assert found[text].auto_comments == [kind]
        assert found[text].locations[0][0] == ARTICLE
    assert not any("<details" in m or "<pre" in m or "to translate" in m for m in found)

    translate_catalog(po(project, "zh_Hant", "every-block"))
    assert diglot(project, "build", "--format", "html").status == 0
    page = _zh_page(project)
    assert '<summary>WHY THE <em>EMBARGO</em> MATTERS</summary>' in page
    assert '<a href="https://example.org/ban">DUAL-USE CHIPS</a> AND\nTHEIR TOOLS.' in html.unescape(page)
    assert "<th>YEAR</th><td>EXPORTS FELL</td>" in page
    assert "not text <b>to translate</b>" in page  # the preformatted block is the source's
    assert "Why the" not in page


def test_a_translation_may_not_add_tags_to_an_html_block(project, diglot):
    _with_details(project)
    diglot(project, "update")
    hostile = {"Exports fell": '<img src="x" onerror="alert(1)">EXPORTS', "Year": "<b>YEAR</b>"}
    translate_catalog(po(project, "zh_Hant", "every-block"), lambda m: hostile.get(m, pseudo(m)))
    result = diglot(project, "build", "--format", "html")
    assert result.status == 0
    page = _zh_page(project)
    assert "onerror" not in page and "<b>YEAR" not in page
    assert "<th>Year</th><td>Exports fell</td>" in page  # the source stands in
    assert "every-block.po" in result.err and "raw HTML '<b>' is not in the source" in result.err
    assert "raw HTML '<img" in result.err and "[html]" in result.err
