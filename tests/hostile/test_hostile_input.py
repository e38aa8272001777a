"""Hostile input, the sources and settings: malformed, oversized, deeply nested or booby-trapped files, a
project that is not one, a full disk and a read-only folder. Each is one ``path:line: error`` line and
exit 2, with no traceback, no raw control character echoed, and nothing outside build/ and translations/
(nor in the decoy tree beside the project) changed (``helpers.run_case``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from diglot.cli import main
from helpers import ARTICLE, EB, Arena, assert_outcome, run_case, tree, untouched

pytestmark = pytest.mark.slow  # the hostile arena: many builds of the sample's copies, deep markup

CONFIG = "pyproject.toml"


def _front(arena: Arena, old: str, new: str):
    return lambda: arena.edit(ARTICLE, old, new)


def _body(arena: Arena, text: str):
    return lambda: arena.path(ARTICLE).write_text(arena.path(ARTICLE).read_text(encoding="utf-8") + text,
                                                  encoding="utf-8")


BODY_END = 58  # the line where text appended to the article (after an empty line) starts


SOURCES = {
    # name: (change, where as a function of the arena, words)
    "duplicate-key": (lambda a: _front(a, "series: Sample Papers", "series: Sample Papers\ntitle: Again"),
                      lambda a: f"{ARTICLE}:9", "'title' is already set on line 2"),
    "duplicate-nested-key": (lambda a: _front(a, "  bio: Fellow", "  name: Bob\n  bio: Fellow"),
                             lambda a: f"{ARTICLE}:6", "'name' is already set on line 5"),
    "byte-order-mark": (lambda a: lambda: a.path(ARTICLE).write_bytes(b"\xef\xbb\xbf" + a.path(ARTICLE).read_bytes()),
                        lambda a: f"{ARTICLE}:1", "byte-order mark"),
    "yaml-alias": (lambda a: _front(a, "series: Sample Papers", "series: &s Sample Papers\nsubtitle2: *s"),
                   lambda a: f"{ARTICLE}:8", "anchors and aliases"),
    "yaml-bomb": (lambda a: _front(a, "tags: [testing, segmentation]",
                                   "tags: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                                   "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]"),
                  lambda a: f"{ARTICLE}:15", "anchors and aliases"),
    "python-tag": (lambda a: _front(a, "series: Sample Papers", "series: !!python/object/apply:os.system [id]"),
                   lambda a: f"{ARTICLE}:8", "invalid YAML front matter"),
    "deep-yaml": (lambda a: _front(a, "tags: [testing, segmentation]", "tags: " + "[" * 5000 + "]" * 5000),
                  lambda a: f"{ARTICLE}:15", "nested more than 24 deep"),
    "deep-list": (lambda a: _body(a, "\n" + "".join("    " * n + "- item\n" for n in range(1000))),
                  lambda a: f"{ARTICLE}:{BODY_END + 24}", "nested 25 deep"),
    "deep-list-on-one-line": (lambda a: _body(a, "\n" + "- " * 354 + "item\n"),
                              lambda a: f"{ARTICLE}:{BODY_END}", "nested 354 deep"),
    "deep-ordered-list-on-one-line": (lambda a: _body(a, "\n" + "1. " * 100 + "item\n"),
                                      lambda a: f"{ARTICLE}:{BODY_END}", "nested 100 deep"),
    "deep-quoted-lists-on-one-line": (lambda a: _body(a, "\n" + "- > " * 60 + "item\n"),
                                      lambda a: f"{ARTICLE}:{BODY_END}", "nested 120 deep"),
    "deep-list-in-a-quote": (lambda a: _body(a, "\n" + "> " + "* " * 30 + "item\n"),
                             lambda a: f"{ARTICLE}:{BODY_END}", "nested 31 deep"),
    "deep-blockquote": (lambda a: _body(a, "\n" + ">" * 10000 + " quoted\n"), lambda a: f"{ARTICLE}:{BODY_END}",
                        "nested 10000 deep"),
    "deep-spaced-blockquote": (lambda a: _body(a, "\n" + "> " * 100 + "quoted\n"),
                               lambda a: f"{ARTICLE}:{BODY_END}", "nested 100 deep"),
    "deep-brackets": (lambda a: _body(a, "\n" + "[" * 3000 + "x" + "](y)" * 3000 + "\n"),
                      lambda a: f"{ARTICLE}:{BODY_END}", "brackets [ ] nested 3000 deep"),
    "deep-brackets-over-lines": (lambda a: _body(a, "\n" + "[\n" * 500 + "x" + "](y)\n" * 500),
                                 lambda a: f"{ARTICLE}:{BODY_END}", "brackets [ ] nested 500 deep"),
    "huge-article": (lambda a: _body(a, "\n" + "word " * 500_000), lambda a: ARTICLE, "larger than the limit"),
    "article-is-a-fifo": (lambda a: lambda: os.mkfifo(a.path("source/articles/pipe.md")),
                          lambda a: "source/articles/pipe.md", "not a regular file"),
    "article-is-a-folder": (lambda a: lambda: a.path("source/articles/folder.md").mkdir(),
                            lambda a: "source/articles/folder.md", "is a folder"),
    "control-characters-in-a-key": (lambda a: _front(a, "series: Sample Papers", 'series: Sample Papers\n"\\e[2J": x'),
                                    lambda a: f"{ARTICLE}:9", "unknown front-matter key \\x1b[2J"),
    "escape-in-a-file-name": (lambda a: lambda: shutil.copy(a.path(ARTICLE), a.path("source/articles/ev\x1b[31mil.md")),
                              lambda a: "source/articles/ev\\x1b[31mil.md", "cannot name a document"),
    "newline-in-a-file-name": (lambda a: lambda: shutil.copy(a.path(ARTICLE), a.path("source/articles/a\nb.md")),
                               lambda a: "source/articles/a\\nb.md", "cannot name a document"),
    "not-utf8-article": (lambda a: lambda: a.path(ARTICLE).write_bytes(a.path(ARTICLE).read_bytes() + b"\n\xff\n"),
                         lambda a: f"{ARTICLE}:{BODY_END}", "not UTF-8"),
    "image-is-a-fifo": (lambda a: lambda: (a.path("source/images/pixel.png").unlink(),
                                           os.mkfifo(a.path("source/images/pixel.png"))),
                        lambda a: f"{ARTICLE}:12", "is not a regular file"),
}
# Nesting the block limit does not see: Python-Markdown must read it, or refuse it in one line.
DEEP_INLINE = {
    "deep-emphasis": lambda a: _body(a, "\n" + "*a " * 3000 + "b" + "*" * 3000 + "\n"),
    "deep-html": lambda a: _body(a, "\n" + "<div>" * 3000 + "x" + "</div>" * 3000 + "\n"),
}


@pytest.mark.parametrize("command", ["update", "build"])
@pytest.mark.parametrize("case", SOURCES)
def test_a_hostile_source_is_one_error_line(arena, capsys, case, command):
    change, where, words = SOURCES[case]
    change(arena)()
    args = ["build", "--format", "html"] if command == "build" else [command]
    run_case(arena, capsys, args, 2, where(arena), words)


@pytest.mark.parametrize("case", DEEP_INLINE)
def test_deep_inline_markup_is_read_or_refused_cleanly(arena, capsys, case):
    """Read (the web page made), or refused in one line naming the article or the PDF: never a crash."""
    DEEP_INLINE[case](arena)()
    pdfs = [f"build/print/{tag}/every-block.pdf" for tag in ("en.zh-Hant", "en", "zh-Hant")]
    for command, outputs in ((["build", "--format", "html"], []), (["build", "--format", "pdf", "--jobs", "1"], pdfs)):
        with untouched(arena):
            capsys.readouterr()
            status = main(["--project", str(arena.root), *command])
            out, err = capsys.readouterr()
        if status == 0:
            assert_outcome(status, out, err, 0, "", "rebuilt")
        else:
            named = next((output for output in outputs if err.startswith(output)), ARTICLE)
            assert_outcome(status, out, err, 2, named, "nested too deeply")


SETTINGS = {
    "javascript-base-url": ('base-url = "https://example.org/papers"', 'base-url = "javascript:alert(1)"',
                            "pyproject.toml:4", "is not a web address"),
    "data-base-url": ('base-url = "https://example.org/papers"', 'base-url = "data:text/html,x"',
                      "pyproject.toml:4", "is not a web address"),
    "schemeless-base-url": ('base-url = "https://example.org/papers"', 'base-url = "//evil.example/"',
                            "pyproject.toml:4", "is not a web address"),
    "file-base-url": ('base-url = "https://example.org/papers"', 'base-url = "file:///etc/"',
                      "pyproject.toml:4", "is not a web address"),
    "control-in-name": ('name = "Sample Foundation"', 'name = "Sample\\u001b[2J Foundation"', "pyproject.toml:2",
                        "control character"),
    "percent-in-name": ('name = "Sample Foundation"', 'name = "100% Foundation"', "pyproject.toml:2", "% sign"),
    "unknown-limit": ('languages = ["en", "zh_Hant"]', 'languages = ["en", "zh_Hant"]\nlimits = { speed = 3 }',
                      "pyproject.toml:6", "unknown limit 'speed'"),
    "negative-limit": ('languages = ["en", "zh_Hant"]', 'languages = ["en", "zh_Hant"]\nlimits = { nesting = -1 }',
                       "pyproject.toml:6", "limit nesting must be a whole number"),
    "limits-not-a-table": ('languages = ["en", "zh_Hant"]', 'languages = ["en", "zh_Hant"]\nlimits = 5',
                           "pyproject.toml:6", "limits must be a table"),
    "escape-in-a-language": ('languages = ["en", "zh_Hant"]', 'languages = ["en", "zh_Hant\\u001b"]',
                             "pyproject.toml:5", "unknown language 'zh_Hant\\x1b'"),
    "bad-toml": ('name = "Sample Foundation"', 'name = "Sample Foundation', "pyproject.toml:2", "invalid TOML"),
}


@pytest.mark.parametrize("command", ["status", "build"])
@pytest.mark.parametrize("case", SETTINGS)
def test_a_hostile_setting_is_one_error_line(arena, capsys, case, command):
    old, new, where, words = SETTINGS[case]
    arena.edit(CONFIG, old, new)
    run_case(arena, capsys, [command], 2, where, words)


PROJECTS = {
    "pyproject-is-a-folder": (lambda a: (a.path(CONFIG).unlink(), a.path(CONFIG).mkdir()), "pyproject.toml",
                              "is a folder"),
    "pyproject-with-bom": (lambda a: a.path(CONFIG).write_bytes(b"\xef\xbb\xbf" + a.path(CONFIG).read_bytes()),
                           "pyproject.toml:1", "byte-order mark"),
    "pyproject-not-utf8": (lambda a: a.path(CONFIG).write_bytes(a.path(CONFIG).read_bytes() + b"# \xff\n"),
                           "pyproject.toml:6", "not UTF-8"),
    "pyproject-is-a-fifo": (lambda a: (a.path(CONFIG).unlink(), os.mkfifo(a.path(CONFIG))), "pyproject.toml",
                            "not a regular file"),
    "no-pyproject": (lambda a: a.path(CONFIG).unlink(), "pyproject.toml", "no pyproject.toml here"),
}


@pytest.mark.parametrize("case", PROJECTS)
def test_a_project_whose_settings_cannot_be_read(arena, capsys, case):
    change, where, words = PROJECTS[case]
    change(arena)
    run_case(arena, capsys, ["build"], 2, where, words)


def test_project_on_a_file(arena, capsys):
    run_case(arena, capsys, ["status"], 2, str(arena.path(ARTICLE)), "is not a folder", project=arena.path(ARTICLE))


def test_project_that_does_not_exist(arena, capsys):
    nowhere = arena.root / "nowhere"
    run_case(arena, capsys, ["update"], 2, str(nowhere), "is not a folder", project=nowhere)


@pytest.mark.parametrize(("limit", "change", "where", "words"), [
    ("file-size = 1", lambda a: _body(a, "\n" + "word " * 250_000)(), ARTICLE, "larger than the limit of 1 MB"),
    ("nesting = 3", lambda a: _body(a, "\n- a\n    - b\n        - c\n            - d\n")(), f"{ARTICLE}:61",
     "nested 4 deep, more than 3"),
    ("picture-size = 1", lambda a: a.path("source/images/big.png").write_bytes(b"\0" * (1024 * 1024 + 1)),
     "source/images/big.png", "larger than the limit of 1 MB"),
])
def test_limits_are_configurable(arena, capsys, limit, change, where, words):
    languages = 'languages = ["en", "zh_Hant"]'
    arena.edit(CONFIG, languages, f"{languages}\n\n[tool.diglot.limits]\n{limit}")
    change(arena)
    run_case(arena, capsys, ["build", "--format", "html"], 2, where, words)


def _confined(arena: Arena, mount: str, command: list[str]) -> subprocess.CompletedProcess:
    """Run diglot in its own user and mount namespaces, where ``mount`` (shell) makes the fault."""
    script = f"cd {arena.root} && {mount} && exec {sys.executable} -m diglot {' '.join(command)}"
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                            capture_output=True, text=True)
    if "unshare failed" in result.stderr or "mount:" in result.stderr:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    return result


def test_a_read_only_translations_folder(arena):
    arena.edit(ARTICLE, "## A Heading", "## A New Heading")
    before = tree(arena.root / "translations")
    with untouched(arena):
        result = _confined(arena, "mount --bind translations translations && mount -o remount,ro,bind translations",
                           ["update"])
    assert_outcome(result.returncode, result.stdout, result.stderr, 2, "translations/templates/every-block.pot",
                   "cannot be written: Read-only file system")
    assert tree(arena.root / "translations") == before


def test_a_full_disk(arena):
    shutil.rmtree(arena.root / "build")
    (arena.root / "build").mkdir()
    with untouched(arena):
        result = _confined(arena, "mount -t tmpfs -o size=16k tmpfs build", ["build", "--format", "html"])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    # Which file fills the disk depends on the order of writes; each says the same.
    where = result.stderr.split(": error: ")[0]
    assert where.startswith("build/web/")
    assert_outcome(result.returncode, result.stdout, result.stderr, 2, where,
                   "cannot be written: No space left on device; free some disk space")


def test_a_translation_with_control_characters_is_refused_and_never_echoed(arena, capsys):
    from helpers import translate_catalog

    translate_catalog(arena.path(EB), lambda m: "\x1b]0;pwned\x07<b>x</b>" if m == "A tight item" else m.upper())
    line = arena.line_of(EB, 'msgid "A tight item"') + 1
    out = run_case(arena, capsys, ["check"], 2, f"{EB}:{line}", "U+001B, a control character")
    assert "\x1b" not in out and "\x07" not in out
