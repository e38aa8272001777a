"""The Jinja2 environment of one language: autoescaping, and the site catalog's strings through gettext."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from diglot.config import Config, Language
from diglot.translate import Translator

TEMPLATES = Path(__file__).parent.parent / "templates"
STATIC = Path(__file__).parent.parent / "static"


def environment(config: Config, language: Language, site: Translator) -> jinja2.Environment:
    """Templates rendering in ``language``, their strings translated by ``site``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.install_gettext_callables(site.gettext, site.ngettext, newstyle=True,
                                  pgettext=site.pgettext, npgettext=site.npgettext)
    env.globals.update(config=config, language=language)
    return env


@cache
def stylesheet(name: str) -> str:
    """One of the package's stylesheets."""
    return (STATIC / name).read_text(encoding="utf-8")
