"""The web edition as search engines, feed readers, social sites and readers get it: head metadata, JSON-LD,
sitemap, feeds, robots.txt, the 404 page, web fonts, lead pictures, the PDF link, and ``diglot serve``."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from diglot.config import load_config
from diglot.editions import meta
from diglot.outputs.serve import GENERATION, Preview
from helpers import PageParts, replace_in, without_latin_marks

LANGS = ("en", "zh-Hant")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE = "https://www.pf.org.tw/"


def _html(site: Path, path: str) -> str:
    return (site / "build/web" / path).read_text(encoding="utf-8")


def _links(html: str, rel: str) -> dict[str, str]:
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


def _meta(html: str, attribute: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, content in re.findall(rf'<meta {attribute}="([^"]+)" content="([^"]*)">', html):
        found.setdefault(name, []).append(content)
    return found


def _json_ld(html: str) -> dict:
    scripts = [text for attributes, text in PageParts(html).scripts if attributes.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.parametrize("lang", LANGS)
def test_article_page_names_every_language_its_url_and_cards(sites, lang):
    html = _html(sites["publication"], f"{lang}/no-more-carrots.html")
    assert _links(html, "alternate") == {"en": f"{BASE}en/no-more-carrots.html",
                                         "zh-Hant": f"{BASE}zh-Hant/no-more-carrots.html",
                                         "x-default": f"{BASE}en/no-more-carrots.html"}  # the source edition
    assert f'<link rel="canonical" href="{BASE}{lang}/no-more-carrots.html">' in html
    properties, names = _meta(html, "property"), _meta(html, "name")
    assert properties["og:type"] == ["article"] and properties["og:title"][0] in html.split("<title>")[1]
    assert properties["og:locale"] == [{"en": "en_US", "zh-Hant": "zh_TW"}[lang]]
    assert properties["og:locale:alternate"] == [{"en": "zh_TW", "zh-Hant": "en_US"}[lang]]
    assert names["twitter:card"] == ["summary"]  # No. 29 has no picture
    assert names["description"] == properties["og:description"]


@pytest.mark.parametrize("lang", LANGS)
def test_article_json_ld_links_the_editions(sites, lang):
    data = _json_ld(_html(sites["publication"], f"{lang}/no-more-carrots.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "OpinionNewsArticle"
    assert data["inLanguage"] == lang and data["datePublished"] == data["dateModified"] == "2025-05-29"
    assert data["author"]["@type"] == "Person" and "Solodkyy" in data["author"]["name"]
    assert data["author"]["description"]
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["logo"]["url"].startswith(BASE)
    assert data["isPartOf"]["@type"] == "CreativeWorkSeries"
    pdf = sites["publication"] / f"build/web/{lang}/no-more-carrots.pdf"
    assert data["associatedMedia"]["contentUrl"] == f"{BASE}{lang}/no-more-carrots.pdf"
    assert data["associatedMedia"]["contentSize"] == f"{pdf.stat().st_size} B"
    if lang == "en":  # the source: translated into Chinese
        assert data["workTranslation"] == [{"@type": "OpinionNewsArticle", "inLanguage": "zh-Hant",
                                            "@id": f"{BASE}zh-Hant/no-more-carrots.html"}]
    else:
        assert data["translationOfWork"]["@id"] == f"{BASE}en/no-more-carrots.html"


def test_indexes_and_home_form_one_language_cluster(sites):
    cluster = {"en": f"{BASE}en/index.html", "zh-Hant": f"{BASE}zh-Hant/index.html", "x-default": BASE}
    for path, canonical in (("index.html", BASE), ("en/index.html", cluster["en"]),
                            ("zh-Hant/index.html", cluster["zh-Hant"])):
        html = _html(sites["publication"], path)
        assert _links(html, "alternate") == cluster, path
        assert f'<link rel="canonical" href="{canonical}">' in html
        assert _meta(html, "property")["og:type"] == ["website"]


def test_titles_and_descriptions_per_language(sites):
    english, chinese = (_html(sites["publication"], f"{lang}/index.html") for lang in LANGS)
    assert "<title>Prospects &amp; Perspectives | Prospect Foundation</title>" in english
    assert "遠景基金會</title>" in chinese and "newest first" in english and "由新到舊" in chinese
    home = _html(sites["publication"], "index.html")
    title = re.search(r"<title>(.*)</title>", home).group(1)
    assert title == "Prospects &amp; Perspectives | Prospect Foundation | 遠景基金會"  # every language, each name once
    for lang, title in (("en", "No More Carrots"), ("zh-Hant", "不再給胡蘿蔔")):
        section = re.search(rf'<section lang="{lang}".*?</section>', home, re.S).group(0)
        assert f'href="{lang}/no-more-carrots.html">{title}' in section  # its latest articles


def test_sitemap_lists_every_page_with_its_alternates(sites):
    web = sites["publication"] / "build/web"
    tree = ET.parse(web / "sitemap.xml")
    urls = {url.find(f"{SITEMAP}loc").text: url for url in tree.getroot()}
    pages = {p.relative_to(web).as_posix() for p in web.rglob("*.html")} - {"404.html"}
    assert set(urls) == {BASE + ("" if p == "index.html" else p) for p in pages}
    for loc, url in urls.items():
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        if "/en.zh-Hant/" in loc:  # the parallel edition, in both languages at once
            assert alternates == {}, loc
            continue
        assert set(alternates) == {"en", "zh-Hant", "x-default"}, loc
        assert loc in alternates.values(), loc
    assert urls[f"{BASE}zh-Hant/no-more-carrots.html"].find(f"{SITEMAP}lastmod").text == "2025-05-29"
    robots = (web / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_one_atom_feed_per_language(sites, lang):
    feed = ET.parse(sites["publication"] / f"build/web/{lang}/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == lang
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}{lang}/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.get(XML_LANG) == lang and entry.find(f"{ATOM}updated").text == "2025-05-29T00:00:00Z"
    assert "Solodkyy" in entry.find(f"{ATOM}author/{ATOM}name").text and entry.find(f"{ATOM}summary").text
    links = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{ATOM}link")}
    assert links == {tag: f"{BASE}{tag}/no-more-carrots.html" for tag in LANGS}  # this edition and the other
    for page in ("index.html", f"{lang}/index.html", f"{lang}/no-more-carrots.html"):
        html = _html(sites["publication"], page)
        assert html.count('type="application/atom+xml"') >= 2  # every feed, in the head


def test_not_found_page_links_from_the_top_and_is_not_indexed(sites):
    html = _html(sites["publication"], "404.html")
    assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html
    assert 'href="/en/index.html"' in html and 'href="/static/diglot.css"' in html
    sample = _html(sites["sample"], "404.html")  # base-url https://example.org/papers
    assert 'href="/papers/en/index.html"' in sample and "../" not in sample
    assert "This page does not exist." in html and "找不到這個網頁。" in html


def test_every_page_has_a_skip_link_to_its_main_content_and_an_icon(sites):
    web = sites["publication"] / "build/web"
    for page in web.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<a class="skip-link" href="#main">[^<]+</a>', html), page
        assert '<main id="main">' in html and 'rel="icon" type="image/svg+xml"' in html, page
    assert (web / "favicon.svg").read_bytes().startswith(b"<svg")


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_link_gives_its_pages_and_size(sites, lang):
    pdf = sites["publication"] / f"build/web/{lang}/no-more-carrots.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    html = _html(sites["publication"], f"{lang}/no-more-carrots.html")
    facts = re.search(r'<span class="download-facts">\((.*?)\)</span></p>', without_latin_marks(html)).group(1)
    kilobytes = -(-pdf.stat().st_size // 1024)
    assert facts == {"en": f"{pages} pages, {kilobytes} KB", "zh-Hant": f"共{pages}頁，{kilobytes} KB"}[lang]


def test_html_only_build_links_no_pdf(project, diglot):
    assert diglot(project, "build", "--format", "html").status == 0
    html = (project / "build/web/en/every-block.html").read_text(encoding="utf-8")
    assert ".pdf" not in html and "associatedMedia" not in html


def test_json_ld_cannot_be_broken_out_of():
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    text = str(meta.script_json({"headline": hostile}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"headline": hostile}


def test_a_source_title_with_a_script_end_tag_stays_data(project, diglot):
    replace_in(project, "source/articles/every-block.md", "title: Every Block Kind", 'title: "Ends </script> here"')
    assert diglot(project, "build", "--format", "html").status == 0
    html = (project / "build/web/en/every-block.html").read_text(encoding="utf-8")
    assert _json_ld(html)["headline"] == "Ends </script> here"


def test_lead_picture_has_its_size_and_narrower_copies(sites):
    web = sites["sample"] / "build/web"
    html = _html(sites["sample"], "en/every-block.html")
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'width="1200" height="675"' in img and 'alt="A single pixel"' in img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    assert srcset == "../images/pixel-480w.png 480w, ../images/pixel-960w.png 960w, ../images/pixel.png 1200w"
    for name, width in (("pixel-480w.png", 480), ("pixel-960w.png", 960)):
        with Image.open(web / "images" / name) as copy:
            assert copy.size == (width, round(675 * width / 1200))
    figure = re.search(r'<figure class="lead">.*?</figure>', html, re.S).group(0)
    assert "summary" not in figure and '<figcaption class="credit">Picture source: the fixture.</figcaption>' in figure
    assert '<p class="summary">A summary' in html
    assert _meta(html, "name")["twitter:card"] == ["summary_large_image"]
    assert _meta(html, "property")["og:image"] == ["https://example.org/papers/images/pixel.png"]


def test_a_credit_without_a_picture_reads_as_a_credit(sites):
    html = _html(sites["publication"], "en/no-more-carrots.html")
    assert "<figure" not in html and "<figcaption" not in html
    assert '<p class="credit">Picture source: Depositphotos.</p>' in html


def test_a_lead_picture_without_alt_text_is_an_error_in_build_and_check(project, diglot):
    replace_in(project, "source/articles/every-block.md", "  alt: A single pixel\n", "")
    result = diglot(project, "build")
    assert result.status == 2
    assert result.err == ("source/articles/every-block.md:12: error: the lead picture has no alt text; "
                          "add image.alt: a sentence saying what the picture shows\n")
    assert not (project / "build").exists()
    checked = diglot(project, "check")
    assert checked.status == 1
    assert "source/articles/every-block.md:12: error: the lead picture has no alt text" in checked.out
    assert "[alt]" in checked.out


def _covered(faces: list[TTFont]) -> set[int]:
    return {code for face in faces for code in face.getBestCmap()}


@pytest.mark.parametrize("lang", LANGS)
def test_web_fonts_cover_every_character_of_the_pages(sites, lang):
    fonts = sites["publication"] / "build/web/static/fonts"
    latin = _covered([TTFont(p) for p in fonts.glob("latin-400.woff2")])
    chinese = _covered([TTFont(p) for p in fonts.glob("tc-400-*.woff2")])
    for page in (f"{lang}/no-more-carrots.html", f"{lang}/index.html", "index.html"):
        text = "".join(PageParts(_html(sites["publication"], page)).text)
        missing = {c for c in text if not c.isspace() and ord(c) not in latin | chinese}
        assert not missing, f"{page}: {sorted(missing)}"
    css = (fonts.parent / "fonts.css").read_text(encoding="utf-8")
    assert css.count("@font-face") == len(list(fonts.glob("*.woff2"))) and css.count("font-display: swap") == \
        css.count("@font-face")
    assert all(p.read_bytes()[:4] == b"wOF2" for p in fonts.glob("*.woff2"))


def test_the_chinese_web_font_keeps_its_spacing_features_and_licence_and_no_vertical_forms(sites):
    face = TTFont(sites["publication"] / "build/web/static/fonts/tc-400-1.woff2")
    features = {record.FeatureTag for record in face["GPOS"].table.FeatureList.FeatureRecord}
    assert {"halt", "palt"} <= features  # punctuation compression, as the print edition sets it
    assert len(face.getGlyphOrder()) <= len(face.getBestCmap()) + 10  # no vertical or regional alternates
    assert {13, 14} <= {record.nameID for record in face["name"].names}  # the OFL licence and its URL
    assert "vmtx" not in face and "VORG" not in face


def test_a_font_harfbuzz_cannot_read_is_an_error_naming_it(tmp_path):
    from diglot.pdf import harfbuzz

    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    with pytest.raises(harfbuzz.SubsetError, match=r"broken\.ttf"):
        harfbuzz.subset(tmp_path / "broken.ttf", 0, harfbuzz.Cut((0x41,), (), ()))


def test_pages_preload_their_first_font(sites):
    for lang, font in (("en", "latin-400"), ("zh-Hant", "tc-400-1")):
        html = _html(sites["publication"], f"{lang}/no-more-carrots.html")
        assert f'<link rel="preload" as="font" type="font/woff2" crossorigin href="../static/fonts/{font}.woff2">' \
            in html
        assert (sites["publication"] / f"build/web/static/fonts/{font}.woff2").is_file()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_previews_rebuilds_and_reloads(project, diglot):
    builds: list[object] = []
    preview = Preview(load_config(project), 0, ("html",), lambda report, error: builds.append(report or error))
    preview.start()
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    try:
        status, page = _get(preview.url + "en/every-block.html")
        assert status == 200 and "<h1>Every Block Kind</h1>" in page and GENERATION in page
        on_disk = (project / "build/preview/web/en/every-block.html").read_text(encoding="utf-8")
        assert GENERATION not in on_disk and "<script>" not in on_disk  # only the served copy reloads
        assert not (project / "build/web").exists()  # a preview never changes what diglot build made
        assert _get(preview.url + GENERATION) == (200, "1")
        assert _get(preview.url + "en/nothing-here.html")[0] == 404
        replace_in(project, "source/articles/every-block.md", "title: Every Block Kind", "title: A Changed Title")
        deadline = time.monotonic() + 60
        while _get(preview.url + GENERATION)[1] == "1":
            assert time.monotonic() < deadline, "no rebuild after the source changed"
            time.sleep(0.1)
        assert "<h1>A Changed Title</h1>" in _get(preview.url + "en/every-block.html")[1]
    finally:
        preview.stop()
    assert all(not isinstance(made, Exception) for made in builds)


def test_serve_command_says_where_and_stops_on_ctrl_c(project):
    process = subprocess.Popen([sys.executable, "-m", "diglot", "--project", str(project), "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while not (lines and lines[-1].startswith("serve: http://127.0.0.1:")):
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line)
        url = lines[-1].split()[1]
        assert _get(url + "zh-Hant/every-block.html")[0] == 200
        assert _get(url + "en")[0] == 200  # redirected to en/, where the index's relative links work
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
