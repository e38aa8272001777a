"""Making the review edition of one catalog: its HTML from ``review.html`` and its PDF, below ``build/review``.

The page is for translators and editors, in English as diglot's own messages are; each source and
translation carries its language. WeasyPrint renders the same HTML for paper, reading nothing outside
``build/review``.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup

from diglot import layout
from diglot.config import Config, Language
from diglot.editions.templating import Templates
from diglot.review import Review, review, write_review
from diglot.translate import Translators


def make_review(config: Config, domain: str, language: Language | None, with_pdf: bool = True
                ) -> tuple[Review, list[Path]]:
    """Write the review edition of the ``language`` catalog of ``domain`` (of its one translation, when
    None); return it and the files written."""
    report = review(config, domain, language)
    language = report.language
    templates = Templates(config, Translators(config))
    page = layout.review(language, domain, "html")
    html, _ = templates.render("review.html", config.source_language, page=page, review=report,
                               source=report.domain.source, target=language,
                               css=Markup(templates.stylesheet("review.css")))
    pdf = None
    if with_pdf:
        from diglot.build import require_pdf_renderer
        from diglot.editions import weasy

        require_pdf_renderer()
        folder = config.build_dir / layout.REVIEW
        pdf, _ = weasy.renderer(folder, os.urandom(8).hex()).pdf(html, config.build_dir / page)
    return report, write_review(config, report, html, pdf)
