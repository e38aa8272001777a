"""Where every output lives: the one owner of the paths below ``build/`` and of the links between pages.

A *site path* names a file of the web edition as its pages link it and its URLs end (``en/index.html``);
an output's *key* names a file below ``build/`` as the manifest records it (``web/en/index.html``). The print
edition mirrors the web edition's folders, so a relative link from an article to its pictures is the same in
both.

=====================================  ===========================================================
key                                    what
=====================================  ===========================================================
``web/index.html``                     the home page, the latest articles in every language
``web/404.html``                       the page a server shows for a missing file
``web/sitemap.xml``, ``web/robots.txt``  every page with its other languages, for search engines
``web/favicon.svg``                    the site's icon
``web/static/diglot.css``              the web stylesheet
``web/static/fonts.css``               the web fonts' faces, and ``static/fonts/*.woff2`` their files
``web/<lang>/feed.xml``                the Atom feed of a language
``web/<lang>/index.html``              the articles of a language, newest first
``web/<lang>/<slug>.html``             an article's page
``web/<lang>/<slug>.pdf``              its print PDF, offered for download (when the build makes PDFs)
``web/images/<name>``                  a picture from ``source/images``, and ``<stem>-<width>w.<ext>`` its
                                       narrower copies for ``srcset``
``print/<lang>/<slug>.pdf``            the print edition, and ``….html``, the HTML it is rendered from
``print/images/<name>``                the pictures the print HTML shows
``web/<a>.<b>/<slug>.html``            the parallel edition of an article in languages ``a`` and ``b``
                                       (the first configured language and each other one), and its
                                       ``.pdf``; ``print/<a>.<b>/<slug>.pdf`` and ``.html`` likewise
``web/static/parallel.css``            the parallel edition's own web stylesheet
``review/<lang>/<domain>.html``        the review edition of one catalog, and its ``.pdf``: never in
                                       ``web/``, never deployed
=====================================  ===========================================================
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from diglot.config import Language

# diglot's own files: the Jinja2 templates and the stylesheets every edition is made with.
PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"

WEB = "web"
PRINT = "print"
HOME = "index.html"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FAVICON = "favicon.svg"
STYLESHEET = "static/diglot.css"
FONT_STYLESHEET = "static/fonts.css"
PARALLEL_STYLESHEET = "static/parallel.css"
REVIEW = "review"


def article_page(language: Language, slug: str) -> str:
    """The site path of an article's page in ``language``."""
    return f"{language.tag}/{slug}.html"


def article_pdf(language: Language, slug: str) -> str:
    """The site path of an article's PDF in ``language``."""
    return f"{language.tag}/{slug}.pdf"


def index_page(language: Language) -> str:
    """The site path of the list of articles in ``language``."""
    return f"{language.tag}/index.html"


def feed(language: Language) -> str:
    """The site path of the Atom feed of ``language``."""
    return f"{language.tag}/feed.xml"


LanguagePair = tuple[Language, Language]


def parallel_pairs(languages: tuple[Language, ...]) -> list[LanguagePair]:
    """The pairs of languages that parallel editions show: the first language beside each other one."""
    return [(languages[0], other) for other in languages[1:]]


def parallel_page(pair: LanguagePair, slug: str) -> str:
    """The site path of an article's parallel edition: ``en.zh-Hant/<slug>.html``."""
    return f"{pair[0].tag}.{pair[1].tag}/{slug}.html"


def parallel_pdf(pair: LanguagePair, slug: str) -> str:
    """The site path of the parallel edition's PDF."""
    return f"{pair[0].tag}.{pair[1].tag}/{slug}.pdf"


def review(language: Language, domain: str, extension: str) -> str:
    """The key of a catalog's review edition (``html`` or ``pdf``), outside the web edition."""
    return f"{REVIEW}/{language.tag}/{domain}.{extension}"


def picture(name: str) -> str:
    """The site path of a picture of ``source/images``."""
    return f"images/{name}"


def picture_width(name: str, width: int) -> str:
    """The site path of a copy of picture ``name`` scaled to ``width`` pixels."""
    stem, dot, extension = name.rpartition(".")
    return f"images/{stem}-{width}w.{extension}" if dot else f"images/{name}-{width}w"


def font(name: str) -> str:
    """The site path of a web font file."""
    return f"static/fonts/{name}"


def web(site_path: str) -> str:
    """The key of a web edition file."""
    return f"{WEB}/{site_path}"


def printed(site_path: str) -> str:
    """The key of the print edition's counterpart of a site path: its PDF, its HTML, its pictures."""
    return f"{PRINT}/{site_path}"


def print_html(language: Language, slug: str) -> str:
    """The key of the HTML a print PDF is rendered from."""
    return printed(article_page(language, slug))


def root(site_path: str) -> str:
    """The relative link from the page at ``site_path`` to the top of the site: ``""`` or ``../``."""
    return "../" * site_path.count("/")


def relative(from_site_path: str, to_site_path: str) -> str:
    """The relative link from the page at ``from_site_path`` to the file at ``to_site_path``."""
    return posixpath.relpath(to_site_path, posixpath.dirname(from_site_path) or ".")


def url(base_url: str, site_path: str) -> str:
    """The absolute URL of a site path, on the site's ``base-url`` (which ends with ``/``)."""
    return base_url + ("" if site_path == HOME else site_path)
