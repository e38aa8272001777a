"""Hostile input, the boundary: diglot reads only inside the project and writes only inside build/ and
translations/, never through a link, never on a path read back from a file unchecked.

Every case runs on a copy of a pre-built project with a decoy tree beside it, and asserts the exit status,
the one ``path: error`` line, no traceback, and that neither the decoy nor anything outside build/ and
translations/ changed (see ``helpers.run_case``).
"""

from __future__ import annotations

import json
import os

import pytest

from helpers import ARTICLE, EB, NOTE, SECRET, Arena, run_case

HTML = ["build", "--format", "html"]
OUT = "leads outside the project"
LINK = "is a symbolic link"

# (id, what the case does to the project, command, status, where, words)
READS = [
    ("picture-to-decoy", lambda a: a.link("source/images/leak.png", a.decoy / "secret.txt"), HTML, 2,
     "source/images/leak.png", OUT),
    ("picture-to-decoy-pdf", lambda a: a.link("source/images/leak.png", a.decoy / "secret.txt"),
     ["build", "--format", "pdf"], 2, "source/images/leak.png", OUT),
    ("picture-to-environ", lambda a: a.link("source/images/env.png", "/proc/self/environ"), HTML, 2,
     "source/images/env.png", OUT),
    ("picture-to-dev-zero", lambda a: a.link("source/images/zero.png", "/dev/zero"), HTML, 2,
     "source/images/zero.png", OUT),
    ("article-to-decoy", lambda a: a.link("source/articles/stolen.md", a.decoy / "article.md"), ["update"], 2,
     "source/articles/stolen.md", OUT),
    ("articles-folder-to-decoy", lambda a: a.link("source/articles", a.decoy / "articles"), ["update"], 2,
     "source/articles/every-block.md", OUT),
    ("note-to-decoy", lambda a: a.link(NOTE, a.decoy / "article.md"), ["status"], 2, NOTE, OUT),
    ("pyproject-to-decoy", lambda a: a.link("pyproject.toml", a.decoy / "pyproject.toml"), ["status"], 2,
     "pyproject.toml", OUT),
    ("glossary-to-decoy", lambda a: a.link("translations/glossary/zh_Hant.csv", a.decoy / "secret.txt"),
     ["check"], 2, "translations/glossary/zh_Hant.csv", OUT),
    ("image-src-through-link", lambda a: (a.link("source/images/out.png", a.decoy / "secret.txt"),
                                          a.edit(ARTICLE, "../images/pixel.png", "../images/out.png")),
     ["update"], 2, f"{ARTICLE}:12", "outside source/images"),
    ("image-src-absolute", lambda a: a.edit(ARTICLE, "src: ../images/pixel.png", "src: /etc/passwd"),
     ["update"], 2, f"{ARTICLE}:12", "outside source/images"),
] + [
    (f"catalog-to-decoy-{' '.join(command)}", lambda a: a.link(EB, a.decoy / "every-block.po"), command, 2, EB, OUT)
    for command in (HTML, ["check"], ["status"], ["update"])
] + [
    (f"catalog-folder-to-decoy-{' '.join(command)}",
     lambda a: a.link("translations/zh_Hant", a.decoy / "translations/zh_Hant"), command, 2, EB, OUT)
    for command in (HTML, ["check"], ["update"])
]

WRITES = [
    ("build-is-a-link", lambda a: a.link("build", a.decoy / "dir"), [*HTML, "--force"], 2, "build", LINK),
    ("web-is-a-link", lambda a: a.link("build/web", a.decoy / "dir"), [*HTML, "--force"], 2, "build/web", LINK),
    ("web-language-is-a-link", lambda a: a.link("build/web/en", a.decoy / "dir"), [*HTML, "--force"], 2,
     "build/web/en", LINK),
    ("page-is-a-link", lambda a: a.link("build/web/en/every-block.html", a.decoy / "secret.txt"),
     [*HTML, "--force"], 2, "build/web/en/every-block.html", LINK),
    ("static-is-a-link", lambda a: a.link("build/web/static", a.decoy / "dir"), [*HTML, "--force"], 2,
     "build/web/static", LINK),
    ("web-images-is-a-link", lambda a: a.link("build/web/images", a.decoy / "dir"), [*HTML, "--force"], 2,
     "build/web/images", LINK),
    ("print-is-a-link", lambda a: a.link("build/print", a.decoy / "dir"),
     ["build", "--format", "pdf", "--force", "--jobs", "1"], 2, "build/print", LINK),
    ("manifest-to-decoy", lambda a: a.link("build/.diglot-manifest.json", a.decoy / "secret.txt"), HTML, 2,
     "build/.diglot-manifest.json", OUT),
    ("translations-is-a-link", lambda a: a.link("translations", a.decoy / "translations"), ["update"], 2,
     EB, OUT),
    ("templates-is-a-link", lambda a: a.link("translations/templates", a.decoy / "dir"), ["extract"], 2,
     "translations/templates", LINK),
    ("template-file-is-a-link", lambda a: a.link("translations/templates/every-block.pot", a.decoy / "secret.txt"),
     ["extract"], 2, "translations/templates/every-block.pot", LINK),
    ("tbx-is-a-link", lambda a: (a.path("translations/glossary").mkdir(exist_ok=True),
                                 a.path("translations/glossary/zh_Hant.csv").write_text("source,target\nx,y\n"),
                                 a.link("translations/glossary/zh_Hant.tbx", a.decoy / "secret.txt")),
     ["glossary", "--tbx"], 2, "translations/glossary/zh_Hant.tbx", LINK),
    ("catalog-parent-is-a-file", lambda a: (a.path("translations/en/LC_MESSAGES/house-note.po").unlink(),
                                            a.path("translations/en/LC_MESSAGES").rmdir(),
                                            a.path("translations/en/LC_MESSAGES").write_bytes(SECRET)),
     ["update"], 2, "translations/en/LC_MESSAGES", "in the way"),
    ("catalog-is-a-folder", lambda a: a.replace(EB, os.mkdir), ["update"], 2, EB,
     "is a folder"),
    ("catalog-is-a-fifo", lambda a: a.replace(EB, os.mkfifo), ["check"], 2, EB,
     "not a regular file"),
]


