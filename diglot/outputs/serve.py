"""``diglot serve``: the web edition previewed on localhost, rebuilt when a source changes, reloaded live.

A thread watches the sources, catalogs, settings and diglot's templates; when one changes it runs the
incremental build (taking the project's lock for the build only, so ``diglot update`` can run meanwhile)
and counts a new *generation*. Every HTML response the server sends carries a small script that asks for
the generation each second and reloads the page when it moves. The script is added to the responses only.

The preview is built in a folder of its own, ``build/preview``, so that previewing never changes what
``diglot build`` made: ``build/web`` stays deployable, with its PDFs and the links to them.
"""

from __future__ import annotations

import dataclasses
import os
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
                stat = path.stat()
            except OSError:
                continue
            snapshot[str(path)] = (stat.st_mtime_ns, stat.st_size)
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
        else:
            super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # the CLI reports builds, not every request
        pass


def _with_reload(html: bytes) -> bytes:
    head, found, tail = html.rpartition(b"</body>")
    return head + RELOAD + found + tail if found else html + RELOAD
