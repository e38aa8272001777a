"""The project on disk: what diglot may read and write, how it writes, one run at a time, and where outputs live."""
