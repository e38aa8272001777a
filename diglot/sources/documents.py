"""Source documents: YAML front matter and a Markdown body, read and validated with line numbers.

Articles live in ``source/articles/<slug>.md``; the foundation's own texts (the editorial note appended to
every article) in ``source/foundation/<slug>.md``. Every text field of the front matter is translatable.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from diglot.config import SITE_DOMAIN, Config, decoded
from diglot.errors import DiglotError
from diglot.files import boundary, controls
from diglot.sources.inline import bracket_depth
from diglot.sources.listing import ARTICLES, FOUNDATION, document_files
from diglot.sources.picturepaths import body_picture_errors, lead_picture

# PyYAML is imported where front matter is read: a run whose sources' front matter is as it was needs none.
if TYPE_CHECKING:
    import yaml  # lazy: a document the cache vouches for is not parsed

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# key: (type, required); "text" fields are the translatable ones.
Schema = dict[str, tuple[str, bool]]
_ARTICLE_KEYS: Schema = {
    "title": ("text", True), "subtitle": ("text", False), "author": ("mapping", True),
    "date": ("date", True), "series": ("text", True), "number": ("int", True),
    "summary": ("text", True), "image": ("mapping", False), "tags": ("texts", False),
    "lang": ("lang", False),
}
_NOTE_KEYS: Schema = {"title": ("text", False), "lang": ("lang", False)}
# The translatable fields, in the order translators meet them.
TEXT_FIELDS = ("title", "subtitle", "author.name", "author.bio", "series", "summary", "image.alt",
               "image.credit")
_NESTED: dict[str, Schema] = {
    "author": {"name": ("text", True), "bio": ("text", False)},
    "image": {"src": ("path", False), "alt": ("text", False), "credit": ("text", False)},
}


@dataclass(frozen=True)
class Field:
    """One translatable front-matter text: its key (``author.bio``, ``tags.0``), text and line."""

    key: str
    text: str
    line: int


@dataclass(frozen=True)
class Document:
    """A source document, validated: front matter fields and the Markdown body, with where they stand."""

    path: Path  # relative to the project root, as catalogs reference it
    kind: str  # "article" or "note"
    slug: str
    lang: str
    fields: tuple[Field, ...]
    body: str
    body_line: int  # the file line of the body's first line
    date: dt.date | None = None
    number: int | None = None
    image: Path | None = None  # relative to the project root
    image_line: int | None = None  # where ``image.src`` is set

    @property
    def domain(self) -> str:
        """The gettext domain holding this document's messages."""
        return self.slug

    def text(self, key: str) -> str | None:
        """The source text of front-matter field ``key``, or None when absent."""
        return next((f.text for f in self.fields if f.key == key), None)


class Known(Protocol):
    """What the sources were read as before (diglot.sources.sourcecache): a document by its file's bytes."""

    def get(self, relpath: Path, data: bytes) -> Document | None: ...

    def same_front(self, relpath: Path, front: str, body: str, body_line: int) -> Document | None: ...

    def put(self, doc: Document, data: bytes, front: str) -> None: ...


def read_documents(config: Config, known: Known | None = None) -> list[Document]:
    """Every article and foundation text of the project, articles newest first, notes by name.

    A source ``known`` holds (the same bytes read before) is not parsed again."""
    articles = [read_document(config, p, known) for p in document_files(config.source_dir / ARTICLES)]
    notes = [read_document(config, p, known) for p in document_files(config.source_dir / FOUNDATION)]
    _check_unique_domains(articles + notes)
    articles.sort(key=lambda d: (d.date, d.number, d.slug), reverse=True)
    return articles + notes


def read_document(config: Config, path: Path, known: Known | None = None) -> Document:
    """Read and validate one source document (or take it from ``known`` when its bytes are unchanged)."""
    relpath = path.relative_to(config.root)
    data = boundary.read_bytes(path)
    doc = known.get(relpath, data) if known else None
    # A picture is outside the source's bytes: a known document stands only while its picture does.
    if doc is None or (doc.image is not None and not _picture_stands(config, doc.image)):
        doc, front = _parse_document(config, path, relpath, data, known)
        if known:
            known.put(doc, data, front)
    return doc


