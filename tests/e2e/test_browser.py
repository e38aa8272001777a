"""The web edition in a real browser and the W3C's checker: valid HTML (the Nu checker), accessible (axe-core in
Debian's chromium, at phone and desktop widths), no sideways scrolling, every link working when the site is
served at ``/`` and under a sub-path, and Chinese readable from the site's own fonts on a machine with none.

The sites are built once per session (``sites`` in conftest); each tool runs once over all their pages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from helpers import PageParts, served

TOOLS = Path(__file__).parents[1] / "browser"
VNU = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
WIDTHS = (375, 1280)
LATIN_ONLY = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")  # Debian's fonts-noto-core
FONT_BUDGET = 600 * 1024  # bytes of font a Chinese page may download

pytestmark = pytest.mark.skipif(
    not (VNU.is_file() and shutil.which("java") and shutil.which("node") and shutil.which("chromium")),
    reason="the browser tools are installed by scripts/test (scripts/setup)")


def _pages(site: Path) -> list[str]:
    web = site / "build/web"
    return sorted(p.relative_to(web).as_posix() for p in web.rglob("*.html"))


def _node(mode: str, request: dict, tmp_path: Path, env: dict[str, str] | None = None) -> dict:
    path = tmp_path / f"{mode}.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    result = subprocess.run(["node", str(TOOLS / "audit.mjs"), mode, str(path)], capture_output=True, text=True,
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nu_checker_finds_no_error(sites):
    folders = [str(site / "build/web") for site in sites.values()]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", *folders],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert sum(len(_pages(site)) for site in sites.values()) == 14  # 7 a site, the parallel edition among them


@pytest.fixture(scope="module")
def audits(sites, tmp_path_factory) -> list[dict]:
    """axe-core, overflow and font downloads for every page of both sites at both widths, served over HTTP."""
    results = []
    for site in sites.values():
        with served(site / "build/web") as top:
            request = {"urls": [top + page for page in _pages(site)], "widths": list(WIDTHS)}
            found = _node("pages", request, tmp_path_factory.mktemp("axe"))["results"]
        for result in found:
            result["site"], result["page"] = site, result["url"][len(top):]
        results += found
    assert len(results) == 14 * len(WIDTHS)
    return results


def test_axe_finds_no_violation_at_either_width(audits):
    failing = [(r["page"], r["width"], v["id"], v["targets"]) for r in audits for v in r["violations"]]
    assert failing == []
    assert all(r["status"] in (200, 304) for r in audits)  # 304: the same page again, from the cache


def test_no_page_scrolls_sideways(audits):
    assert [(r["page"], r["width"], r["overflow"]) for r in audits if r["overflow"] > 0] == []


def test_english_is_justified_only_on_wide_screens(audits):
    aligned = {(r["page"], r["width"]): r["textAlign"] for r in audits if r["textAlign"]}
    for (page, width), align in aligned.items():
        if page.startswith("en/"):
            assert align == ("justify" if width > 600 else "start"), (page, width, align)
    assert aligned[("zh-Hant/no-more-carrots.html", 375)] == "justify"  # Chinese lines fill up evenly


def test_print_leaves_out_the_navigation(audits):
    # The 404 page's stylesheet is at the server's top, where the test does not serve the sample.
    assert [(r["page"], r["printed"]) for r in audits if r["printed"]] == [("404.html", ["a", "footer"])] * 2


def test_chinese_pages_download_at_most_600_kb_of_font(audits):
    chinese = [r for r in audits if r["page"].startswith(("zh-Hant/", "en.zh-Hant/"))]  # the parallel edition too
    assert chinese
    for result in chinese:
        web = result["site"] / "build/web"
        sizes = [(web / urllib.parse.urlsplit(url).path.lstrip("/")).stat().st_size for url in result["fonts"]]
        assert any("/tc-400-" in url for url in result["fonts"]), result["fonts"]  # the site's own face
        assert 0 < sum(sizes) <= FONT_BUDGET, (result["page"], sizes)


def test_english_pages_fetch_no_chinese_text_slice(audits):
    for result in (r for r in audits if r["page"].startswith("en/")):
        assert [url for url in result["fonts"] if re.search(r"/tc-\d+-(?!1\.)", url)] == [], result


def _crawl(top: str, start: str, base_url: str) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Every page and file reachable from ``start`` below ``top``; absolute links on the site's base URL
    (canonical, hreflang) are followed on the served copy. Returns what was visited and the broken links."""
    pending, seen, broken = [start], {start}, []
    while pending:
        url = pending.pop()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append(("?", url, error.code))
            continue
        targets: list[str] = []
        if kind == "text/html":
            targets = PageParts(body.decode("utf-8")).links
        elif kind == "text/css":
            targets = [part.split('"')[1] for part in body.decode("utf-8").split("url(")[1:]]
        for target in targets:
            if target.startswith(base_url):
                target = top + target[len(base_url):]
            absolute = urllib.parse.urljoin(url, target).split("#")[0]
            if absolute.startswith(top):
                if absolute not in seen:
                    seen.add(absolute)
                    pending.append(absolute)
            elif absolute.startswith("http://127.0.0.1"):
                broken.append((url, target, 0))  # on this server but outside the site (other hosts: unchecked)
    return seen, broken


