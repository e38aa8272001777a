"""The Jinja2 environments of a build: autoescaping, and the site catalog's strings through gettext."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.catalogs.translate import Translator, Translators
from diglot.config import Config, Language
from diglot.editions.latin import mark_latin_runs

# The front-matter macros: the parallel edition calls them from Python (see Templates.macros).
PARTS = "article-parts.html"


class Templates:
    """The templates and stylesheets for one build, each environment made (and its templates compiled)
    once per language rather than once per page."""

    def __init__(self, config: Config, translators: Translators):
        self.config = config
        self.translators = translators
        self._environments: dict[str, jinja2.Environment] = {}
        self._stylesheets: dict[str, str] = {}

    def render(self, name: str, language: Language, page: str, root: str | None = None,
               **context: Any) -> tuple[str, tuple[Fallback, ...]]:
        """Template ``name`` rendered in ``language`` as the page at site path ``page``, and the site strings it
        showed untranslated. Templates link other files as ``{{ root }}{{ site path }}``; ``root`` is the
        page's relative way to the top unless given (the 404 page, shown at any depth, links from the top)."""
        env, site = self._installed(language)
        html = env.get_template(name).render(page=page, root=layout.root(page) if root is None else root, **context)
        if not name.endswith(".html"):  # a feed or sitemap: XML, where a span would be markup of its own
            return html, tuple(site.fallbacks.values())
        # Fields and the site's strings get their Latin runs marked here, as the body did at compose time.
        return mark_latin_runs(html, language.tag), tuple(site.fallbacks.values())

    def macros(self, name: str, language: Language, page: str) -> tuple[Any, Translator]:
        """The macros of template ``name`` rendering in ``language`` for the page at ``page``, and the site
        translator recording what they show untranslated. Call them before the next render in ``language``;
        their Latin runs are marked when the page that shows them is rendered."""
        env, site = self._installed(language)
        return env.get_template(name).make_module({"page": page, "root": layout.root(page)}), site

    def _installed(self, language: Language) -> tuple[jinja2.Environment, Translator]:
        """The environment of ``language`` with a fresh site translator installed: its fallbacks are those
        of what is rendered next alone."""
        site = self.translators.site(language)
        env = self._environment(language)
        env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
            site.gettext, site.ngettext, newstyle=True, pgettext=site.pgettext, npgettext=site.npgettext)
        return env, site

    def stylesheet(self, name: str) -> str:
        """One of the package's stylesheets."""
        if name not in self._stylesheets:
            self._stylesheets[name] = (layout.STATIC / name).read_text(encoding="utf-8")
        return self._stylesheets[name]

    def _environment(self, language: Language) -> jinja2.Environment:
        if language.code not in self._environments:
            self._environments[language.code] = environment(self.config, language)
        return self._environments[language.code]


def environment(config: Config, language: Language) -> jinja2.Environment:
    """Templates rendering in ``language``; install the site's gettext callables before rendering."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(layout.TEMPLATES), autoescape=True,
                             extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(config=config, language=language, layout=layout)
    return env


def templates_used(name: str) -> list[Path]:
    """Template ``name`` and every template it extends or includes, transitively, in a stable order."""
    loader = jinja2.FileSystemLoader(layout.TEMPLATES)
    env = jinja2.Environment(loader=loader, extensions=["jinja2.ext.i18n"])
    seen: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.append(current)
        source = loader.get_source(env, current)[0]
        referenced = list(jinja2.meta.find_referenced_templates(env.parse(source)))
        if None in referenced:  # a name computed at render time: any template may be used
            return sorted(layout.TEMPLATES.glob("*.html"))
        pending += [name for name in referenced if name is not None]
    return [layout.TEMPLATES / n for n in sorted(seen)]
