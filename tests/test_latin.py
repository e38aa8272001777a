"""Latin runs in Chinese text marked lang="en" at compose time: text only, never attributes or code."""

from __future__ import annotations

import re

import pytest

from diglot.editions.latin import is_cjk, mark_latin_runs


@pytest.mark.parametrize("html, marked", [
    ("<p>索洛德基（Sergiy Solodkyy）為第一副主任</p>",
     '<p>索洛德基（<span lang="en">Sergiy Solodkyy</span>）為第一副主任</p>'),
    ("<p>圖片來源：Depositphotos</p>", '<p>圖片來源：<span lang="en">Depositphotos</span></p>'),
    ("<p>Prospects &amp; Perspectives 第29期</p>",
     '<p><span lang="en">Prospects &amp; Perspectives</span> 第29期</p>'),
    ("<p>美國（U.S.）與歐盟</p>", '<p>美國（<span lang="en">U.S.</span>）與歐盟</p>'),
    ("<p>2,510億美元，90%</p>", "<p>2,510億美元，90%</p>"),  # digits are no Latin run
])
def test_latin_runs_are_wrapped(html, marked):
    assert mark_latin_runs(html, "zh-Hant") == marked


def test_attributes_code_and_head_are_left_alone():
    html = ('<html lang="zh-Hant"><head><title>No. 29</title></head><body>'
            '<a href="https://example.org/Leo" title="Leo Litra">利特拉</a><code>print(x)</code>'
            '<img alt="Leo Litra" src="a.png"><pre>abc</pre></body></html>')
    assert mark_latin_runs(html, "zh-Hant") == html


def test_text_stays_escaped_and_markup_is_not_invented():
    html = "<p>中文 &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; A&lt;B</p>"
    marked = mark_latin_runs(html, "zh-Hant")
    assert "<script" not in marked and "</script" not in marked
    assert re.sub(r"</?span[^>]*>", "", marked) == html  # the same text, only marked


def test_only_where_a_cjk_language_is_in_force_and_only_once():
    html = '<p>英文 <a lang="en">English</a></p><section lang="en"><p>Plain English.</p></section>'
    assert mark_latin_runs(html, "zh-Hant") == html
    assert mark_latin_runs("<p>Plain English.</p>", "en") == "<p>Plain English.</p>"
    once = mark_latin_runs("<p>中文 PDF</p>", "zh-Hant")
    assert mark_latin_runs(once, "zh-Hant") == once
    assert is_cjk("zh_Hant") and is_cjk("ja") and not is_cjk("en-US")
