"""``diglot new``: a new article, ``source/articles/<slug>.md``, with complete and commented front matter.

Its number is the series' next free one, its date today's, its language the site's source language
unless asked otherwise. The file is created, never replaced: an article of that name stops it. This is
the one file diglot writes outside ``build/`` and ``translations/``, and only when asked by name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from diglot.config import SITE_DOMAIN, Config, Language
from diglot.errors import DiglotError
from diglot.sources.documents import read_documents
from diglot.sources.listing import ARTICLES

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# The placeholders an editor replaces, in the article's own language where there are some.
_PLACEHOLDERS = {
    "en": {"title": "The Title of the Article", "author": "Jane Doe", "bio": "One line about the author",
           "summary": "Two or three sentences that the index, the feed and search engines show.",
           "body": "Write the article here, in Markdown."},
    "zh": {"title": "文章標題", "author": "王小明", "bio": "作者簡介，一行",
           "summary": "兩三句摘要，顯示在目錄、訂閱與搜尋結果中。", "body": "在此以 Markdown 撰寫文章。"},
}


@dataclass(frozen=True)
class NewArticle:
    """The article ``diglot new`` wrote: its file (relative to the project), number and date."""

    path: Path
    number: int
    date: dt.date


def new_article(config: Config, slug: str, language: Language, title: str | None = None,
                date: dt.date | None = None) -> NewArticle:
    """Write ``source/articles/<slug>.md``; DiglotError when the slug is no slug or the file exists."""
    if not _SLUG.match(slug) or slug == SITE_DOMAIN:
        raise DiglotError(None, None, f"{slug!r} cannot name an article",
                          f"use lowercase letters, digits and hyphens (not {SITE_DOMAIN!r}), e.g. no-more-carrots")
    documents = read_documents(config)
    taken = next((doc.path for doc in documents if doc.slug == slug), None)
    relpath = Path("source", ARTICLES, f"{slug}.md")
    if taken is not None or (config.root / relpath).exists():
        raise DiglotError(taken or relpath, None, "already exists", "choose another slug; diglot new never "
                          "replaces a file")
    numbers = [doc.number for doc in documents if doc.number and doc.text("series") == config.series]
    number = max(numbers, default=0) + 1
    date = date or dt.date.today()
    text = front_matter(config, language, title, date, number)
    _create(config, relpath, text)
    return NewArticle(relpath, number, date)


def front_matter(config: Config, language: Language, title: str | None, date: dt.date, number: int) -> str:
    """A new article's text: every front-matter key, each with a comment saying what it is for."""
    words = _PLACEHOLDERS.get(language.code.split("_")[0], _PLACEHOLDERS["en"])
    others = " or ".join(lang.code for lang in config.languages)
    q = _quoted
    return f"""---
# Front matter (YAML), then the article in Markdown. The texts are translated, one message each;
# quote a text that holds ': ' or starts with a sign such as & or *.
title: {q(title or words["title"])}
# subtitle: {q("An optional subtitle")}
author:                      # or simply: author: {words["author"]}
  name: {q(words["author"])}
  bio: {q(words["bio"])}   # optional
date: {date.isoformat()}             # YYYY-MM-DD, the day of publication
series: {q(config.series)}
number: {number}                   # this series' next free number
summary: {q(words["summary"])}
lang: {language.code}                     # the language it is written in: {others}
# A lead picture, optional: a file in source/images (images/x.jpg and /images/x.jpg work too).
# image:
#   src: ../images/picture.jpg
#   alt: {q("What the picture shows, for readers who cannot see it")}   # required with a picture
#   credit: {q("Picture source: …")}
# tags: [Taiwan, security]
---

{words["body"]}
"""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def _create(config: Config, relpath: Path, text: str) -> None:
    """Create the file, never through a link, never over another; mode as the umask says."""
    folder = config.root / relpath.parent
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(config.root)):
        raise DiglotError(relpath.parent, None, "is a link", "make it a real folder of the project")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(config.root / relpath, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except FileExistsError:
        raise DiglotError(relpath, None, "already exists", "choose another slug; diglot new never replaces a file"
                          ) from None
    except OSError as error:
        raise DiglotError(relpath, None, f"cannot be written: {error.strerror}", "check the folder") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
