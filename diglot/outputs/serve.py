"""``diglot serve``: the web edition previewed on localhost, rebuilt when a source changes, reloaded live.

A thread watches the sources, catalogs, settings and diglot's templates; when one changes it runs the
incremental build (taking the project's lock for the build only, so ``diglot update`` can run meanwhile)
and counts a new *generation*. Every HTML response the server sends carries a small script that asks for
the generation each second and reloads the page when it moves. The script is added to the responses only.

The preview is built in a folder of its own, ``build/preview``, so that previewing never changes what
``diglot build`` made: ``build/web`` stays deployable, with its PDFs and the links to them.

Other files go out as a production server sends them (``docs/web-hosting.md``): the build's precompressed
copy (``.br``, ``.gz``) that the reader's ``Accept-Encoding`` takes, and ``Cache-Control`` keeping a file
named by its content (``diglot.3f2a1c4d.css``) for a year.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from diglot import layout
from diglot.config import Config
from diglot.errors import DiglotError
from diglot.files.lock import project_lock
from diglot.outputs import precompress
from diglot.outputs.build import BuildReport, build

GENERATION = "/__diglot__/generation"
RELOAD = (b'<script>/* diglot serve: reload when the site is rebuilt */(function(){var seen=null;'
          b'setInterval(function(){fetch("' + GENERATION.encode() + b'",{cache:"no-store"}).then(function(r)'
          b'{return r.text()}).then(function(g){if(seen===null)seen=g;else if(g!==seen)location.reload()})'
          b'.catch(function(){})},1000)})();</script>')
POLL_SECONDS = 0.5
PREVIEW = "build/preview"  # below the project: the preview's own build folder

# Called after each build: its report, or the error that stopped it.
OnBuild = Callable[[BuildReport | None, DiglotError | None], None]


class Preview:
    """The preview of one project: a local HTTP server over ``build/preview/web`` and a watcher rebuilding it."""

    def __init__(self, config: Config, port: int, formats: tuple[str, ...], on_build: OnBuild):
        self.config = dataclasses.replace(config, build_folder=PREVIEW)
        config = self.config
        self.formats = formats
        self.on_build = on_build
        self.generation = 0
        self._stop = threading.Event()
        handler = partial(_Handler, self, directory=str(config.build_dir / layout.WEB))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._watcher = threading.Thread(target=self._watch, name="diglot-watch", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def start(self) -> None:
        """Build once, then watch in the background; call :meth:`serve_forever` (or serve from a thread)."""
        self.rebuild()
        self._watcher.start()

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        if self._watcher.is_alive():
            self._watcher.join()

    def rebuild(self) -> None:
        """Bring the site up to date (only what changed) and start a new generation."""
        try:
            with project_lock(self.config.root):
                report = build(self.config, self.formats)
        except DiglotError as error:
            self.on_build(None, error)
            return
        self.generation += 1
        self.on_build(report, None)

    def _watch(self) -> None:
        seen = self._snapshot()
        while not self._stop.wait(POLL_SECONDS):
            current = self._snapshot()
            if current != seen:
                seen = current
                self.rebuild()

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        """Every watched file by modification time and size."""
        roots = [self.config.source_dir, self.config.translations_dir, layout.TEMPLATES, layout.STATIC]
        files = [self.config.root / "pyproject.toml"]
        for root in roots:
            for folder, _, names in os.walk(root):
                files += [Path(folder) / name for name in names]
        snapshot = {}
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue
            snapshot[str(path)] = (info.st_mtime_ns, info.st_size)
        return snapshot


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``build/preview/web``; adds the reload script to HTML, answers the generation, logs nothing."""

    def __init__(self, preview: Preview, *args: Any, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path == GENERATION:
            self._send(200, "text/plain", str(self.preview.generation).encode())
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # redirects to the folder's URL, where the index's relative links work
                return
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(200, "text/html; charset=utf-8", _with_reload(path.read_bytes()))
        elif not path.exists() and (self.preview.config.build_dir / layout.web(layout.NOT_FOUND)).is_file():
            self._send(404, "text/html; charset=utf-8", _with_reload(
                (self.preview.config.build_dir / layout.web(layout.NOT_FOUND)).read_bytes()))
        elif path.is_file() and path.suffix not in (".br", ".gz"):
            self._send_file(path)
        else:
            super().do_GET()

    def translate_path(self, path: str) -> str:
        """The file a request names, or one that is not there when that file is not plainly served: a
        symbolic link anywhere on its way (planted in the preview's web folder, or that folder itself), or a name the
        system cannot even look up (too long, a NUL). A preview serves what a deployment would, no more."""
        translated = super().translate_path(path)
        web = self.preview.config.build_dir / layout.WEB
        return translated if _plain(web, Path(translated)) else str(web / "__diglot__" / "not-served")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        """A page with the reload script: compressed here (its precompressed copy lacks the script)."""
        encoding = accepted_encoding(self.headers.get("Accept-Encoding", ""), ("br", "gzip"))
        if encoding:
            body = precompress.compress(body, encoding, fast=True)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send_file(self, path: Path) -> None:
        """A file as a server in production would send it: its precompressed copy where the reader accepts
        one, and cached for a year if its name carries its digest."""
        copies = {encoding: path.with_name(path.name + suffix) for encoding, suffix in precompress.ENCODINGS}
        copies = {encoding: copy for encoding, copy in copies.items() if copy.is_file()}
        encoding = accepted_encoding(self.headers.get("Accept-Encoding", ""), tuple(copies))
        body = (copies[encoding] if encoding else path).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if copies:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", cache_control(path.name))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # the CLI reports builds, not every request
        pass


def _plain(web: Path, path: Path) -> bool:
    """Whether ``path`` lies in ``web`` (build/web) and is reached from the build folder through no
    symbolic link; a part that does not exist ends the walk (the request finds nothing there)."""
    if "\0" in str(path) or not path.is_relative_to(web):
        return False
    current = web.parent
    for part in (web.name, *path.relative_to(web).parts):
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except FileNotFoundError:
            return True
        except OSError:  # a name too long, a loop: nothing a preview serves
            return False
    return True


# A file name carrying 8 characters of its content's digest (diglot.layout.fingerprinted).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.[A-Za-z0-9]+$")
IMMUTABLE = "public, max-age=31536000, immutable"


def cache_control(name: str) -> str:
    """``Cache-Control`` of a file: kept a year, never asked again, when its name changes with its content;
    otherwise asked again each time (and answered from the cache while unchanged)."""
    return IMMUTABLE if FINGERPRINTED.search(name) else "no-cache"


def accepted_encoding(header: str, offered: tuple[str, ...]) -> str | None:
    """The first of ``offered`` that an ``Accept-Encoding`` header accepts (not with ``q=0``), if any."""
    accepted = set()
    for item in header.split(","):
        name, _, parameters = item.strip().partition(";")
        quality = parameters.strip().removeprefix("q=")
        try:
            if not parameters or float(quality) > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return next((encoding for encoding in offered if encoding in accepted or "*" in accepted), None)


def _with_reload(html: bytes) -> bytes:
    head, found, tail = html.rpartition(b"</body>")
    return head + RELOAD + found + tail if found else html + RELOAD
