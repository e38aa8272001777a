"""Sources: the Markdown documents and their pictures, their translatable messages, and the site's own strings."""
