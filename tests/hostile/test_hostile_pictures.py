"""Hostile input, the pictures: every file of source/images is published as it is, so each is checked, in
``check`` and in the build, whether an article shows it or not. An SVG (scripts, event handlers, outside
references), a decompression bomb, a hard link to a file outside the project, a file that is not the
picture its name says, a damaged one, a folder of pictures that leads out of the project: each is one
``path:line: error`` line (the line that shows the picture, or the picture's own path) and exit 2, with
nothing of it in build/ (``helpers.run_case`` also checks that nothing outside build/ and translations/
nor in the decoy tree changed)."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from helpers import ARTICLE, SECRET, Arena, run_case

pytestmark = pytest.mark.slow  # the hostile arena: decompression bombs, each command run on every case

LEAD, BODY = 12, 54  # the lines of the sample article's lead picture (image.src) and body picture
IMAGES = "source/images"
SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
       b' onload="alert(1)"><script>alert(document.cookie)</script>'
       b'<image xlink:href="https://evil.example/track.png"/></svg>\n')
HTML = ["build", "--format", "html"]
COMMANDS = [["check"], HTML]


def _png(width: int, height: int, mode: str = "1") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _picture(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, format=kind)
    return out.getvalue()


def _put(arena: Arena, name: str, data: bytes) -> None:
    arena.path(f"{IMAGES}/{name}").write_bytes(data)


def _show(arena: Arena, name: str, where: str = "body") -> None:
    """Make the article show ``name``: as its body picture, or as its lead picture."""
    if where == "lead":
        arena.edit(ARTICLE, "src: ../images/pixel.png", f"src: ../images/{name}")
    else:
        arena.edit(ARTICLE, "](../images/pixel.png)", f"](../images/{name})")


def _hostile(arena: Arena, name: str, data: bytes, where: str | None):
    _put(arena, name, data)
    if where is not None:
        _show(arena, name, where)


def _bomb() -> bytes:
    """20,000 × 20,000 pixels in a few hundred KB: gigabytes once decoded."""
    data = _png(20_000, 20_000)
    assert len(data) < 1_000_000
    return data


# (id, what to put where, the picture's name, where the error is, words)
CASES = [
    ("svg-body", lambda a: _hostile(a, "evil.svg", SVG, "body"), "evil.svg", f"{ARTICLE}:{BODY}", "SVG"),
    ("svg-lead", lambda a: _hostile(a, "evil.svg", SVG, "lead"), "evil.svg", f"{ARTICLE}:{LEAD}", "SVG"),
    ("svg-shown-by-no-article", lambda a: _hostile(a, "evil.svg", SVG, None), "evil.svg", f"{IMAGES}/evil.svg",
     "SVG"),
    ("svg-named-png", lambda a: _hostile(a, "evil.png", SVG, "body"), "evil.png", f"{ARTICLE}:{BODY}", "SVG"),
    ("svg-without-declaration", lambda a: _hostile(a, "evil.gif", b"  <svg onload='x()'/>", None), "evil.gif",
     f"{IMAGES}/evil.gif", "SVG"),
    ("svgz-named-png", lambda a: _hostile(a, "evil.png", gzip.compress(SVG), "body"), "evil.png",
     f"{ARTICLE}:{BODY}", "SVG"),
    ("svg-in-raw-html", lambda a: (_put(a, "evil.svg", SVG), a.edit(
        ARTICLE, "![An inline image](../images/pixel.png)", '<p><img src="../images/evil.svg" alt="x"></p>')),
     "evil.svg", f"{ARTICLE}:{BODY}", "SVG"),
    ("svg-by-reference", lambda a: (_put(a, "evil.svg", SVG), a.edit(
        ARTICLE, "![An inline image](../images/pixel.png)", "![An inline image][pic]\n\n[pic]: ../images/evil.svg")),
     "evil.svg", f"{ARTICLE}:{BODY + 2}", "SVG"),
    ("html-named-png", lambda a: _hostile(a, "page.png", b"<html><script>alert(1)</script></html>", "body"),
     "page.png", f"{ARTICLE}:{BODY}", "not a picture diglot publishes"),
    ("text-named-jpg", lambda a: _hostile(a, "notes.jpg", b"just some text\n", None), "notes.jpg",
     f"{IMAGES}/notes.jpg", "not a picture diglot publishes"),
    ("png-named-jpg", lambda a: _hostile(a, "photo.jpg", _picture("PNG"), "body"), "photo.jpg",
     f"{ARTICLE}:{BODY}", "is a PNG picture, but its name says .jpg"),
    ("jpeg-named-png", lambda a: _hostile(a, "photo.png", _picture("JPEG"), "lead"), "photo.png",
     f"{ARTICLE}:{LEAD}", "is a JPEG picture, but its name says .png"),
    ("tiff-named-tif", lambda a: _hostile(a, "scan.tif", _picture("TIFF"), None), "scan.tif", f"{IMAGES}/scan.tif",
     "not a picture diglot publishes"),
    ("png-cut-short", lambda a: _hostile(a, "cut.png", _picture("PNG", (300, 300))[:3000], "body"), "cut.png",
     f"{ARTICLE}:{BODY}", "damaged"),
    ("bomb-lead", lambda a: _hostile(a, "bomb.png", _bomb(), "lead"), "bomb.png", f"{ARTICLE}:{LEAD}",
     "million pixels"),
    ("bomb-body", lambda a: _hostile(a, "bomb.png", _bomb(), "body"), "bomb.png", f"{ARTICLE}:{BODY}",
     "million pixels"),
    ("bomb-shown-by-no-article", lambda a: _hostile(a, "bomb.png", _bomb(), None), "bomb.png",
     f"{IMAGES}/bomb.png", "million pixels"),
    ("over-the-pixel-limit", lambda a: _hostile(a, "big.png", _png(8_000, 7_000), "body"), "big.png",
     f"{ARTICLE}:{BODY}", "8,000 × 7,000 pixels, more than the limit of 50 million"),
    ("hard-link-out", lambda a: _hard_link(a, None), "linked.png", f"{IMAGES}/linked.png", "hard link"),
    ("hard-link-out-shown", lambda a: _hard_link(a, "body"), "linked.png", f"{ARTICLE}:{BODY}", "hard link"),
    ("hard-link-out-as-lead", lambda a: _hard_link(a, "lead"), "linked.png", f"{ARTICLE}:{LEAD}", "hard link"),
    ("hard-link-to-a-secret", lambda a: os.link(a.decoy / "secret.txt", a.path(f"{IMAGES}/secret.png")),
     "secret.png", f"{IMAGES}/secret.png", "hard link"),
    ("symbolic-link-out-shown", lambda a: (_decoy_picture(a), a.link(f"{IMAGES}/linked.png", a.decoy / "photo.png"),
                                           _show(a, "linked.png")), "linked.png", f"{ARTICLE}:{BODY}",
     "leads outside the project"),
]


def _decoy_picture(arena: Arena) -> None:
    (arena.decoy / "photo.png").write_bytes(_picture("PNG"))


def _hard_link(arena: Arena, where: str | None) -> None:
    """A picture outside the project given a second name in source/images."""
    _decoy_picture(arena)
    os.link(arena.decoy / "photo.png", arena.path(f"{IMAGES}/linked.png"))
    if where is not None:
        _show(arena, "linked.png", where)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("make", "name", "where", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_hostile_picture_is_refused_in_one_line(arena, capsys, command, make, name, where, words):
    make(arena)
    run_case(arena, capsys, command, 2, where, words)
    _nothing_of_it_in_build(arena, name)


@pytest.mark.parametrize("case", ["svg-body", "bomb-lead", "hard-link-out"])
def test_the_print_edition_refuses_it_too(arena, capsys, case):
    _, make, name, where, words = next(c for c in CASES if c[0] == case)
    make(arena)
    run_case(arena, capsys, ["build", "--format", "pdf", "--jobs", "1", "--force"], 2, where, words)
    _nothing_of_it_in_build(arena, name)


def _nothing_of_it_in_build(arena: Arena, name: str) -> None:
    for path in arena.path("build").rglob("*"):
        assert path.name != name, path
        if path.is_file():
            data = path.read_bytes()
            assert b"alert(" not in data and SECRET not in data, path


@pytest.mark.parametrize("command", [["check"], ["update"], ["status"], HTML])
def test_a_pictures_folder_that_leads_out_is_one_error_line(arena, capsys, command):
    outside = arena.decoy / "images"
    outside.mkdir()
    (outside / "pixel.png").write_bytes(arena.path(f"{IMAGES}/pixel.png").read_bytes())
    arena.link(IMAGES, outside)
    run_case(arena, capsys, command, 2, f"{ARTICLE}:{LEAD}", "leads outside the project")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_pictures_folder_that_leads_out_is_refused_when_no_article_shows_a_picture(arena, capsys, command):
    outside = arena.decoy / "images"
    outside.mkdir()
    (outside / "pixel.png").write_bytes(SVG)
    arena.link(IMAGES, outside)
    arena.edit(ARTICLE, "image:\n  src: ../images/pixel.png\n  alt: A single pixel\n", "")
    arena.edit(ARTICLE, '  credit: "Picture source: the fixture."\n', "")
    arena.edit(ARTICLE, "![An inline image](../images/pixel.png)", "No picture here.")
    run_case(arena, capsys, command, 2, IMAGES, "leads outside the project")
    _nothing_of_it_in_build(arena, "pixel.svg")


def test_the_pixel_limit_is_a_setting(arena, capsys):
    _hostile(arena, "wide.png", _png(1_500, 1_000), "body")
    arena.edit("pyproject.toml", "[tool.diglot]", "[tool.diglot.limits]\npicture-megapixels = 1\n\n[tool.diglot]")
    run_case(arena, capsys, ["check"], 2, f"{ARTICLE}:{BODY}", "1,500 × 1,000 pixels, more than the limit of 1 million")


def test_pictures_of_every_kind_published_are_published(arena, capsys):
    """PNG, JPEG (either extension, any case), GIF and WebP pass, lead and body alike, and are copied."""
    names = {"photo.jpg": "JPEG", "photo2.JPEG": "JPEG", "moving.gif": "GIF", "small.webp": "WEBP",
             "lead.png": "PNG"}
    for name, kind in names.items():
        _put(arena, name, _picture(kind, (1_000, 600) if name == "lead.png" else (40, 30)))
    _show(arena, "lead.png", "lead")
    arena.edit(ARTICLE, "![An inline image](../images/pixel.png)",
               " ".join(f"![{name}](../images/{name})" for name in names if name != "lead.png"))
    run_case(arena, capsys, ["check"], 0, "", "0 error(s)")
    run_case(arena, capsys, HTML, 0, "", "rebuilt")
    for name in names:
        assert arena.path(f"build/web/images/{name}").read_bytes() == arena.path(f"{IMAGES}/{name}").read_bytes()
    assert Path(arena.path("build/web/images/lead-480w.png")).is_file()  # the narrower copy of the lead picture
