"""Fuzzing the readers of untrusted text: whatever the PO reader, the front-matter reader or the site's
placeholders are given, they answer with a result or a DiglotError (one ``path:line`` line), never
another exception, which the command line would show as a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diglot.catalogs.placeholders import problems
from diglot.catalogs.pofile import parse_catalog
from diglot.catalogs.translate import Translator
from diglot.checks import CheckedCatalog, check_catalog
from diglot.config import load_config
from diglot.errors import DiglotError
from diglot.sources.documents import read_document
from diglot.sources.strings import BACKLINK_TITLE
from helpers import FIXTURES

pytestmark = pytest.mark.slow  # fuzzing: many generated examples through each reader

VALID_PO = (FIXTURES.parent / "golden/every-block.pot").read_text(encoding="utf-8")
PO_PIECES = ['msgid ', 'msgstr ', 'msgctxt ', 'msgid_plural ', 'msgstr[0] ', 'msgstr[1] ', '"', '\\', '\\n', '\\"',
             '\n', '#, fuzzy\n', '#, python-format\n', '#~ ', '#| msgid ', '#: ', '[', ']', '%', '%(x)s', '{', '\t',
             '\x00', '\x1b', 'charset=', 'UTF-8', 'Latin-1', 'Plural-Forms: nplurals=2; plural=', 'n%0', '中文', ' ']

settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_po(draw) -> bytes:
    """A real catalog (the golden template, translated) with random pieces of PO syntax cut in or out."""
    text = VALID_PO.replace('msgstr ""\n\n', 'msgstr "譯文"\n\n')
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(PO_PIECES)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
    return text.encode("utf-8")


def _context() -> CheckedCatalog:
    from diglot.config import Language

    return CheckedCatalog(Path("fuzz.po"), "site", Language("en"), Language("zh_Hant"))


@settings_
@given(st.one_of(mutated_po(), st.binary(max_size=400)))
@example(b'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=n%0;\\n"\n\nmsgid "a"\nmsgid_plural "b"\n'
         b'msgstr[0] "x"\nmsgstr[1] "y"\n')
@example(b'msgid "a"\nmsgstr "\\x00"\n')
@example(b'msgid ""\nmsgstr ""\n"PO-Revision-Date:\\n\\t2024-03-01 00:00+0000\\n"\n\nmsgid "a"\nmsgstr "b"\n')
def test_the_po_reader_answers_or_refuses(data):
    try:
        catalog = parse_catalog(data, Path("fuzz.po"))
    except DiglotError as error:
        assert str(error).startswith("fuzz.po"), error
        return
    check_catalog(catalog, _context())  # every rule copes with whatever parsed
    try:
        translator = Translator.of(catalog, Path("fuzz.po"), formatted=True)
    except DiglotError:
        return
    for message in catalog:
        if message.id and isinstance(message.id, str):
            translator.text(message.id, message.context)
        elif message.id:
            translator.plural(message.id[0], message.id[1], 2, message.context)


@pytest.fixture(scope="module")
def sample_config(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "project"
    shutil.copytree(FIXTURES / "sample", root)
    return load_config(root)


YAML_PIECES = ["title: ", "author:\n  name: ", "date: 2024-01-01", "date: ", "number: ", "summary: ", "tags: ",
               "image:\n  src: ", "lang: ", "series: ", "subtitle: ", "\n", ": ", "- ", "[", "]", "{", "}", "&a ",
               "*a", "!!python/name:os.system", "!!binary ", '"', "'", "\\", "\t", "  ", "---", "\x00", "\ufeff",
               "%YAML 1.1\n", "? ", "|\n", ">\n", "0x1F", "1e9", "~", "null", "中文", "../images/pixel.png"]
FRONT = "title: T\nauthor:\n  name: A\ndate: 2024-01-01\nseries: S\nnumber: 1\nsummary: S\n"


@settings_
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=8), max_size=25), st.booleans())
def test_the_front_matter_reader_answers_or_refuses(sample_config, pieces, keep_valid):
    path = sample_config.root / "source/articles/fuzzed.md"
    front = (FRONT if keep_valid else "") + "".join(pieces)
    path.write_text(f"---\n{front}\n---\n\nBody.\n", encoding="utf-8", errors="surrogatepass")
    try:
        read_document(sample_config, path)
    except DiglotError as error:
        assert str(error).startswith(str(path.relative_to(sample_config.root))), error
    finally:
        path.unlink()


# The site texts the templates format, with the values they pass.
FORMATTED = {"No. %(number)s": {"number": 29}, "By %(author)s": {"author": "Ada"},
             "Published %(date)s": {"date": "2024年3月1日"}, "Back to top": {}}
PERCENT_PIECES = ["%", "%%", "%(", ")", "s", "d", "r", "number", "author", "date", "num", "5", ".", "-", " ", "{{",
                  "}}", "{0}", "第", "期", "\x00"]


@settings_
@given(st.sampled_from(sorted(FORMATTED)), st.lists(st.sampled_from(PERCENT_PIECES) | st.text(max_size=3), max_size=12))
def test_a_site_translation_is_formatted_or_withheld(msgid, pieces):
    """Whatever a translator writes, the template formats it (``problems`` found none) or shows the msgid."""
    translation = "".join(pieces)
    catalog = Catalog(locale="zh_Hant")
    catalog.add(msgid, translation)
    translator = Translator.of(catalog, Path("site.po"), formatted=True)
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(translator.gettext, translator.ngettext, newstyle=True)
    shown = env.from_string("{{ _(msgid, **values) }}").render(msgid=msgid, values=FORMATTED[msgid])
    assert shown  # rendered, no exception
    assert bool(problems(msgid, translation)) == bool(translator.fallbacks) or not translation


@settings_
@given(st.lists(st.sampled_from(PERCENT_PIECES) | st.text(max_size=3), max_size=12))
def test_a_backlink_title_is_used_or_withheld(pieces):
    from diglot.sources.segments import new_markdown

    catalog = Catalog(locale="zh_Hant")
    catalog.add(BACKLINK_TITLE, "".join(pieces))
    title = Translator.of(catalog, Path("site.po"), formatted=True).text(BACKLINK_TITLE)
    html = new_markdown(lambda found: None, title).convert("Text.[^1]\n\n[^1]: A note.\n")
    assert "footnote" in html


MARKDOWN_PIECES = ["*", "**", "_", "[", "]", "(", ")", "![", "<", ">", "`", "{: ", "}", "&#106;", "\n", "|", "#",
                   "- ", "1. ", "> ", "[^1]", "https://x.example/", "javascript:", "../", "\\", "%", "    ",
                   "<div>", "</div>", "<!--", "-->", "\x00", "中文", " ", "x"]


@settings_
@given(st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=4), max_size=30))
def test_any_translation_is_composed_or_withheld(sample_config, pieces):
    """Whatever a translator writes for every message of an article, the edition is composed: each
    translation published, or withheld with its reason; never an exception."""
    from diglot.editions.sanitize import sanitize
    from diglot.sources.segments import render_document, segment_document

    doc = read_document(sample_config, sample_config.root / "source/articles/every-block.md")
    catalog = Catalog(locale="zh_Hant")
    translation = "".join(pieces)
    for segment in segment_document(doc):
        catalog.add(segment.text, translation, context=segment.context)
    translator = Translator.of(catalog, Path("every-block.po"))
    try:
        fields, html = render_document(doc, translator.segment)
    except DiglotError as error:
        assert str(error).startswith(str(doc.path)), error
        return
    sanitize(html)
    assert set(fields) == {field.key for field in doc.fields}