def _parse_document(config: Config, path: Path, relpath: Path, raw: bytes,
                    known: Known | None = None) -> tuple[Document, str]:
    """The document, and its front matter's text; the front matter is not read again where ``known``
    holds it as it is (an edit of the body alone, the usual one)."""
    kind = "note" if path.parent.name == FOUNDATION else "article"
    slug = path.name[: -len(path.suffix)]
    if not _SLUG.match(slug) or slug == SITE_DOMAIN:
        raise DiglotError(relpath, None, f"{slug!r} cannot name a document",
                          f"rename it to lowercase letters, digits and hyphens (not {SITE_DOMAIN!r})")
    text = normalized(decoded(path, raw, "save the file as UTF-8"))
    controls.refuse_in_text(text, relpath)  # raw, or as HTML character references, front matter and body
    front, body, body_line = split_front_matter(relpath, text)
    _check_nesting(relpath, body, body_line, config.limits.nesting)
    same = known.same_front(relpath, front, body, body_line) if known else None
    if same is not None and (same.image is None or _picture_stands(config, same.image)):
        return same, front
    data, lines = _parse_yaml(relpath, front, config.limits.nesting)
    schema = _ARTICLE_KEYS if kind == "article" else _NOTE_KEYS
    values = _validate(relpath, data, lines, schema, prefix="")
    for key, value in values.items():  # what YAML's escapes ("\e", "\u202e") decoded to
        if isinstance(value, str):
            controls.refuse_in_value(value, relpath, lines.get(key), key)
    lang = _language(config, relpath, values.get("lang"), lines.get("lang"))
    return Document(
        path=relpath, kind=kind, slug=slug, lang=lang, body=body, body_line=body_line,
        fields=tuple(_fields(values, lines)), date=values.get("date"), number=values.get("number"),
        image=_image(config, relpath, values.get("image.src"), lines.get("image.src")),
        image_line=lines.get("image.src"),
    ), front


def _language(config: Config, relpath: Path, lang: str | None, line: int | None) -> str:
    """The document's language as gettext spells it (``lang: zh-Hant`` is ``zh_Hant``)."""
    if lang is None:
        return config.source_language.code
    try:
        return config.language(lang).code
    except DiglotError:
        codes = ", ".join(language.code for language in config.languages)
        raise DiglotError(relpath, line, f"unknown language {lang!r}",
                          f"use one of the site's languages: {codes}") from None


def normalized(text: str) -> str:
    """A source's text as Python reads text files: every line ending a newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_FENCE = re.compile(r"^---[^\S\n]*$", re.M)


def split_front_matter(relpath: Path, text: str) -> tuple[str, str, int]:
    """The front matter, the body and the file line of the body's first line."""
    first = text.split("\n", 1)[0]
    if first.rstrip() != "---":
        raise DiglotError(relpath, 1, "no front matter", "start the file with a line '---', the YAML "
                          "front matter, and another '---'")
    # The first later line that is '---' and whitespace (as str.rstrip strips it), found without
    # splitting the whole file into lines: every run does this for every source.
    fence = _FENCE.search(text, len(first) + 1)
    if fence is None:
        raise DiglotError(relpath, 1, "front matter never ends", "close it with a line '---'")
    body = text[fence.end() + 1:]
    return text[len(first) + 1:max(fence.start() - 1, len(first) + 1)], body, text.count("\n", 0, fence.start()) + 2


def _parse_yaml(relpath: Path, front: str, limit: int) -> tuple[dict[str, Any], dict[str, int]]:
    """The front matter's values, and the file line of every key (``author.name`` style)."""
    import yaml  # lazy: a document the cache vouches for is not parsed

    # libyaml's loader where PyYAML was built with it: the same safe loading, many times quicker.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _refuse_aliases_and_depth(relpath, front, limit)
        node = yaml.compose(front, Loader=loader)
        _refuse_duplicate_keys(relpath, node)
        data = yaml.load(front, Loader=loader)
    except RecursionError:
        raise DiglotError(relpath, 2, "the front matter is nested too deeply", "write key: value lines") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        raise DiglotError(relpath, line, f"invalid YAML front matter: {error.problem}",
                          "fix the syntax (quote values containing ': ')") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control character
        line = front.count("\n", 0, error.position) + 2
        raise DiglotError(relpath, line, f"invalid YAML front matter: character {chr(error.character)!r} is not "
                          "allowed", "remove it") from None
    except ValueError as error:  # PyYAML's own date parsing, e.g. 2025-02-30
        line = _first_line_matching(front, r"^date\s*:") + 1
        raise DiglotError(relpath, line, f"bad date: {error}", "write a real date as YYYY-MM-DD") from None
    if not isinstance(data, dict):
        raise DiglotError(relpath, 2, "front matter is not a mapping", "write key: value lines")
    return data, _key_lines(node, prefix="", offset=2)


