"""The project on disk: what diglot may read and write, which characters no text of it may hold, how it
writes, and one run at a time."""
