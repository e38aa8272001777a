"""diglot's msgmerge gives, byte for byte, what the plain ``msgmerge --previous`` call gives, while sparing it
the fuzzy search of the messages that cannot match (diglot.catalogs.msgmerge)."""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from diglot.catalogs.msgmerge import start_merge, unmatchable

WORDS = ("the", "security", "of", "Taiwan", "strait", "allies", "and", "pressure", "Beijing", "trade", "a",
         "deterrence", "policy", "in", "Washington", "coalition", "economic", "talks", "chips", "defense",
         "budget", "island", "election", "voters", "reform", "energy", "supply", "chain", "risk", "war")
HANZI = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處理"  # noqa: E501


def prose(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def chinese(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(low, high))) + "。"


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    return buffer.getvalue()


def gnu_layout(path: Path, data: bytes) -> Path:
    """``data`` written at ``path`` as GNU gettext lays out a catalog (msgcat), as a translated one is."""
    path.write_bytes(data)
    subprocess.run(["msgcat", "--output-file", str(path), str(path)], check=True)
    return path


def revision(seed: int, tmp: Path) -> tuple[Path, Path, Path]:
    """An old catalog, a compendium and a new template: an article of ~200 messages (English and Chinese,
    with contexts, a plural, short ones, fuzzy and obsolete entries, translator comments), then revised as
    an editor does: paragraphs reworded, removed, added, moved, an old one restored, some text that the
    memory translates."""
    rng = random.Random(seed)
    texts = [prose(rng, 8, 40) if i % 5 else chinese(rng, 10, 60) for i in range(200)]
    texts += ["OK", "No.", "Tip"]
    old = Catalog(locale="zh_Hant", fuzzy=False, charset="utf-8")
    old.add(("One chip", "%d chips"), ("一個晶片",), context="count")
    for i, text in enumerate(texts):
        message = old.add(text, f"譯{i}：{text}", context="caption" if i % 17 == 0 else None,
                          locations=[("source/articles/a.md", i + 1)], auto_comments=["paragraph"],
                          user_comments=["checked"] if i % 13 == 0 else [])
        if i % 23 == 0:
            message.flags.add("fuzzy")
            message.previous_id = [prose(rng, 5, 10)]
    gone = [prose(rng, 8, 30) for _ in range(4)]
    for text in gone:
        old.obsolete[text] = Message(text, f"舊：{text}")
    memory = Catalog(locale="zh_Hant", fuzzy=False, charset="utf-8")
    remembered = [prose(rng, 8, 20) for _ in range(6)]
    for text in remembered:
        memory.add(text, f"記：{text}")

    new_texts: list[str] = []
    for i, text in enumerate(texts):
        roll = rng.random()
        if roll < 0.08:
            new_texts.append(text.replace(" ", " really ", 1) if " " in text else text + "！")  # reworded
        elif roll < 0.12:
            continue  # removed
        elif roll < 0.20:
            new_texts += [text, prose(rng, 8, 40) if i % 2 else chinese(rng, 10, 60)]  # a paragraph added
        else:
            new_texts.append(text)
    new_texts[10:20] = reversed(new_texts[10:20])  # moved
    new_texts += [gone[0], remembered[0], remembered[1].replace(" ", " also ", 1), "Yes", "雙"]
    template = Catalog(fuzzy=True, charset="utf-8")
    template.add(("One chip", "%d chips"), context="count", flags=["c-format"])
    template.add(("One new chip", "%d new chips"), context="count", flags=["c-format"])
    template.add(("Zero-day exploit", "%d zero-day exploits"), flags=["c-format"])  # a new plural, no match
    for i, text in enumerate(new_texts):
        template.add(text, context="caption" if i % 17 == 0 else None,
                     locations=[("source/articles/a.md", i + 1)], auto_comments=["paragraph"])
    return (gnu_layout(tmp / "old.po", po_bytes(old)), gnu_layout(tmp / "memory.po", po_bytes(memory)),
            gnu_layout(tmp / "new.pot", po_bytes(template)))


