"""The README is the entry and docs/ the manual: the README stays short, every relative link of either
reaches a file (and a heading, where it names one), the README links every document of the manual, and the
package map in docs/architecture.md lists every module of the package."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO

README = REPO / "README.md"
MANUAL = sorted((REPO / "docs").glob("*.md"))
ARCHITECTURE = REPO / "docs" / "architecture.md"

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


def prose(text: str) -> str:
    """``text`` without its fenced blocks and code spans, where brackets and hashes are not Markdown."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens,
    a repeated one numbered."""
    seen: dict[str, int] = {}
    found = set()
    for heading in _HEADING.findall(_FENCE.sub("", text)):
        slug = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = re.sub(r"[^\w\- ]", "", slug.replace("`", "").lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    """The targets of a Markdown file's links and images that point into the repository."""
    targets = _LINK.findall(prose(path.read_text(encoding="utf-8")))
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t, re.I)]


def broken(path: Path, target: str) -> str | None:
    """Why ``target``, linked from ``path``, does not resolve; None when it does."""
    name, _, anchor = target.partition("#")
    file = (path.parent / name).resolve() if name else path
    if not file.exists():
        return "no such file"
    if not file.is_relative_to(REPO):
        return "outside the repository"
    if anchor and file.suffix == ".md" and anchor not in anchors(file.read_text(encoding="utf-8")):
        return f"no heading #{anchor}"
    return None


def test_the_readme_is_an_entry_of_at_most_200_lines():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 200


def test_every_relative_link_resolves():
    checked = [(path, target) for path in (README, *MANUAL) for target in relative_links(path)]
    assert len(checked) > 50  # the scan sees the links it is there to check
    failures = [f"{path.relative_to(REPO)}: ({target}): {why}" for path, target in checked
                if (why := broken(path, target))]
    assert failures == []


def test_a_broken_link_is_found(tmp_path):
    page = REPO / "docs" / "commands.md"
    assert broken(page, "catalogs.md#the-translation-memory") is None
    assert broken(page, "catalogs.md#no-such-heading") == "no heading #no-such-heading"
    assert broken(page, "no-such-file.md") == "no such file"
    assert broken(page, "#exit-status") is None
    assert relative_links(page)  # and code spans are not links:
    assert prose("keep `[text](url)` as it is, and [this](x.md)") == "keep  as it is, and [this](x.md)"


def test_the_readme_links_every_document_of_the_manual():
    linked = {(README.parent / t.partition("#")[0]).resolve() for t in relative_links(README)}
    assert [p.name for p in MANUAL if p.resolve() not in linked] == []


def test_the_package_map_lists_every_module():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text[text.index("\n## The package map"):]
    section = section[: section.index("\n## ", 1)]
    listed = set(re.findall(r"^\| `(diglot/[\w/]+\.py)` \|", section, re.M))
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "diglot").rglob("*.py")}
    assert modules - listed == set(), "modules missing from the package map in docs/architecture.md"
    assert listed - modules == set(), "the package map lists modules that do not exist"
