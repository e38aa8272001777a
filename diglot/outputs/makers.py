"""How each kind of output is made, by the maker its entry in :mod:`diglot.outputs.kinds` names: a file
written here from the editions composed and the templates, or a PDF's HTML written here and the PDF handed
to the workers. Each is called with the build making it (diglot.outputs.output.Making) and one output."""

from __future__ import annotations

from pathlib import Path

from diglot import layout
from diglot.catalogs.fallback import Fallback
from diglot.config import Config
from diglot.editions import meta, parallel, pictures, printed, web, webfonts
from diglot.editions.compose import Edition
from diglot.files import atomic, boundary
from diglot.outputs.composed import Editions
from diglot.outputs.output import Making, Output


def copy_from_project(making: Making, output: Output) -> None:
    """A picture or a PDF: read only from inside the project."""
    assert output.source is not None, output.key  # every copying output has its source
    making.write(output, boundary.read_bytes(output.source, picture=True))


def copy_from_package(making: Making, output: Output) -> None:
    """diglot's own file, as it is."""
    assert output.source is not None, output.key
    making.write(output, output.source.read_bytes())


def scaled(making: Making, output: Output) -> None:
    """A lead picture's narrower copy, for ``srcset``."""
    assert output.source is not None, output.key
    making.write(output, pictures.scaled(output.source, output.width))


def fonts(making: Making, output: Output) -> None:
    """Write every font file (cut by now) and the stylesheet declaring them; remove the files of slices gone."""
    build = making.config.build_dir
    written = [build / output.key] if atomic.write_text(build / output.key,
                                                          webfonts.stylesheet(list(output.faces))) else []
    for face, name in zip(output.faces, output.files[1:], strict=True):
        if atomic.write_bytes(build / name, webfonts.woff2(face)):
            written.append(build / name)
    previous = making.manifest.records.get(output.key)
    for name in set(previous.files if previous else ()) - set(output.files):
        (build / name).unlink(missing_ok=True)
    making.finish(output, (), written)


def _print_html(making: Making, output: Output) -> tuple[str, tuple[Fallback, ...]]:
    """The print HTML of an article's edition, and the messages it shows untranslated."""
    edition = making.editions.edition(*output.article)
    html, fallbacks = printed.print_page(making.templates, edition, making.config.base_url)
    return html, edition.fallbacks + fallbacks


def _parallel_print_html(making: Making, output: Output) -> tuple[str, tuple[Fallback, ...]]:
    """The print HTML of a parallel edition, and the messages it shows untranslated."""
    editions = _pair(making.editions, output)
    composed, fallbacks = parallel.compose_parallel(
        making.templates, (printed.printed(editions[0]), printed.printed(editions[1])))
    html, page_fallbacks = parallel.print_page(making.templates, composed)
    return html, editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks


def print_pdf(making: Making, output: Output) -> None:
    """An article's print PDF: its HTML written, the PDF rendered by a worker."""
    _render_print(making, output, *_print_html(making, output))


def parallel_print_pdf(making: Making, output: Output) -> None:
    """A parallel edition's print PDF: its HTML written, the PDF rendered by a worker."""
    _render_print(making, output, *_parallel_print_html(making, output))


def press_pdf(making: Making, output: Output) -> None:
    """An article's press PDF, rendered by a worker from its print HTML."""
    _render_press(making, output, *_print_html(making, output))


def parallel_press_pdf(making: Making, output: Output) -> None:
    """A parallel edition's press PDF, rendered by a worker from its print HTML."""
    _render_press(making, output, *_parallel_print_html(making, output))


def _render_print(making: Making, output: Output, html: str, fallbacks: tuple[Fallback, ...]) -> None:
    """Write the print HTML now; a worker renders the PDF from it."""
    build = making.config.build_dir
    html_path = build / output.files[1]
    written = [html_path] if atomic.write_text(html_path, html) else []
    making.render(output, printed.PdfJob(html, html_path, build / output.key, build / layout.PRINT, making.run),
                  fallbacks, written)


