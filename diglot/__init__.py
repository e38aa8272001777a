"""diglot: bilingual publishing from Markdown through gettext catalogs to HTML and PDF editions."""

__version__ = "0.1.0"
