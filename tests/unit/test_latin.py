"""Latin runs in Chinese text marked (``span.latin``, ``lang="en"`` with a letter) on the text a template
adds: text only, never attributes, code or the head (diglot.editions.typesetting)."""

from __future__ import annotations

import re

import pytest

from diglot.editions.typesetting import fragment, typeset
from diglot.editions.typography import is_cjk


@pytest.mark.parametrize("html, marked", [
    ("<div>索洛德基（Sergiy Solodkyy）為第一副主任</div>",
     '<div>索洛德基（<span class="latin" lang="en">Sergiy Solodkyy</span>）為第一副主任</div>'),
    ("<div>圖片來源：Depositphotos</div>", '<div>圖片來源：<span class="latin" lang="en">Depositphotos</span></div>'),
    ("<div>Prospects &amp; Perspectives 第29期</div>",
     '<div><span class="latin sp-after" lang="en">Prospects &amp; Perspectives</span> '
     '第<span class="latin sp-before sp-after">29</span>期</div>'),
    ("<div>美國（U.S.）與歐盟</div>", '<div>美國（<span class="latin" lang="en">U.S.</span>）與歐盟</div>'),
    # digits are spaced from Han, but no English
    ("<div>2,510億美元，90%</div>",
     '<div><span class="latin sp-after">2,510</span>億美元，<span class="latin">90%</span></div>'),
])
def test_latin_runs_are_wrapped(html, marked):
    assert fragment(html, "zh-Hant") == marked


def test_attributes_code_and_head_are_left_alone():
    html = ('<html lang="zh-Hant"><head><title>No. 29</title></head><body>'
            '<a href="https://example.org/Leo" title="Leo Litra">利特拉</a><code>print(x)</code>'
            '<img alt="Leo Litra" src="a.png"><pre>abc</pre></body></html>')
    assert typeset(html, "zh-Hant") == html


def test_text_stays_escaped_and_markup_is_not_invented():
    html = "<p>中文 &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; A&lt;B</p>"
    marked = fragment(html, "zh-Hant")
    assert "<script" not in marked and "</script" not in marked
    assert re.sub(r"</?span[^>]*>", "", marked) == html  # the same text, only marked


def test_only_where_a_cjk_language_is_in_force():
    english = '<section lang="en"><p>Plain English.</p></section>'
    assert fragment(f"<div>英文</div>{english}", "zh-Hant") == f"<div>英文</div>{english}"
    assert fragment("<p>Plain English.</p>", "en") == "<p>Plain English.</p>"
    assert is_cjk("zh_Hant") and is_cjk("ja") and not is_cjk("en-US")
