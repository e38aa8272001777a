"""Blocks: a document rendered in any translation has the blocks of its source, in the same order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diglot.config import load_config
from diglot.sources.blocks import render_blocks
from diglot.sources.documents import read_documents
from helpers import FIXTURES

SAMPLE = next(doc for doc in read_documents(load_config(FIXTURES / "sample")) if doc.slug == "every-block")

# Translations that try to change the structure: Markdown block syntax, HTML, blank lines, table pipes.
PIECES = [*"ab 中文#>*-|`[]()!<>/{}:=1.", "\n", "\n\n", "| x |", "<div>", "```", "    code", "[^1]", "- ", "1. "]
hostile = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(translations=st.lists(hostile, min_size=40, max_size=40))
def test_any_translation_keeps_the_blocks_of_the_source(translations):
    _, _, source = render_blocks(SAMPLE, lambda segment: segment.text)
    by_message: dict[str, str] = {}

    def translate(segment):
        return by_message.setdefault(segment.text, translations[len(by_message) % len(translations)])

    _, _, translated = render_blocks(SAMPLE, translate)
    assert [(b.kind, b.segments) for b in translated] == [(b.kind, b.segments) for b in source]


def test_blocks_hold_every_message_of_the_body_once():
    from diglot.sources.segments import segment_document

    _, _, blocks = render_blocks(SAMPLE, lambda segment: segment.text)
    body = [s for s in segment_document(SAMPLE) if not s.kind.startswith("front matter")]
    assert [(s.text, s.kind) for b in blocks for s in b.segments] == [(s.text, s.kind) for s in body]
    assert [b.kind for b in blocks if not b.segments] == ["other", "other"]  # code, code
    assert [b.kind for b in blocks if b.segments and b.segments[0].kind == "html block"] == ["html block"]