def _manifest(arena: Arena, change) -> None:
    path = arena.path("build/.diglot-manifest.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["outputs"])
    path.write_text(json.dumps(data), encoding="utf-8")


def _gone(key: str, *files: str):
    """A record of an output no source calls for any more, so that the build would delete its files."""
    return lambda outputs: outputs.update({key: {"digest": "x", "files": list(files), "fallbacks": []}})


MANIFEST = "build/.diglot-manifest.json"
READ_BACK = [
    ("manifest-file-up-and-out", lambda a: _manifest(a, _gone("web/en/old.html", "web/en/old.html",
                                                               "../../decoy/secret.txt")), HTML, 2, MANIFEST,
     "outside build/"),
    ("manifest-absolute-file", lambda a: _manifest(a, _gone("web/en/old.html", str(a.decoy / "secret.txt"))),
     HTML, 2, MANIFEST, "outside build/"),
    ("manifest-key-up-and-out", lambda a: _manifest(a, _gone("web/../../../decoy/secret.txt", "web/x.html")),
     HTML, 2, MANIFEST, "outside build/"),
    ("manifest-print-up-and-out", lambda a: _manifest(a, _gone("print/en/old.pdf", "print/../../pyproject.toml")),
     HTML, 2, MANIFEST, "outside build/"),
    ("manifest-source-file", lambda a: _manifest(a, _gone("web/en/old.html", "source/articles/every-block.md")),
     HTML, 2, MANIFEST, "outside build/"),
    ("manifest-nul-in-name", lambda a: _manifest(a, _gone("web/en/old.html", "web/en/\x00x")),
     HTML, 2, MANIFEST, "outside build/"),
    # A manifest that cannot be read only costs a full rebuild.
    ("manifest-not-json", lambda a: a.path(MANIFEST).write_text("{not json"), HTML, 0, "", " 0 up to date"),
    ("manifest-wrong-shape", lambda a: a.path(MANIFEST).write_text('{"format": 2, "outputs": {"a": 5}}'),
     HTML, 0, "", " 0 up to date"),
    ("lock-is-a-link", lambda a: a.link(".diglot.lock", a.decoy / "secret.txt"), ["update"], 2, ".diglot.lock",
     LINK),
    ("lock-is-a-fifo", lambda a: a.replace(".diglot.lock", os.mkfifo), ["update"], 2, ".diglot.lock",
     "not a plain file"),
    ("lock-is-a-folder", lambda a: a.replace(".diglot.lock", os.mkdir), ["update"], 2, ".diglot.lock",
     "cannot be opened"),
    ("lock-is-a-hard-link", lambda a: a.replace(".diglot.lock", lambda p: os.link(a.decoy / "secret.txt", p)),
     ["update"], 2, ".diglot.lock", "hard link"),
]


@pytest.mark.parametrize(("mutate", "command", "status", "where", "words"),
                         [case[1:] for case in READS + WRITES + READ_BACK],
                         ids=[case[0] for case in READS + WRITES + READ_BACK])
def test_the_boundary_holds(arena, capsys, mutate, command, status, where, words):
    mutate(arena)
    run_case(arena, capsys, command, status, where, words)


def test_a_picture_read_through_a_link_never_reaches_the_build(arena, capsys):
    arena.link("source/images/leak.png", arena.decoy / "secret.txt")
    run_case(arena, capsys, ["build", "--force"], 2, "source/images/leak.png", OUT)
    assert not any(SECRET in path.read_bytes() for path in arena.path("build").rglob("*") if path.is_file())


TMX = [
    ("export-out-of-the-project", lambda a: ["tmx", "export", "--output", str(a.decoy / "memory.tmx")],
     lambda a: str(a.decoy / "memory.tmx"), "writes only inside build/ and translations/"),
    ("export-up-and-out", lambda a: ["tmx", "export", "--output", "build/../../decoy/memory.tmx"],
     lambda a: str(a.decoy / "memory.tmx"), "writes only inside build/ and translations/"),
    ("export-through-a-link", lambda a: (a.link("build/memory.tmx", a.decoy / "secret.txt"),
                                         ["tmx", "export"])[1], lambda a: "build/memory.tmx", LINK),
    ("import-a-fifo", lambda a: (os.mkfifo(a.decoy / "pipe.tmx"), ["tmx", "import", str(a.decoy / "pipe.tmx")])[1],
     lambda a: str(a.decoy / "pipe.tmx"), "not a regular file"),
    ("import-dev-zero", lambda a: ["tmx", "import", "/dev/zero"], lambda a: "/dev/zero", "not a regular file"),
    ("import-a-folder", lambda a: ["tmx", "import", str(a.decoy / "dir")], lambda a: str(a.decoy / "dir"),
     "is a folder"),
    ("import-nothing", lambda a: ["tmx", "import", str(a.decoy / "none.tmx")], lambda a: str(a.decoy / "none.tmx"),
     "does not exist"),
]


@pytest.mark.parametrize(("command", "where", "words"), [case[1:] for case in TMX], ids=[case[0] for case in TMX])
def test_the_translation_memory_keeps_to_the_boundary(arena, capsys, command, where, words):
    run_case(arena, capsys, command(arena), 2, where(arena), words)
