"""No translation is ever lost: random edits of a translated article, each followed by ``update``."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diglot.catalogs.pofile import read_catalog
from diglot.catalogs.update import update
from diglot.config import load_config
from helpers import FIXTURES, translate_catalog

pytestmark = pytest.mark.slow  # property tests: each example a project updated again and again by GNU msgmerge

WORDS = ("ceasefire", "coalition", "support", "Kyiv", "Washington", "guarantees", "deterrence", "aid",
         "partners", "pressure", "dialogue", "security", "strategy", "Europe", "allies", "momentum")
ORIGINAL = [f"Paragraph {n}: the {WORDS[n]} of {WORDS[n + 5]} shaped the {WORDS[n + 8]} debate in {1990 + n}."
            for n in range(6)]
CATALOG = "translations/zh_Hant/LC_MESSAGES/edits.po"
FRONT = "---\ntitle: Edits\nauthor:\n  name: A. Writer\ndate: 2024-01-01\nseries: S\nnumber: 1\nsummary: S.\n---\n"

edit = st.one_of(
    st.tuples(st.just("change"), st.integers(0, 20), st.sampled_from(WORDS)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("insert"), st.integers(0, 20), st.sampled_from(WORDS)),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("restore"),),
)


def apply(paragraphs: list[str], step: tuple) -> list[str]:
    paragraphs = list(paragraphs)
    if step[0] == "restore" or not paragraphs:
        return list(ORIGINAL)
    i = step[1] % len(paragraphs)
    if step[0] == "change":
        paragraphs[i] = paragraphs[i].replace(" the ", f" the {step[2]} ", 1)
    elif step[0] == "delete":
        del paragraphs[i]
    elif step[0] == "insert":
        paragraphs.insert(i, f"A new paragraph on {step[2]} at {i}.")
    else:
        paragraphs.insert(step[2] % len(paragraphs), paragraphs.pop(i))
    return paragraphs


def write_article(root: Path, paragraphs: list[str]) -> None:
    (root / "source/articles/edits.md").write_text(FRONT + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def translation(msgid: str) -> str:
    return f"譯：{msgid}"


def assert_nothing_lost(catalog_path: Path) -> None:
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog_path)], check=True)
    text = catalog_path.read_text(encoding="utf-8")
    catalog = read_catalog(catalog_path)
    active = {m.id: m for m in catalog if m.id}
    for original in ORIGINAL:
        entry = active.get(original) or catalog.obsolete.get(original)
        assert entry is not None, f"the entry of {original!r} is gone"
        assert entry.string == translation(original), f"the translation of {original!r} is gone"
    # Every fuzzy entry shows translators the source text it was translated from.
    fuzzy = sum(m.fuzzy for m in active.values())
    assert text.count("\n#| msgid ") == fuzzy


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=6))
def test_random_edits_never_lose_a_translation(translated, steps):
    with tempfile.TemporaryDirectory() as tmp:
        root, catalog = _new_project(translated, tmp)
        config = load_config(root)
        paragraphs = list(ORIGINAL)
        for step in steps:
            paragraphs = apply(paragraphs, step)
            write_article(root, paragraphs)
            update(config)
            assert_nothing_lost(catalog)

        write_article(root, ORIGINAL)
        update(config)
        assert_nothing_lost(catalog)
        restored = {m.id: m for m in read_catalog(catalog) if m.id}
        for original in ORIGINAL:
            assert restored[original].string == translation(original) and not restored[original].fuzzy


@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> Path:
    """The sample with one article of ``ORIGINAL``, updated and translated: made once, copied per example."""
    root = tmp_path_factory.mktemp("property") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    (root / "source/articles/every-block.md").unlink()
    write_article(root, ORIGINAL)
    config = load_config(root)
    update(config)
    translate_catalog(root / CATALOG, lambda msgid: translation(msgid) if msgid in ORIGINAL else None)
    update(config)
    return root


def _new_project(translated: Path, tmp: str) -> tuple[Path, Path]:
    root = Path(tmp) / "project"
    shutil.copytree(translated, root)
    return root, root / CATALOG


# An edit script on one paragraph: each step rewrites what the previous step left (A → A1 → A2 …).
rewrite = st.one_of(
    st.tuples(st.just("insert word"), st.sampled_from(WORDS)),
    st.tuples(st.just("drop word"), st.integers(0, 30)),
    st.tuples(st.just("swap words"), st.integers(0, 30)),
    st.tuples(st.just("append"), st.sampled_from(WORDS)),
    st.tuples(st.just("back to the original"),),
)


def rewritten(text: str, step: tuple) -> str:
    words = text.split(" ")
    if step[0] == "back to the original":
        return ""
    if step[0] == "insert word":
        return text.replace(" the ", f" the {step[1]} ", 1)
    if step[0] == "append":
        return f"{text[:-1]} and {step[1]}."
    i = step[1] % len(words)
    if step[0] == "drop word" and len(words) > 3:
        del words[i]
    elif step[0] == "swap words":
        words[i], words[i - 1] = words[i - 1], words[i]
    return " ".join(words)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(ORIGINAL) - 1), st.lists(rewrite, min_size=1, max_size=5))
def test_a_paragraph_edited_many_times_then_restored_gets_its_translation_back(translated, index, script):
    """A → A1 → A2 … (``update`` after each, some steps returning to A on the way), then A again: the
    translation of A comes back, not fuzzy, whatever msgmerge matched on the way."""
    with tempfile.TemporaryDirectory() as tmp:
        root, catalog = _new_project(translated, tmp)
        config = load_config(root)
        paragraphs = list(ORIGINAL)
        for step in script:
            paragraphs[index] = rewritten(paragraphs[index], step) or ORIGINAL[index]
            write_article(root, paragraphs)
            update(config)
            assert_nothing_lost(catalog)
        write_article(root, ORIGINAL)
        update(config)
        restored = {m.id: m for m in read_catalog(catalog) if m.id}
        for original in ORIGINAL:
            assert restored[original].string == translation(original), original
            assert not restored[original].fuzzy, f"{original!r} came back fuzzy"
