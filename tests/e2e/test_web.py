"""The web edition as search engines, feed readers, social sites and readers get it: head metadata, JSON-LD,
sitemap, feeds, robots.txt, the 404 page, web fonts, lead pictures, the PDF link, and ``diglot serve``."""

from __future__ import annotations

import gzip
import hashlib
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

import brotli
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from diglot.config import load_config
from diglot.editions import meta
from diglot.outputs.serve import GENERATION, Preview
from helpers import PageParts, interruptible, pdfinfo_pages, replace_in, without_latin_marks

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


def test_hreflang_links_are_absolute_and_only_between_editions_of_one_page(sites):
    """The feeds are linked, but not as language alternates of the page (Lighthouse and Google read any
    ``hreflang`` link as one); every ``hreflang`` link is absolute and the set includes the page itself."""
    web = sites["publication"] / "build/web"
    for page in sorted(p.relative_to(web).as_posix() for p in web.rglob("*.html")):
        html = _html(sites["publication"], page)
        for link in re.findall(r"<link [^>]*hreflang=[^>]*>", html):
            assert 'rel="alternate"' in link and "application/atom+xml" not in link, (page, link)
            assert re.search(r'href="https://', link), (page, link)
        assert len(re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[^"]+">',
                              html)) == 2, page


def test_parallel_edition_is_shareable_and_points_search_engines_at_its_original(sites):
    html = _html(sites["publication"], "en.zh-Hant/no-more-carrots.html")
    url = f"{BASE}en.zh-Hant/no-more-carrots.html"
    assert f'<link rel="canonical" href="{BASE}en/no-more-carrots.html">' in html  # the source-language edition
    assert _links(html, "alternate") == {}
    properties, names = _meta(html, "property"), _meta(html, "name")
    assert properties["og:url"] == [url] and properties["og:type"] == ["article"]
    assert properties["og:title"][0].startswith("No More Carrots") and properties["og:locale:alternate"] == ["zh_TW"]
    assert names["twitter:card"] and names["twitter:title"] == properties["og:title"] and names["description"]
    data = _json_ld(html)
    assert data["@type"] == "WebPage" and data["@id"] == url and data["inLanguage"] == ["en", "zh-Hant"]
    english, chinese = data["hasPart"]
    assert english["@id"] == f"{BASE}en/no-more-carrots.html" and english["inLanguage"] == "en"
    assert english["workTranslation"] == [{"@id": f"{BASE}zh-Hant/no-more-carrots.html"}]
    assert chinese["translationOfWork"] == {"@id": english["@id"]} and chinese["inLanguage"] == "zh-Hant"
    edition = _json_ld(_html(sites["publication"], "zh-Hant/no-more-carrots.html"))  # the translation's own head
    assert chinese["headline"] == edition["headline"] and chinese["headline"].startswith("不再給胡蘿蔔")


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
    # Not the parallel edition: its canonical URL is its article's, and a sitemap lists canonical URLs.
    pages = {p for p in pages if not p.startswith("en.zh-Hant/")}
    assert set(urls) == {BASE + ("" if p == "index.html" else p) for p in pages}
    for loc, url in urls.items():
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
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
    assert 'href="/en/index.html"' in html and re.search(r'href="/static/diglot\.[0-9a-f]{8}\.css"', html)
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


def test_the_manifest_keeps_each_pdf_s_pages_as_the_renderer_counted_them(sites):
    """The download link's page count comes from the renderer, through the manifest: the same as pdfinfo's."""
    build = sites["publication"] / "build"
    records = json.loads((build / ".diglot-manifest.json").read_text(encoding="utf-8"))["outputs"]
    pdfs = sorted(key for key in records if key.startswith("print/") and key.endswith(".pdf"))
    assert len(pdfs) == 3  # English, Chinese, and both side by side
    assert {key: records[key]["pages"] for key in pdfs} == {key: pdfinfo_pages(build / key) for key in pdfs}
    assert not any("pages" in records[key] for key in records if not key.endswith(".pdf"))


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


_RULE = re.compile(r'@font-face \{ font-family: "([^"]+)"; src: url\("([^"]+)"\) format\("woff2"\); '
                   r"font-weight: (\d+); font-style: (\w+); font-display: swap; unicode-range: ([^;]+); \}")


def _declared(web: Path, page: str) -> list[tuple[str, Path, int, str, set[int]]]:
    """A page's own @font-face rules: family, file, weight, style and the characters its range declares."""
    html = (web / page).read_text(encoding="utf-8")
    rules = []
    for family, url, weight, style, ranges in _RULE.findall(html):
        codes: set[int] = set()
        for span in ranges.split(", "):
            first, _, last = span.removeprefix("U+").partition("-")
            codes |= set(range(int(first, 16), int(last or first, 16) + 1))
        rules.append((family, (web / page).parent / url, int(weight), style, codes))
    return rules


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_declares_fonts_covering_every_character_it_shows(sites, lang):
    """In each weight, the faces a page declares, as their files' glyphs and the ranges it declares for them,
    cover every character of its text; and it declares no file that holds none of them."""
    web = sites["publication"] / "build/web"
    for page in (f"{lang}/no-more-carrots.html", f"{lang}/index.html", "index.html", "en.zh-Hant/no-more-carrots.html"):
        text = {ord(c) for c in "".join(PageParts(_html(sites["publication"], page)).text) if not c.isspace()}
        rules = _declared(web, page)
        for weight in (400, 700):
            covered = {code for _, path, w, style, codes in rules if w == weight and style == "normal"
                       for code in codes & set(TTFont(path).getBestCmap())}
            assert text <= covered, f"{page} {weight}: {sorted(chr(c) for c in text - covered)}"
        assert all(codes & set(TTFont(path).getBestCmap()) for *_, path, _, _, codes in rules), page


