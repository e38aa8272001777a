"""The exceptions the library raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class DiglotError(Exception):
    """Bad input: a file the user wrote is wrong, and the message says how to fix it.

    ``str()`` reads ``path:line: error: what is wrong; what to do``.
    """

    def __init__(self, path: Path | str | None, line: int | None, problem: str, remedy: str = ""):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.problem = problem
        self.remedy = remedy
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[Path | None, int | None, str, str]]:
        # Raised in a worker process, it comes back to the build whole.
        return (type(self), (self.path, self.line, self.problem, self.remedy))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}error: {self.problem}"
        return f"{text}; {self.remedy}" if self.remedy else text


class ToolError(DiglotError):
    """An external tool (msgmerge, msgfmt) is missing or failed on a file."""
