"""The GNU gettext tools diglot runs (msgmerge, msgfmt, msgcat, msgattrib): a tool's complaint about a
file becomes bad input naming that file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import cast

from diglot.errors import ToolError


def require_tools() -> None:
    """Raise ToolError unless the GNU gettext tools diglot runs are installed."""
    for tool in ("msgmerge", "msgfmt", "msgcat", "msgattrib"):
        if shutil.which(tool) is None:
            raise ToolError(None, None, f"{tool} is not installed",
                            "install GNU gettext (apt-get install gettext) or run scripts/build")


def run_tool(command: list[str], subject: Path) -> None:
    """Run a GNU gettext tool; its complaint about ``subject`` becomes bad input."""
    finish(start(command), subject)


def start(command: list[str]) -> subprocess.Popen[str]:
    require_tools()
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], subject: Path) -> None:
    """Wait for a tool; its complaint, with the line it names, becomes bad input about ``subject``."""
    _, errors = process.communicate()
    if process.returncode != 0:
        detail = errors.strip().splitlines()
        line = re.search(r":(\d+):", detail[0]) if detail else None
        tool = cast(list[str], process.args)[0]  # as start() gave it
        raise ToolError(subject, int(line.group(1)) if line else None,
                        f"{tool} failed: {' / '.join(detail[:3])}", "fix the catalog as the message says")