def test_pages_declare_and_preload_only_the_slices_of_their_text(sites):
    """An index preloads the slices of what it lists, not those of the articles' bodies; an English page no
    Chinese slice beyond the site's own strings; every preloaded file is one the page declares."""
    web = sites["publication"] / "build/web"

    def preloaded(page: str) -> list[Path]:
        hrefs = re.findall(r'<link rel="preload" as="font" type="font/woff2" crossorigin href="([^"]+)">',
                           _html(sites["publication"], page))
        return [(web / page).parent / href for href in hrefs]

    for page in ("en/no-more-carrots.html", "zh-Hant/no-more-carrots.html", "zh-Hant/index.html", "index.html"):
        declared = {path.resolve() for _, path, *_ in _declared(web, page)}
        assert preloaded(page) and {path.resolve() for path in preloaded(page)} <= declared, page
    # the language link's 中文 is in the first slice, the site's own strings
    assert [p.name for p in preloaded("en/no-more-carrots.html") if re.match(r"tc-\d+-(?!1\.)", p.name)] == []
    article = sum(p.stat().st_size for p in preloaded("zh-Hant/no-more-carrots.html"))
    index = sum(p.stat().st_size for p in preloaded("zh-Hant/index.html"))
    regular = [{p.name for p in preloaded(page) if p.name.startswith("tc-400-")}
               for page in ("zh-Hant/index.html", "zh-Hant/no-more-carrots.html")]
    assert regular[0] and regular[0] < regular[1] and index < 0.6 * article, (regular, index, article)


def test_fonts_css_declares_every_face_of_the_site(sites):
    fonts = sites["publication"] / "build/web/static/fonts"
    css = (fonts.parent / "fonts.css").read_text(encoding="utf-8")
    assert len(_RULE.findall(css)) == len(list(fonts.glob("*.woff2"))) == css.count("@font-face")
    assert all(p.read_bytes()[:4] == b"wOF2" for p in fonts.glob("*.woff2"))


def test_assets_are_named_by_their_content(sites):
    """The stylesheets carry the digest of their bytes, the fonts of what they are cut from and to: a server
    may let browsers keep them for a year."""
    static = sites["publication"] / "build/web/static"
    for css in static.glob("*.*.css"):
        stem, digest, _ = css.name.split(".")
        assert hashlib.sha256(css.read_bytes()).hexdigest()[:8] == digest, css
        assert stem in ("diglot", "parallel")
    assert {p.name.split(".")[0] for p in static.glob("*.*.css")} == {"diglot", "parallel"}
    assert all(re.fullmatch(r"(latin|latin-ext|tc-\d+-\d+)-?\w*\.[0-9a-f]{8}\.woff2", p.name)
               for p in (static / "fonts").iterdir()), sorted(p.name for p in (static / "fonts").iterdir())


def test_the_chinese_web_font_keeps_its_spacing_features_and_licence_and_no_vertical_forms(sites):
    [path] = (sites["publication"] / "build/web/static/fonts").glob("tc-400-1.*.woff2")
    face = TTFont(path)
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


def _fetch(url: str, encodings: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {name.lower(): value for name, value in response.headers.items()}, response.read()


def test_build_writes_precompressed_copies_of_text_files(sites):
    """Brotli and gzip copies beside every text file, decompressing to its bytes; none of the fonts."""
    web = sites["publication"] / "build/web"
    texts = [p for p in web.rglob("*") if p.suffix in (".html", ".css", ".xml", ".svg")]
    assert len(texts) > 10
    for path in texts:
        data = path.read_bytes()
        assert brotli.decompress((path.parent / (path.name + ".br")).read_bytes()) == data, path
        assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == data, path
    assert not list(web.rglob("*.woff2.*")) and not list(web.rglob("*.pdf.*"))


def test_serve_sends_precompressed_copies_and_caches_fingerprinted_assets_a_year(project, diglot):
    preview = Preview(load_config(project), 0, ("html",), lambda report, error: None)
    preview.start()
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    web = preview.config.build_dir / "web"  # the preview builds in a folder of its own
    try:
        [css] = [p.relative_to(web).as_posix() for p in (web / "static").glob("diglot.*.css")]
        headers, body = _fetch(preview.url + css, "gzip, br")
        assert headers["content-encoding"] == "br" and brotli.decompress(body) == (web / css).read_bytes()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert headers["vary"] == "Accept-Encoding" and headers["content-type"] == "text/css"
        headers, body = _fetch(preview.url + css, "gzip;q=1, br;q=0")
        assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == (web / css).read_bytes()
        headers, body = _fetch(preview.url + css, "identity")
        assert "content-encoding" not in headers and body == (web / css).read_bytes()
        headers, body = _fetch(preview.url + "sitemap.xml", "br")
        assert headers["content-encoding"] == "br" and headers["cache-control"] == "no-cache"
        [font] = [p.relative_to(web).as_posix() for p in (web / "static/fonts").glob("latin-400.*.woff2")]
        headers, body = _fetch(preview.url + font, "gzip, br")
        assert "content-encoding" not in headers and headers["content-type"] == "font/woff2"
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        headers, body = _fetch(preview.url + "en/every-block.html", "br")  # with its reloading script
        assert headers["content-encoding"] == "br" and headers["cache-control"] == "no-store"
        assert GENERATION.encode() in brotli.decompress(body)
    finally:
        preview.stop()


def test_serve_command_says_where_and_stops_on_ctrl_c(project):
    process = subprocess.Popen([sys.executable, "-m", "diglot", "--project", str(project), "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)
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