def _render_press(making: Making, output: Output, html: str, fallbacks: tuple[Fallback, ...]) -> None:
    """A press PDF is rendered from the print HTML, made here and not written: it is read from where the
    print HTML stands, beside the print edition's pictures."""
    config, build = making.config, making.config.build_dir
    html_path = build / layout.PRINT / Path(output.key).relative_to(layout.PRESS).with_suffix(".html")
    making.render(output, printed.PdfJob(html, html_path, build / output.key, build / layout.PRINT, making.run,
                                         config.press, layout.url(config.base_url, output.key)), fallbacks, [])


def article_page(making: Making, output: Output) -> None:
    """An article's web page, with its PDF's size and pages when it links it."""
    doc, language = output.article
    edition = making.editions.edition(doc, language)
    download = _download(making, layout.article_pdf(language, doc.slug)) if output.with_pdf else None
    html, fallbacks = web.article_page(making.config, making.templates, edition, download,
                                       making.editions.withheld)
    making.write(output, html, edition.fallbacks + fallbacks)


def _download(making: Making, site_path: str) -> meta.Download:
    """What a page's download link gives of its PDF: its size, and its pages as the renderer counted them
    (recorded in the manifest when it was rendered, in this build or before)."""
    record = making.manifest.records.get(layout.printed(site_path))
    # A page linking its PDF is made after the PDF, or the PDF is fresh: either way it is recorded.
    assert record is not None and record.pages is not None, site_path
    return meta.Download(site_path, (making.config.build_dir / layout.printed(site_path)).stat().st_size,
                         record.pages)


def parallel_page(making: Making, output: Output) -> None:
    """A parallel edition's web page."""
    editions = _pair(making.editions, output)
    composed, fallbacks = parallel.compose_parallel(making.templates, editions)
    html, page_fallbacks = parallel.parallel_page(making.config, making.templates, composed, output.with_pdf)
    making.write(output, html, editions[0].fallbacks + editions[1].fallbacks + fallbacks + page_fallbacks)


def _pair(editions: Editions, output: Output) -> tuple[Edition, Edition]:
    """The two editions a parallel output shows, in column order."""
    doc, (first, second) = output.parallel
    return editions.edition(doc, first), editions.edition(doc, second)


def index(making: Making, output: Output) -> None:
    """The articles of a language."""
    language, editions = output.index_language, making.editions
    making.write(output, *web.index_page(making.config, making.templates, language,
                                         [editions.listing(doc, language) for doc in editions.articles],
                                         editions.withheld))


def feed(making: Making, output: Output) -> None:
    """The Atom feed of a language."""
    language, editions = output.index_language, making.editions
    making.write(output, *web.feed(making.config, making.templates, language,
                                   [editions.listing(doc, language) for doc in editions.articles],
                                   editions.withheld))


def home(making: Making, output: Output) -> None:
    """The home page: each language's latest articles."""
    latest = {lang: making.editions.latest(lang) for lang in making.config.languages}
    making.write(output, *web.home_page(making.config, making.templates, latest))


def not_found(making: Making, output: Output) -> None:
    """The page a server shows for a missing file."""
    making.write(output, *web.not_found_page(making.config, making.templates))


def sitemap(making: Making, output: Output) -> None:
    """The sitemap."""
    making.write(output, *web.sitemap(making.config, making.templates,
                                      sitemap_entries(making.config, making.editions)))


def sitemap_entries(config: Config, editions: Editions) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """What the sitemap says of each article: its slug, source language, date and the languages it is
    published in (none withheld)."""
    return [(doc.slug, doc.lang, doc.date.isoformat() if doc.date else "",
             tuple(lang.tag for lang in config.languages if (doc.slug, lang.code) not in editions.withheld))
            for doc in editions.articles]


def robots(making: Making, output: Output) -> None:
    """``robots.txt``."""
    making.write(output, web.robots(making.config))