@pytest.mark.parametrize("prefix", ["/", "/a/sub/path/"])
def test_every_link_works_at_the_top_and_under_a_sub_path(sites, prefix):
    site = sites["publication"]
    with served(site / "build/web", prefix) as top:
        seen, broken = _crawl(top, top, "https://www.pf.org.tw/")
        if prefix == "/":  # where base-url puts the site, the 404 page's links, from the server's top, work
            seen_404, broken_404 = _crawl(top, top + "404.html", "https://www.pf.org.tw/")
            seen, broken = seen | seen_404, broken + broken_404
    assert broken == []
    web = site / "build/web"
    files = {p.relative_to(web).as_posix() for p in web.rglob("*") if p.is_file()}
    reached = {url[len(top):] or "index.html" for url in seen}
    copies = {name for name in files if name.endswith((".br", ".gz")) and name[:-3] in files}  # precompressed
    # fonts.css declares every face (pages declare their own); each file of static/fonts is in it
    fonts_css = (web / "static/fonts.css").read_text(encoding="utf-8")
    declared = {name for name in files if name.startswith("static/fonts/") and f'"fonts/{name[13:]}"' in fonts_css}
    unreached = files - reached - copies - declared
    assert unreached <= {"robots.txt", "sitemap.xml", "404.html", "static/fonts.css"}, unreached  # linked from no page
    assert {"en/feed.xml", "zh-Hant/feed.xml", "en/no-more-carrots.pdf"} <= reached
    assert any(path.startswith("static/fonts/tc-400-") for path in reached)


def test_chinese_renders_in_the_sites_own_fonts_on_a_machine_without_any(sites, tmp_path):
    """A machine with one Latin font and none for Chinese. (With no font at all, chromium cannot set up a web
    font either, and such a machine shows no text anywhere.)"""
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts/NotoSans-Regular.ttf").symlink_to(LATIN_ONLY)
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                          f"<dir>{tmp_path}/fonts</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>",
                          encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
    listed = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, env=env).stdout
    assert listed == "Noto Sans\n"
    assert subprocess.run(["fc-list", ":lang=zh-tw"], capture_output=True, text=True, env=env).stdout == ""
    screenshot = tmp_path / "zh-Hant-375.png"
    with served(sites["publication"] / "build/web") as top:
        report = _node("fonts", {"url": top + "zh-Hant/no-more-carrots.html", "family": "diglot Noto Serif TC",
                                 "text": "不再給胡蘿蔔", "screenshot": str(screenshot)}, tmp_path, env)
    assert "diglot Noto Serif TC" in report["loaded"] and report["check"]
    assert report["ink"] > 500 and report["differing"] > 500, report  # glyphs drawn, and not the tofu of no font
    assert report["bodyFont"].startswith('"diglot Noto Serif TC"')
    assert screenshot.stat().st_size > 10_000


def test_chinese_han_and_latin_are_visibly_spaced_at_either_width(sites, tmp_path):
    """No. 29 in Chinese, alone and beside its English: at least 90 % of the Han characters next to a Latin
    letter or digit on the same line stand 0.1 em or more beyond the glyph's own advance from it."""
    pages = ["zh-Hant/no-more-carrots.html", "en.zh-Hant/no-more-carrots.html"]
    with served(sites["publication"] / "build/web") as top:
        results = _node("spacing", {"urls": [top + page for page in pages], "widths": list(WIDTHS)},
                        tmp_path)["results"]
    assert len(results) == 4
    for result in results:
        spaces = [pair["space"] for pair in result["pairs"]]
        assert len(spaces) > 40, result["url"]
        assert sum(space >= 0.1 for space in spaces) >= 0.9 * len(spaces), (result["url"], result["width"], spaces)
