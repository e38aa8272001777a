"""Helpers shared by the tests: pseudo-translations, catalog editing, project snapshots, PDF bytes, and the
hostile-input suite's arena (a pre-built project copied per case, a decoy tree beside it, the one assertion
every case makes)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from diglot.cli import main

REPO = Path(__file__).parents[1]


def interruptible() -> None:
    """For ``preexec_fn``: Ctrl-C (SIGINT) at its default in the child, as in a terminal. A run started in
    the background (``cmd &``) passes SIGINT on ignored, and a command told to stop as Ctrl-C does would not."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def copy_publication(root: Path) -> None:
    """Copy the repository's publication (sources, catalogs, settings) into ``root``."""
    for name in ("source", "translations"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root)


FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


class Run:
    """The result of one CLI call."""

    def __init__(self, status: int, out: str, err: str):
        self.status, self.out, self.err = status, out, err


def run_cli(root: Path, *args: str) -> Run:
    """Run the diglot CLI in-process on ``root``, capturing what it prints: for fixtures made once per module
    or session, where pytest's ``capsys`` (one test's) is not at hand."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--project", str(root), *args])
    return Run(status, out.getvalue(), err.getvalue())


_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|%(?:\(\w+\))?[sd]|\[\^\w+\]|\*\*|\*|<[^<>]*>)")


def pseudo(msgid: str) -> str:
    """The uppercase pseudo-translation: text in capitals, Markdown syntax, HTML tags, code and targets as they are."""
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(_KEEP.split(msgid)))


def translate_catalog(path: Path, translate: Callable[[str], str | None] = pseudo, fuzzy: bool = False) -> None:
    """Fill every msgstr of a PO file with ``translate(msgid)`` (None leaves it untranslated)."""
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if isinstance(message.id, tuple):  # a plural: the singular's translation first, the plural's for the rest
            message.string = tuple(translate(message.id[min(n, 1)]) or "" for n in range(catalog.num_plurals))
        elif message.id:
            message.string = translate(message.id) or ""
            if fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


def inflated_pdf(path: Path) -> bytes:
    """A PDF's bytes with its compressed streams inflated too, to search its objects and text operators."""
    data = path.read_bytes()
    streams = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            streams.append(zlib.decompress(stream))
    return data + b"".join(streams)


def pdfinfo_pages(path: Path) -> int:
    """The pages of a PDF, as poppler's pdfinfo counts them."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.M)
    assert match is not None, info
    return int(match.group(1))


def po(root: Path, language: str, domain: str) -> Path:
    return root / "translations" / language / "LC_MESSAGES" / f"{domain}.po"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".diglot.lock"}


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The hostile-input suite's arena.

ARTICLE = "source/articles/every-block.md"
NOTE = "source/foundation/house-note.md"
EB = "translations/zh_Hant/LC_MESSAGES/every-block.po"
SITE = "translations/zh_Hant/LC_MESSAGES/site.po"
SECRET = b"DECOY-SECRET root:x:0:0\n"
# Raw control characters a message must never carry to a terminal (the newline ends each line).
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


@dataclass
class Arena:
    """One case's project (a copy of the pre-built one) and the decoy tree beside it."""

    root: Path
    decoy: Path

    def path(self, name: str) -> Path:
        return self.root / name

    def link(self, name: str, target: Path | str) -> None:
        """Replace ``name`` (file, folder or nothing) with a symbolic link to ``target``."""
        path = self.root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)

    def replace(self, name: str, make: Callable[[Path], object]) -> None:
        """Replace the file ``name`` with what ``make(path)`` puts there (a FIFO, a folder, a hard link)."""
        path = self.root / name
        if os.path.lexists(path):
            path.unlink()
        make(path)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, name: str, text: str) -> int:
        """The 1-based line of the first line of ``name`` that starts with ``text``."""
        lines = (self.root / name).read_text(encoding="utf-8").split("\n")
        return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def make_decoy(decoy: Path, built: Path) -> None:
    """Files next to the project that hostile input points at: none may change."""
    (decoy / "dir").mkdir(parents=True)
    (decoy / "secret.txt").write_bytes(SECRET)
    (decoy / "dir" / "inside.txt").write_bytes(SECRET)
    shutil.copy(built / ARTICLE, decoy / "article.md")
    shutil.copy(built / EB, decoy / "every-block.po")
    shutil.copy(built / "pyproject.toml", decoy / "pyproject.toml")
    shutil.copytree(built / "translations", decoy / "translations")
    shutil.copytree(built / "source/articles", decoy / "articles")