def plain_msgmerge(old: Path, pot: Path, compendium: Path | None, output: Path) -> bytes:
    memory = ["--compendium", str(compendium)] if compendium else []
    subprocess.run(["msgmerge", "--quiet", "--previous", *memory, "--output-file", str(output), str(old), str(pot)],
                   check=True)
    return output.read_bytes()


def spared_msgmerge(old: Path, pot: Path, compendium: Path | None, work: Path) -> tuple[bytes, int]:
    work.mkdir()
    merge = start_merge(old, pot, work / "merged.po", compendium)
    merge.finish(old)
    return (work / "merged.po").read_bytes(), len(merge.processes)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("with_memory", [False, True])
def test_the_merge_is_byte_identical_to_plain_msgmerge(tmp_path, seed, with_memory):
    old, memory, pot = revision(seed, tmp_path)
    compendium = memory if with_memory else None
    expected = plain_msgmerge(old, pot, compendium, tmp_path / "plain.po")
    got, processes = spared_msgmerge(old, pot, compendium, tmp_path / "spared")
    assert processes == 2  # the messages that cannot match were left out of msgmerge's fuzzy search
    assert got == expected
    # The revision gives msgmerge every kind of work: exact, fuzzy with a previous msgid, new, obsolete.
    assert b"\n#| msgid " in got and b'\nmsgstr ""\n\n' in got and b"\n#~ msgid " in got
    assert b'msgid_plural "%d zero-day exploits"\nmsgstr[0] ""\n' in got
    assert ("記：" in got.decode()) == with_memory  # the memory's exact match, and its fuzzy one


@pytest.mark.parametrize("with_memory", [False, True])
def test_a_new_catalog_is_byte_identical_to_plain_msgmerge(tmp_path, with_memory):
    _, memory, pot = revision(6, tmp_path)
    blank = tmp_path / "blank.po"
    blank.write_bytes(po_bytes(Catalog(locale="zh_Hant", fuzzy=False, charset="utf-8")))
    compendium = memory if with_memory else None
    expected = plain_msgmerge(blank, pot, compendium, tmp_path / "plain.po")
    got, processes = spared_msgmerge(blank, pot, compendium, tmp_path / "spared")
    assert (got, processes) == (expected, 2)


def test_only_messages_no_match_can_reach_are_spared():
    close = (None, "Taiwan strait security and economic talks with the allies in Washington.")
    far = (None, "Chips supply chain risk and energy reform before the election in Taiwan.")
    revived, other_context, short = (None, "An obsolete paragraph."), ("caption", "A caption."), (None, "Zq.")
    catalog = ('msgid ""\nmsgstr ""\n\n'
               'msgid "Taiwan strait security and economic talks with allies in Washington."\nmsgstr "x"\n\n'
               'msgid "A caption."\nmsgstr "y"\n\n'
               '#~ msgid "An obsolete paragraph."\n#~ msgstr "z"\n')
    assert unmatchable([close, far, revived, other_context, short], [catalog, ""]) == {far, short}


@pytest.mark.parametrize("change", ["no blank line between entries", "an escape Babel does not undo"])
def test_a_template_laid_out_otherwise_is_merged_by_the_plain_call(tmp_path, change):
    old, _, pot = revision(5, tmp_path)
    loose = tmp_path / "loose.pot"
    if change == "no blank line between entries":
        loose.write_bytes(pot.read_bytes().replace(b"\n\n", b"\n"))
    else:
        loose.write_bytes(pot.read_bytes() + b'\nmsgid "A bell \\a rings"\nmsgstr ""\n')
    expected = plain_msgmerge(old, loose, None, tmp_path / "plain.po")
    got, processes = spared_msgmerge(old, loose, None, tmp_path / "spared")
    assert (got, processes) == (expected, 1)
