"""The one finding format: ``path:line: severity: message [rule]``, as ``check``, ``receive`` and the
build's warnings print it. A finding names the file (relative to the project), the line (the PO entry's
``msgid``), how bad it is, what is wrong and what to do, and the rule that found it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: where (a file and its line, when there is one), what, how bad, and which rule."""

    path: Path
    line: int | None
    message: str
    rule: str
    severity: str  # ERROR or WARNING

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity}: {self.message} [{self.rule}]"