def _refuse_aliases_and_depth(relpath: Path, front: str, limit: int) -> None:
    """Aliases (``*name``) can make a few lines expand to gigabytes, and deep nesting exhausts PyYAML's
    recursion slowly: front matter has no use for either. A scan of events, in linear time."""
    import yaml  # lazy: a document the cache vouches for is not parsed

    depth = 0
    for event in yaml.parse(front, Loader=yaml.SafeLoader):  # libyaml stops deep nesting its own way
        line = event.start_mark.line + 2 if event.start_mark else 2
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DiglotError(relpath, line, "YAML anchors and aliases (&name, *name) "
                              "are not allowed in front matter", "write each value out")
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > limit:
            raise DiglotError(relpath, line, f"the front matter is nested more than {limit} deep",
                              "write key: value lines")


def _refuse_duplicate_keys(relpath: Path, node: yaml.Node | None) -> None:
    """YAML keeps the last of two equal keys without a word: in front matter that is a mistake."""
    import yaml  # lazy: a document the cache vouches for is not parsed

    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else repr(key)
            line = key.start_mark.line + 2
            if name in seen:
                raise DiglotError(relpath, line, f"the key {str(name)[:40]!r} is already set on line {seen[name]}",
                                  "keep one of them")
            seen[name] = line
            _refuse_duplicate_keys(relpath, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(relpath, item)


_QUOTES = re.compile(r"[ \t]{0,3}>")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _check_nesting(relpath: Path, body: str, body_line: int, limit: int) -> None:
    """Refuse blockquotes and lists nested deeper than ``limit``: Python-Markdown parses each level by
    recursion, and a few thousand levels exhaust the stack and any PDF renderer's patience. Brackets too,
    within a paragraph: Python-Markdown reads nested links in quadratic time."""
    _check_brackets(relpath, body, body_line, limit)
    for number, line in enumerate(body.split("\n"), start=body_line):
        depth = _line_depth(line)
        if depth > limit:
            raise DiglotError(relpath, number, f"blockquotes and lists nested {depth} deep, more than {limit}",
                              "nest them less, or raise nesting under [tool.diglot.limits]")


def _line_depth(line: str) -> int:
    """How many blockquotes and lists a line opens or stands in: its quote markers, the list levels its
    indentation makes, and every further marker on the line (``- - - x``, ``> - > - x`` nest as deep as
    indented lines do)."""
    depth, rest, first = 0, line, True
    while True:
        if match := _QUOTES.match(rest):
            depth, rest = depth + 1, rest[match.end():]
            continue
        stripped = rest.lstrip(" \t")
        item = _LIST_ITEM.match(stripped)
        if item is None:
            return depth
        indent = rest[: len(rest) - len(stripped)]
        depth += (indent.expandtabs(4).count(" ") // 4 if first else 0) + 1
        rest, first = stripped[item.end():], False


def _check_brackets(relpath: Path, body: str, body_line: int, limit: int) -> None:
    start = body_line
    for block in body.split("\n\n"):
        depth = bracket_depth(block)
        if depth > limit:
            raise DiglotError(relpath, start, f"brackets [ ] nested {depth} deep, more than {limit}",
                              "nest links and images less, or raise nesting under [tool.diglot.limits]")
        start += block.count("\n") + 2


def _key_lines(node: yaml.Node | None, prefix: str, offset: int) -> dict[str, int]:
    import yaml  # lazy: a document the cache vouches for is not parsed

    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}{key.value}"
            lines[name] = key.start_mark.line + offset
            lines.update(_key_lines(value, name + ".", offset))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"{prefix}{index}"] = item.start_mark.line + offset
    return lines


