"""Helpers shared by the tests: pseudo-translations, catalog editing, project snapshots, PDF bytes."""

from __future__ import annotations

import contextlib
import io
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


class Run:
    """The result of one CLI call."""

    def __init__(self, status: int, out: str, err: str):
        self.status, self.out, self.err = status, out, err


_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|%(?:\(\w+\))?[sd]|\[\^\w+\]|\*\*|\*)")


def pseudo(msgid: str) -> str:
    """The uppercase pseudo-translation: text in capitals, Markdown syntax, code and targets as they are."""
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


def without_latin_marks(html: str) -> str:
    """A page without the ``<span lang="en">`` that Chinese editions put around Latin runs."""
    return re.sub(r'<span lang="en">(.*?)</span>', r"\1", html)


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