def tree(top: Path, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """Every entry below ``top`` by its kind and content (links by target, not followed)."""
    found: dict[str, object] = {}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        dirs[:] = [d for d in dirs if (here / d).relative_to(top).as_posix() not in skip]
        for name in sorted(dirs + files):
            path = here / name
            key = path.relative_to(top).as_posix()
            if key in skip:
                continue
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[key] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
            else:
                found[key] = (stat.S_IFMT(info.st_mode),)
    return found


def outside_outputs(arena: Arena) -> dict[str, object]:
    return tree(arena.root, skip=("build", "translations", ".diglot.lock"))


@contextlib.contextmanager
def untouched(arena: Arena) -> Iterator[None]:
    """Assert that the block changes nothing outside build/ and translations/, nor in the decoy tree."""
    decoy, project = tree(arena.decoy), outside_outputs(arena)
    yield
    assert tree(arena.decoy) == decoy, "the decoy tree changed"
    assert outside_outputs(arena) == project, "a file outside build/ and translations/ changed"


def run_case(arena: Arena, capsys, command: list[str], status: int, where: str, words: str,
             project: Path | None = None) -> str:
    """Run diglot in-process (on ``project``, by default the arena's); assert the status, the one
    ``where: severity: …words…`` line, no traceback, no raw control character, and that nothing changed
    outside build/ and translations/ or in the decoy."""
    with untouched(arena):
        capsys.readouterr()
        got = main(["--project", str(project or arena.root), *command])
        out, err = capsys.readouterr()
        assert_outcome(got, out, err, status, where, words)
    return out + err


def assert_outcome(got: int, out: str, err: str, status: int, where: str, words: str) -> None:
    text = out + err
    assert got == status, text
    assert "Traceback" not in text, text
    assert not _RAW_CONTROL.search(text), repr(text)
    if not where:  # nothing the user did is wrong: no complaint at all
        assert "error:" not in text and words in text, text
        return
    severity = "error" if status else "(?:error|warning)"
    pattern = re.compile(rf"^{re.escape(where)}: {severity}: .*", re.M)
    lines = [match.group(0) for match in pattern.finditer(text)]
    assert lines, f"no line starting {where!r}: {text}"
    assert any(words in line for line in lines), (words, lines)
    if status == 2:
        assert err.count("\n") == 1 and err.startswith(f"{where}: error: ") and "; " in err, err


def msgfmt_line(path: Path, *options: str) -> int:
    """The line GNU msgfmt (with ``options``) names first in its complaint about ``path``: the oracle of a
    syntax error."""
    result = subprocess.run(["msgfmt", *options, "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode != 0, "msgfmt accepts the file"
    match = re.search(rf"^{re.escape(str(path))}:(\d+):", result.stderr, re.M)
    assert match, result.stderr
    return int(match.group(1))




@dataclasses.dataclass
class PdfLine:
    """One line of a PDF page as pdfplumber reads it: its characters (no white space), left to right."""

    page: int
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(char["text"] for char in self.chars)

    @property
    def size(self) -> float:
        return max((char["size"] for char in self.chars), key=[c["size"] for c in self.chars].count)


def pdf_lines(path: Path) -> list[PdfLine]:
    """Every line of a PDF, page by page and top to bottom: characters grouped by their baseline."""
    import pdfplumber

    lines = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            baselines: dict[float, list[dict]] = {}
            for char in page.chars:
                if not char["text"].isspace():
                    baselines.setdefault(round(char["matrix"][5], 1), []).append(char)
            lines += [PdfLine(number, sorted(chars, key=lambda c: c["x0"]))
                      for _, chars in sorted(baselines.items(), reverse=True)]
    return lines


class _BodyBlocks(HTMLParser):
    """The text of each paragraph and list item of an edition's body, and whether it is quoted."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside div.body when > 0
        self.quoted = 0
        self.blocks: list[tuple[str, bool]] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "div"
            self.quoted += tag == "blockquote"
            if tag in ("p", "li"):
                self._close()
                self.current = []
        elif tag == "div" and ("class", "body") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= tag == "div"
            self.quoted -= tag == "blockquote"
            if tag in ("p", "li"):
                self._close()

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)

    def _close(self) -> None:
        if self.current is not None and "".join(self.current).strip():
            self.blocks.append(("".join("".join(self.current).split()), bool(self.quoted)))
        self.current = None


def body_lines(pdf: Path, html: Path) -> list[tuple[PdfLine, bool, bool]]:
    """The PDF's lines of body text (paragraphs and list items of the print HTML ``html``), each with
    whether it is its paragraph's last line and whether the paragraph is a quotation."""
    parser = _BodyBlocks()
    parser.feed(html.read_text(encoding="utf-8"))
    blocks, found, index, done = parser.blocks, [], 0, ""
    for line in pdf_lines(pdf):
        if index == len(blocks):
            break
        text, rest = line.text, blocks[index][0][len(done):]
        if not done and not rest.startswith(text):
            text = re.sub(r"^\d+\.", "", text)  # a list item's number
        if not text or not rest.startswith(text):
            continue  # a heading, a running head, a page number
        done += text
        final = done == blocks[index][0]
        found.append((line, final, blocks[index][1]))
        if final:
            index, done = index + 1, ""
    missing = blocks[index][0][:40] if index < len(blocks) else ""
    assert not missing, f"body text not found in the PDF from: {missing}"
    return found


_TYPESET_SPAN = re.compile(r'<span (?:class="(?:latin[a-z -]*|halt|nobr)"(?: lang="en")?|lang="en")>'
                           r'((?:(?!<span\b)[\s\S])*?)</span>')


def without_latin_marks(html: str) -> str:
    """A page without the spans that typesetting puts in Chinese text (``diglot.editions.typography``):
    around Latin runs, compressed punctuation, a paragraph's last characters."""
    while True:
        stripped = _TYPESET_SPAN.sub(r"\1", html)
        if stripped == html:
            return html
        html = stripped


class _Quiet(SimpleHTTPRequestHandler):
    """Serves a folder under a URL prefix (``/`` or a sub-path), as a web server deploying it there would."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")  # outside the deployment: 404
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 under ``prefix``; yield the URL of its top."""
    handler = type("Handler", (_Quiet,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class PageParts(HTMLParser):
    """A page's links (href, src and srcset targets), visible text and scripts."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.links += [value for name, value in attrs if name in ("href", "src") and value]
        if attributes.get("srcset"):
            self.links += [item.split()[0] for item in attributes["srcset"].split(",")]
        if tag in ("script", "style", "title"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        elif not self._in:
            self.text.append(data)