def _validate(relpath: Path, data: dict[str, Any], lines: dict[str, int], schema: Schema, prefix: str
              ) -> dict[str, Any]:
    """Check keys and types against ``schema``; return values flattened to ``author.name`` keys."""
    values: dict[str, Any] = {}
    line_of_parent = lines.get(prefix.rstrip("."), 2)
    for key in data:
        if key not in schema:
            raise DiglotError(relpath, lines.get(f"{prefix}{key}"), f"unknown front-matter key {prefix}{key!s}",
                              f"use only {', '.join(schema)}")
    for key, (kind, required) in schema.items():
        name = f"{prefix}{key}"
        if data.get(key) is None:
            if required:
                raise DiglotError(relpath, line_of_parent, f"missing front-matter key {name}",
                                  f"add {name}: …")
            continue
        values.update(_value(relpath, name, data[key], kind, lines))
    return values


def _value(relpath: Path, name: str, value: Any, kind: str, lines: dict[str, int]) -> dict[str, Any]:
    line = lines.get(name)
    if kind == "mapping":
        if name == "author" and isinstance(value, str):  # "author: Jane Doe", as static-site generators take it
            value, lines[f"{name}.name"] = {"name": value}, line or 2
        if not isinstance(value, dict):
            keys = ", ".join(f"{name}.{key}" for key in _NESTED[name])
            raise DiglotError(relpath, line, f"{name} must be a mapping", f"indent its keys ({keys}) below it")
        return _validate(relpath, value, lines, _NESTED[name], prefix=name + ".")
    if kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DiglotError(relpath, line, f"{name} must be a list of texts", "write [a, b] or '- a' lines")
        return {f"{name}.{i}": v.strip() for i, v in enumerate(value)}
    if kind == "date":
        return {name: _date(relpath, line, value)}
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise DiglotError(relpath, line, f"{name} must be a positive whole number", f"write e.g. {name}: 29")
        return {name: value}
    if not isinstance(value, str) or not value.strip():
        raise DiglotError(relpath, line, f"{name} must be a non-empty text", "quote it if it has ': ' inside")
    return {name: value.strip()}


def _date(relpath: Path, line: int | None, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DiglotError(relpath, line, f"bad date {value!r}", "write it as YYYY-MM-DD") from None


def _fields(values: dict[str, Any], lines: dict[str, int]) -> list[Field]:
    tags = sorted((k for k in values if k.startswith("tags.")), key=lambda k: int(k.split(".")[1]))
    keys = [k for k in TEXT_FIELDS if k in values] + tags
    return [Field(k, values[k], lines[k]) for k in keys]


def _image(config: Config, relpath: Path, src: str | None, line: int | None) -> Path | None:
    return None if src is None else lead_picture(config.root, relpath, src, line)


def require_pictures(config: Config, documents: list[Document]) -> None:
    """Raise DiglotError for the first picture of a document's body whose file is missing: published, it
    would be a broken link."""
    for doc in documents:
        for error in body_picture_errors(config.root, doc.path, doc.body, doc.body_line):
            raise error


def _picture_stands(config: Config, image: Path) -> bool:
    """Whether a lead picture read before is still a file, in the project."""
    path = config.root / image
    return path.is_file() and Path(os.path.realpath(path)).is_relative_to(config.root)


def _first_line_matching(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _check_unique_domains(documents: list[Document]) -> None:
    seen: dict[str, Path] = {}
    for doc in documents:
        if doc.slug in seen:
            raise DiglotError(doc.path, None, f"{doc.slug!r} is also the name of {seen[doc.slug]}",
                              "rename one of them: each document names its own catalog")
        seen[doc.slug] = doc.path


def missing_alt(doc: Document) -> DiglotError | None:
    """The error for a lead picture without alt text, at the line of its ``src``; None when it has one."""
    if doc.image is None or (doc.text("image.alt") or "").strip():
        return None
    return DiglotError(doc.path, doc.image_line, "the lead picture has no alt text",
                       "add image.alt: a sentence saying what the picture shows")
