"""Print typesetting: the spans added to composed text (diglot.editions.typesetting) and the Chinese line
layout added to WeasyPrint's (diglot.pdf.justify), on small documents rendered for real."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from diglot.editions import typesetting
from helpers import pdf_lines

PAGE = '<!DOCTYPE html><html lang="zh-Hant"><head><title>t</title></head><body>{}</body></html>'


def _body(page: str) -> str:
    return page.split("<body>", 1)[1].split("</body>", 1)[0]


def _visible(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_latin_runs_are_spanned_with_space_only_beside_han():
    body = _body(typesetting.typeset(PAGE.format("<p>超過100天，（Leo Litra）說&amp;做U.S.政策方向。</p>"), "zh-Hant"))
    assert '超過<span class="latin sp-before sp-after">100</span>天' in body
    assert '（<span class="latin" lang="en">Leo Litra</span>）' in body  # brackets bring their own space
    assert '做<span class="latin sp-before sp-after" lang="en">U.S.</span>政' in body


def test_markup_adds_no_text():
    source = ("<p>在<strong>2025年</strong>2月，「決心聯盟」（Coalition）。</p>"
              "<blockquote><p>「不要。」</p></blockquote>")
    assert _visible(_body(typesetting.typeset(PAGE.format(source), "zh-Hant"))) == _visible(source)


def test_han_neighbours_are_found_across_inline_tags_not_across_blocks():
    body = _body(typesetting.typeset(PAGE.format("<p><strong>不訴諸情緒</strong>2025</p><p>2月</p>"), "zh-Hant"))
    assert '</strong><span class="latin sp-before">2025</span></p>' in body
    assert '<p><span class="latin sp-after">2</span>月</p>' in body


def test_the_first_of_two_full_width_punctuation_marks_is_compressed():
    source = "<p>根源」，以及<strong>「決心」</strong>。其他文字在此</p>"
    body = _body(typesetting.typeset(PAGE.format(source), "zh-Hant"))
    assert '根源<span class="halt">」</span>，以及' in body
    assert '<span class="halt">」</span></strong>。' in body
    assert body.count('class="halt"') == 2


def test_a_paragraph_keeps_its_last_two_han_characters_together():
    body = _body(typesetting.typeset(PAGE.format("<p>持續支持100天。」</p><p>好</p>"), "zh-Hant"))
    assert body == ('<p>持續支<span class="nobr">持<span class="latin sp-before sp-after">100</span>天'
                    '<span class="halt">。</span>」</span></p><p>好</p>')  # one character alone: nothing to keep


def test_english_text_gets_its_han_marked_chinese():
    page = typesetting.typeset('<html lang="en"><body><p>the Foundation (遠景基金會)</p>', "en")
    assert _body(page + "</body>") == '<p>the Foundation (<span lang="zh-Hant">遠景基金會</span>)</p>'


TEXT = ("<p>新歐洲中心資深分析師利特拉（Leo Litra）總結了2025年4月24日座談傳達的訊息：「對世界上大多數國家"
        "要傳達的訊息是：不要以為這件事不會波及你們。」超過100天以來，美國的New Europe Center與臺灣"
        "的遠景基金會共同舉辦了多場座談，90%的與會者認為這件事情值得持續關注。</p>")
CSS = ("@page {{ size: 120mm 200mm; margin: 10mm }} html {{ font: 10pt 'Noto Serif CJK TC' }} "
       "body {{ margin: 0 }} p {{ width: 20em; text-align: {align}; margin: 0 }} "
       ".latin {{ font-family: 'Noto Serif' }} "
       ".sp-before {{ margin-left: .25em }} .sp-after {{ margin-right: .25em }} "
       ".halt {{ font-feature-settings: 'halt' }} .nobr {{ white-space: nowrap }}")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """A narrow Chinese column with Latin words, digits and punctuation pairs, justified and ragged,
    rendered by diglot's WeasyPrint set-up (the Chinese line layout installed)."""
    from diglot.pdf.weasy import Renderer

    folder = tmp_path_factory.mktemp("justify")
    renderer, paths = Renderer(folder), {}
    for align in ("justify", "left"):
        style = f"<head><style>{CSS.format(align=align)}</style>"
        made = renderer.pdf(typesetting.typeset(PAGE.format(TEXT), "zh-Hant").replace("<head>", style),
                            folder / "t.html")
        pdf, complaints = made.data, made.complaints
        assert complaints == []
        paths[align] = folder / f"{align}.pdf"
        paths[align].write_bytes(pdf)
    return paths


