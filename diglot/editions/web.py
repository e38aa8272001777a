"""The web edition: a self-contained static folder, every article in every language, cross-linked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diglot import atomic
from diglot.config import Config, Language
from diglot.editions.compose import Edition
from diglot.editions.templating import environment, stylesheet
from diglot.translate import Translators


@dataclass(frozen=True)
class Link:
    """The same article in another language."""

    language: Language
    page: str


def write_web_edition(config: Config, editions: list[Edition], translators: Translators) -> list[Path]:
    """Write ``build/web``: article pages, an index per language, the home page, styles, images, PDFs."""
    out = config.build_dir / "web"
    written = [path for path in (
        *(_article_page(config, out, edition, translators) for edition in editions),
        *(_index_page(config, out, language, [e for e in editions if e.language == language], translators)
          for language in {edition.language: None for edition in editions}),
        _home_page(config, out, translators),
        _write(out / "static" / "diglot.css", stylesheet("diglot.css")),
    ) if path]
    written += copy_images(config, out) + _copy_pdfs(config, out, editions)
    return written


def _article_page(config: Config, out: Path, edition: Edition, translators: Translators) -> Path | None:
    env = environment(config, edition.language, translators.site(edition.language))
    others = [Link(lang, f"{lang.tag}/{edition.doc.slug}.html")
              for lang in config.languages if lang != edition.language]
    image = f"../images/{edition.doc.image.name}" if edition.doc.image else None
    html = env.get_template("article.html").render(edition=edition, others=others, root="../", image=image)
    return _write(out / edition.page, html)


def _index_page(config: Config, out: Path, language: Language, editions: list[Edition],
                translators: Translators) -> Path | None:
    env = environment(config, language, translators.site(language))
    others = [lang for lang in config.languages if lang != language]
    html = env.get_template("index.html").render(editions=editions, others=others, root="../")
    return _write(out / language.tag / "index.html", html)


def _home_page(config: Config, out: Path, translators: Translators) -> Path | None:
    choices = [{"language": lang, "name": translators.site(lang).text(config.name),
                "series": translators.site(lang).text(config.series)} for lang in config.languages]
    env = environment(config, config.source_language, translators.site(config.source_language))
    return _write(out / "index.html", env.get_template("home.html").render(choices=choices, root=""))


def copy_images(config: Config, out: Path) -> list[Path]:
    """Copy ``source/images`` beside the pages, where ``../images/…`` from an article finds them."""
    written = []
    for image in sorted((config.source_dir / "images").glob("*")):
        if image.is_file() and atomic.write_bytes(out / "images" / image.name, image.read_bytes()):
            written.append(out / "images" / image.name)
    return written


def _copy_pdfs(config: Config, out: Path, editions: list[Edition]) -> list[Path]:
    written = []
    for edition in editions:
        pdf = config.build_dir / "print" / edition.pdf
        if pdf.exists() and atomic.write_bytes(out / edition.pdf, pdf.read_bytes()):
            written.append(out / edition.pdf)
    return written


def _write(path: Path, text: str) -> Path | None:
    return path if atomic.write_text(path, text) else None

