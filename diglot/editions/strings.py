"""The site messages diglot's Python code shows (the templates' own are extracted from the templates).

Kept apart from the modules using them, so that extracting the site catalog imports nothing heavy.
"""

INDEX_DESCRIPTION = "The articles of %(series)s, newest first, from the %(name)s"
LATEST = "Latest articles"
ALL_ARTICLES = "All articles"
BY_AUTHOR = "By %(author)s"
NOT_FOUND = "This page does not exist."
GO_TO_ARTICLES = "Go to the articles"

MESSAGES = (INDEX_DESCRIPTION, LATEST, ALL_ARTICLES, BY_AUTHOR, NOT_FOUND, GO_TO_ARTICLES)
# Also template strings (article-parts.html, parallel-content.html), so extracted from there.
PARALLEL_EDITION = "Parallel edition"
TRANSLATION_PENDING = "Translation pending"
