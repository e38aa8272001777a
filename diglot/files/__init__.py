"""The project on disk: what diglot may read and write, how it writes, and one run at a time."""
