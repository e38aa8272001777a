"""The Jinja2 environments of a build: autoescaping, and the site catalog's strings through gettext."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
import jinja2.meta
from markupsafe import Markup

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.catalogs.translate import Translator, Translators
from diglot.config import Config, Language
from diglot.editions.typesetting import Finished, typeset

if TYPE_CHECKING:
    from diglot.editions.webfonts import Face

# The front-matter macros: the parallel edition calls them from Python (see Templates.macros).
PARTS = "article-parts.html"
_PLACEHOLDER = re.compile(r"\x02(\d+)\x03")
# The web edition's stylesheets: the package's file, and the site path their fingerprinted name is made of.
WEB_STYLESHEETS = (("diglot.css", layout.STYLESHEET), ("parallel.css", layout.PARALLEL_STYLESHEET))


class Templates:
    """The templates and stylesheets for one build, each environment made (and its templates compiled)
    once per language rather than once per page."""

    def __init__(self, config: Config, translators: Translators, faces: Sequence[Face] = ()):
        self.config = config
        self.translators = translators
        self.faces = tuple(faces)  # the web fonts' files, of which each page declares its own
        self.assets = web_assets()
        self._environments: dict[str, jinja2.Environment] = {}
        self._stylesheets: dict[str, str] = {}
        self._finished: list[str] | None = None  # while a page renders: its finished bodies, by placeholder

    def render(self, name: str, language: Language, page: str, root: str | None = None,
               **context: Any) -> tuple[str, tuple[Fallback, ...]]:
        """Template ``name`` rendered in ``language`` as the page at site path ``page``, and the site strings it
        showed untranslated. Templates link other files as ``{{ root }}{{ site path }}``; ``root`` is the
        page's relative way to the top unless given (the 404 page, shown at any depth, links from the top)."""
        env, site = self._installed(language)
        self._finished = []
        try:
            html = env.get_template(name).render(page=page, root=layout.root(page) if root is None else root,
                                                 **context)
            finished = self._finished
        finally:
            self._finished = None
        if name.endswith(".html"):  # not a feed or sitemap: XML, where a span would be markup of its own
            # Fields and the site's strings are typeset here; the bodies were on their trees.
            html = typeset(html, language.tag)
        return _PLACEHOLDER.sub(lambda m: finished[int(m.group(1))], html), tuple(site.fallbacks.values())

    def _finalize(self, value: Any) -> Any:
        """What a template shows of ``value``: a finished body as a placeholder while a page renders."""
        if isinstance(value, Finished) and self._finished is not None:
            self._finished.append(str(value))
            return Markup(f"\x02{len(self._finished) - 1}\x03")
        return value

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
            self._environments[language.code] = environment(self.config, language, self._finalize)
            self._environments[language.code].globals["assets"] = self.assets
        return self._environments[language.code]


def web_assets() -> dict[str, str]:
    """The web stylesheets' site paths (``layout.STYLESHEET``…) and the fingerprinted ones pages link."""
    return {site_path: layout.fingerprinted(site_path, hashlib.sha256((layout.STATIC / name).read_bytes()).hexdigest())
            for name, site_path in WEB_STYLESHEETS}


class _CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled once per process rather than once per build (``diglot serve`` and a test
    session build again and again). Jinja2 checks each entry against its template's source, so an edited
    template is compiled again. Every environment that uses it comes from :func:`environment`, with the same
    syntax settings, which the compiled code depends on."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(config: Config, language: Language, finalize: Callable[[Any], Any] | None = None) -> jinja2.Environment:
    """Templates rendering in ``language``; install the site's gettext callables before rendering."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(layout.TEMPLATES), autoescape=True, finalize=finalize,
                             extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             bytecode_cache=_COMPILED)
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
        referenced = _referenced(loader.get_source(env, current)[0])
        if None in referenced:  # a name computed at render time: any template may be used
            return sorted(layout.TEMPLATES.glob("*.html"))
        pending += [name for name in referenced if name is not None]
    return [layout.TEMPLATES / n for n in sorted(seen)]


@functools.lru_cache(maxsize=64)
def _referenced(source: str) -> tuple[str | None, ...]:
    """The templates a template's source extends or includes (None: a name computed at render time); kept per
    source, as every build asks again of the same templates."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    return tuple(jinja2.meta.find_referenced_templates(env.parse(source)))
