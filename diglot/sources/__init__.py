"""Sources: the Markdown documents, their translatable messages, and the site's own strings."""
