"""The site messages diglot's Python code shows (the templates' own are extracted from the templates).

Kept apart from the modules using them, below both extraction and the editions, so that extracting the
site catalog imports nothing heavy.
"""

# The title of a footnote's link back to the text (Python-Markdown's footnotes); %d is its number.
BACKLINK_TITLE = "Jump back to footnote %d in the text"
# The note on a block that shows its previous translation (its ``title``), through the site catalog.
OUTDATED_NOTE = "Outdated: this passage translates an earlier version of the original."

INDEX_DESCRIPTION = "The articles of %(series)s, newest first, from the %(name)s"
LATEST = "Latest articles"
ALL_ARTICLES = "All articles"
BY_AUTHOR = "By %(author)s"
NOT_FOUND = "This page does not exist."
GO_TO_ARTICLES = "Go to the articles"

MESSAGES = (INDEX_DESCRIPTION, LATEST, ALL_ARTICLES, BY_AUTHOR, NOT_FOUND, GO_TO_ARTICLES)