def test_every_line_but_the_last_is_justified_to_the_measure(rendered):
    lines = pdf_lines(rendered["justify"])
    left = 10 / 25.4 * 72
    right = left + 200  # 20 em of 10 pt
    assert len(lines) >= 6
    assert all(abs(line.chars[0]["x0"] - left) < 0.01 for line in lines)  # no Latin margin at a line's start
    for line in lines[:-1]:
        last = line.chars[-1]
        # A mark compressed with ``halt`` (the first of a pair the line break fell between) ends half an
        # em before its glyph box, a centred one (，。：) drawn a quarter em to the left within it.
        ends = [last["x1"]] + ([last["x1"] - 5, last["x1"] - 2.5] if last["text"] in "，。、；：？！）」』" else [])
        assert any(abs(end - right) <= 0.3 for end in ends), (line.text, ends, right)
    assert lines[-1].chars[-1]["x1"] < right - 5  # the last line is not stretched


def _latin_words(path: Path) -> list[tuple[str, float]]:
    """Each run of Latin letters and digits (no space inside) and its width."""
    words = []
    for line in pdf_lines(path):
        run: list[dict] = []
        for char in [*line.chars, None]:
            if char and "CJK" not in char["fontname"] and (not run or char["x0"] - run[-1]["x1"] < 1):
                run.append(char)
                continue
            if run:
                words.append(("".join(c["text"] for c in run), run[-1]["x1"] - run[0]["x0"]))
            run = [char] if char and "CJK" not in char["fontname"] else []
    return words


def test_latin_letters_and_digits_are_never_spaced_apart(rendered):
    justified, ragged = _latin_words(rendered["justify"]), dict(_latin_words(rendered["left"]))
    compared = [(word, width, ragged[word]) for word, width in justified if word in ragged]
    assert len(compared) >= 5
    assert all(abs(width - natural) < 0.01 for _, width, natural in compared), compared


def test_a_missing_font_is_an_error_naming_its_debian_package(monkeypatch):
    from diglot.errors import DiglotError
    from diglot.pdf import fonts

    monkeypatch.setattr(fonts, "REQUIRED", {"Noto Serif": "fonts-noto-core", "Diglot Absent Face": "fonts-absent"})
    with pytest.raises(DiglotError) as raised:
        fonts.require_fonts()
    assert str(raised.value).endswith("error: the font 'Diglot Absent Face' is not installed; install Debian's "
                                      "fonts-absent (apt-get install fonts-absent) or run scripts/build")


def test_the_faces_print_css_names_are_installed():
    from diglot import layout
    from diglot.pdf import fonts

    fonts.require_fonts()
    css = (Path(layout.STATIC) / "print.css").read_text(encoding="utf-8")
    assert set(re.findall(r'"(Noto [^"]+)"', css)) == set(fonts.REQUIRED)


def test_a_passage_shown_in_another_language_is_left_as_it_is():
    source = '<p lang="en">In the end, peace remained elusive: 100 days.</p><p>超過100天</p>'
    body = _body(typesetting.typeset(PAGE.format(source), "zh-Hant"))
    assert body.startswith('<p lang="en">In the end, peace remained elusive: 100 days.</p>')
    assert '<span class="latin sp-before sp-after">100</span>' in body
