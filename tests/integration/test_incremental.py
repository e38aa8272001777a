"""Incremental builds: changing one kind of input rebuilds exactly the outputs made from it, and nothing else.

The archive here is the sample project with a second article, every catalog pseudo-translated. It is built
once per module and restored at the same path before each test: PDFs depend on where the build folder is,
so a copy elsewhere would rightly be rebuilt.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import diglot
from diglot import layout
from diglot.catalogs.update import update
from diglot.catalogs.verdicts import VERDICTS
from diglot.config import load_config
from diglot.editions import templating
from diglot.outputs import digests
from diglot.outputs.build import build
from diglot.outputs.manifest import MANIFEST
from diglot.outputs.stamp import STAMP
from diglot.pdf import weasy
from diglot.sources.sourcecache import CACHE
from helpers import FIXTURES, pdfinfo_pages, po, translate_catalog

pytestmark = pytest.mark.slow  # builds of a two-article archive, PDFs and all, in every test

LANGS = ("en", "zh-Hant")
PARALLEL = "en.zh-Hant"  # the folder of the parallel editions: the languages side by side
ARTICLES = ("every-block", "second-paper")


def article(slug: str, langs=LANGS) -> set[str]:
    """Every output of one article in ``langs``, and its parallel edition, which shows both languages."""
    return {f"{edition}/{lang}/{slug}.{ext}" for lang in (*langs, PARALLEL)
            for edition, ext in (("print", "pdf"), ("web", "html"), ("web", "pdf"))}


def prints(slugs=ARTICLES, langs=LANGS) -> set[str]:
    """The print editions and their download copies, the parallel editions' too."""
    return {f"{edition}/{lang}/{slug}.pdf" for slug in slugs for lang in (*langs, PARALLEL)
            for edition in ("print", "web")}


def parallel_pages(slugs=ARTICLES) -> set[str]:
    return {f"web/{PARALLEL}/{slug}.html" for slug in slugs}


INDEXES = {f"web/{lang}/index.html" for lang in LANGS}
FEEDS = {f"web/{lang}/feed.xml" for lang in LANGS}
HOME, NOT_FOUND, FONTS = "web/index.html", "web/404.html", "web/static/fonts.css"
SITE = {HOME, NOT_FOUND, "web/sitemap.xml", "web/robots.txt"}
ARTICLE_OUTPUTS = article("every-block") | article("second-paper")
EVERYTHING = ARTICLE_OUTPUTS | INDEXES | FEEDS | SITE
# Every web page: each declares the font files holding its characters, by names that change with them, so a
# text bringing a new character to the fonts (and the slices' names with it) makes every page again.
HTML = {key for key in EVERYTHING if key.endswith(".html")}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, Path]:
    """The archive, translated and built at a fixed path, and a copy of it to restore from."""
    base = tmp_path_factory.mktemp("archive")
    root = base / "project"
    shutil.copytree(FIXTURES / "sample", root)
    source = (root / "source/articles/every-block.md").read_text(encoding="utf-8")
    (root / "source/articles/second-paper.md").write_text(
        source.replace("Every Block Kind", "A Second Paper").replace("number: 7", "number: 8")
        .replace("2024-03-01", "2024-04-01"), encoding="utf-8")
    config = load_config(root)
    update(config)
    for path in (root / "translations").glob("*/LC_MESSAGES/*.po"):
        translate_catalog(path)
    build(config, jobs=1)
    shutil.copytree(root, base / "pristine")
    return root, base / "pristine"


@pytest.fixture
def archive(pristine) -> Path:
    root, copy = pristine
    shutil.rmtree(root)
    shutil.copytree(copy, root)
    return root


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The documents WeasyPrint renders (builds here run with one job, in this process)."""
    rendered: list[str] = []
    original = weasy.Renderer.pdf

    def counting(self, html, html_path):
        rendered.append(html_path.name)
        return original(self, html, html_path)

    monkeypatch.setattr(weasy.Renderer, "pdf", counting)
    return rendered


def rebuild(root: Path, **options):
    options.setdefault("jobs", 1)
    return build(load_config(root), **options)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_renders_nothing(archive, renders):
    report = rebuild(archive)
    assert report.rebuilt == [] and report.written == [] and report.removed == []
    assert renders == []
    # and the picture, copied twice, the two stylesheets, the icon and the fonts
    assert report.up_to_date == len(EVERYTHING) + 6


def test_article_body_rebuilds_its_outputs_only(archive, renders):
    edit(archive / "source/articles/every-block.md", "A quoted paragraph.", "A requoted paragraph.")
    report = rebuild(archive)
    assert set(report.rebuilt) == article("every-block")  # the indexes show no body text
    assert sorted(renders) == ["every-block.html"] * 3  # English, Chinese, and both side by side


def test_article_title_rebuilds_the_indexes_too(archive):
    edit(archive / "source/articles/second-paper.md", "A Second Paper", "A Retitled Paper")
    assert set(rebuild(archive).rebuilt) == article("second-paper") | INDEXES | FEEDS | {HOME}  # its latest


def test_article_catalog_rebuilds_that_language_only(archive):
    catalog = po(archive, "zh_Hant", "every-block")
    edit(catalog, 'msgstr "A QUOTED PARAGRAPH."', 'msgstr "「引文。」"')
    # and the web fonts, cut to the characters the texts use: 「」 and 引文 are new, and every page declaring them
    assert set(rebuild(archive).rebuilt) == article("every-block", langs=("zh-Hant",)) | {FONTS} | HTML


def test_site_catalog_rebuilds_every_page_of_its_language(archive):
    edit(po(archive, "zh_Hant", "site"), 'msgstr "BACK TO TOP"', 'msgstr "回到頂端"')
    assert set(rebuild(archive).rebuilt) == (article("every-block", ("zh-Hant",)) | article("second-paper", (
        "zh-Hant",)) | {"web/zh-Hant/index.html", "web/zh-Hant/feed.xml", HOME, NOT_FOUND, FONTS} | HTML)


def test_foundation_note_rebuilds_every_article_not_the_indexes(archive):
    edit(archive / "source/foundation/house-note.md", "本文僅代表作者個人觀點。", "本文僅代表作者個人之觀點。")
    assert set(rebuild(archive).rebuilt) == ARTICLE_OUTPUTS | {FONTS} | HTML  # 之 is new to the fonts


@pytest.fixture
def package_files(tmp_path, monkeypatch) -> Path:
    """A copy of diglot's templates and stylesheets that a test may edit."""
    copy = tmp_path / "package"
    shutil.copytree(layout.TEMPLATES, copy / "templates")
    shutil.copytree(layout.STATIC, copy / "static")
    monkeypatch.setattr(layout, "TEMPLATES", copy / "templates")
    monkeypatch.setattr(layout, "STATIC", copy / "static")
    return copy


WEB_PAGES = {f"web/{lang}/{slug}.html" for lang in LANGS for slug in ARTICLES}


@pytest.mark.parametrize("template, rebuilt", [
    ("index.html", INDEXES),
    ("home.html", {HOME}),
    ("layout.html", INDEXES | {HOME, NOT_FOUND} | {f"web/{lang}/{slug}.html" for lang in (*LANGS, PARALLEL)
                                                   for slug in ARTICLES}),
    ("print.html", prints() | WEB_PAGES),  # a page gives its PDF's size
    ("article-content.html", ARTICLE_OUTPUTS - parallel_pages()),
    ("article-parts.html", ARTICLE_OUTPUTS | INDEXES),
    ("parallel-content.html", prints(langs=()) | parallel_pages()),
    ("feed.xml", FEEDS),
])
def test_template_rebuilds_the_pages_that_use_it(archive, package_files, template, rebuilt):
    path = package_files / "templates" / template
    path.write_text(path.read_text(encoding="utf-8").replace("</", "\n</", 1), encoding="utf-8")
    assert set(rebuild(archive).rebuilt) == rebuilt


def test_a_page_made_again_without_its_pdf_gives_the_pdf_s_pages(archive, package_files):
    """The page count of a PDF rendered in an earlier build is the one the manifest kept."""
    path = package_files / "templates" / "layout.html"
    path.write_text(path.read_text(encoding="utf-8").replace("</", "\n</", 1), encoding="utf-8")
    report = rebuild(archive)
    assert "web/en/every-block.html" in report.rebuilt and "print/en/every-block.pdf" not in report.rebuilt
    html = (archive / "build/web/en/every-block.html").read_text(encoding="utf-8")
    pages = pdfinfo_pages(archive / "build/print/en/every-block.pdf")
    assert f'class="download-facts">({pages} page' in html


@pytest.mark.parametrize("stylesheet, rebuilt", [
    ("print.css", prints() | WEB_PAGES),
    ("diglot.css", HTML),  # its name changes with it, and every page links it
    ("parallel.css", parallel_pages()),
    ("parallel-print.css", prints(langs=())),
])
def test_stylesheet_rebuilds_what_uses_it(archive, package_files, stylesheet, rebuilt):
    old = set(templating.web_assets().values())
    with (package_files / "static" / stylesheet).open("a", encoding="utf-8") as css:
        css.write("p { color: black; }\n")
    renamed = {f"web/{path}" for path in set(templating.web_assets().values()) - old}  # the web stylesheets
    report = rebuild(archive)
    assert set(report.rebuilt) == rebuilt | renamed
    assert archive / "build" / sorted(rebuilt)[0] in report.written
    for name in renamed:  # the new name written, the old one gone
        assert archive / "build" / name in report.written
    assert not any((archive / "build/web" / path).exists() for path in old - set(templating.web_assets().values()))


def test_site_settings_rebuild_everything_but_other_tables_nothing(archive):
    pyproject = archive / "pyproject.toml"
    pyproject.write_text("# the sample\n[project]\nname = 'sample'\n\n" + pyproject.read_text(encoding="utf-8"),
                         encoding="utf-8")
    assert rebuild(archive).rebuilt == []
    edit(pyproject, "https://example.org/papers", "https://example.org/archive")
    assert set(rebuild(archive).rebuilt) == EVERYTHING


def test_fonts_rebuild_the_pdfs(archive, monkeypatch):
    monkeypatch.setattr(digests, "font_fingerprint", lambda: "other fonts")
    assert set(rebuild(archive).rebuilt) == prints() | WEB_PAGES


def test_diglot_version_rebuilds_everything(archive, monkeypatch):
    monkeypatch.setattr(diglot, "__version__", "99.0")
    assert set(rebuild(archive).rebuilt) == EVERYTHING | {FONTS}


def test_picture_rebuilds_its_copies_and_the_pdfs(archive):
    picture = archive / "source/images/pixel.png"
    picture.write_bytes(picture.read_bytes() + b"\0")
    expected = prints() | WEB_PAGES | {"print/images/pixel.png", "web/images/pixel.png"}  # and the pages: its size
    assert set(rebuild(archive).rebuilt) == expected


def test_missing_output_is_made_again(archive):
    (archive / "build/web/zh-Hant/every-block.html").unlink()
    (archive / "build/print/en/second-paper.html").unlink()
    assert rebuild(archive).rebuilt == ["print/en/second-paper.pdf", "web/zh-Hant/every-block.html"]


def test_deleted_article_removes_its_files(archive):
    (archive / "source/articles/second-paper.md").unlink()
    report = rebuild(archive)
    assert set(report.rebuilt) == INDEXES | FEEDS | {HOME, "web/sitemap.xml"}  # every list of the articles
    removed = {path.relative_to(archive / "build").as_posix() for path in report.removed}
    pages = {f"web/{lang}/second-paper.html" for lang in (*LANGS, PARALLEL)}
    copies = {f"{page}.{suffix}" for page in pages for suffix in ("br", "gz")}  # precompressed, gone with them
    assert removed == article("second-paper") | {f"print/{lang}/second-paper.html" for lang in (*LANGS, PARALLEL)
                                                 } | copies
    assert not any((archive / "build").rglob("second-paper.*"))
    manifest = json.loads((archive / "build" / MANIFEST).read_text(encoding="utf-8"))
    assert not [key for key in [*manifest["outputs"], *manifest["listings"]] if "second-paper" in key]


def test_narrowed_build_keeps_the_other_outputs(archive):
    edit(archive / "source/articles/every-block.md", "A quoted paragraph.", "A requoted paragraph.")
    zh = load_config(archive).language("zh_Hant")
    first = rebuild(archive, languages=(zh,), formats=("pdf",))
    made = ["print/zh-Hant/every-block.pdf", f"print/{PARALLEL}/every-block.pdf"]
    assert first.rebuilt == made and first.removed == []
    assert set(rebuild(archive).rebuilt) == article("every-block") - set(made)


def test_force_rebuilds_what_is_requested_and_keeps_the_rest(archive):
    zh = load_config(archive).language("zh_Hant")
    report = rebuild(archive, languages=(zh,), formats=("pdf",), force=True)
    assert set(report.rebuilt) == {"print/images/pixel.png", *(f"print/{lang}/{slug}.pdf" for slug in ARTICLES
                                                               for lang in ("zh-Hant", PARALLEL))}
    assert rebuild(archive).rebuilt == []


def test_unreadable_manifest_means_a_full_rebuild(archive):
    (archive / "build" / MANIFEST).write_text("{not json", encoding="utf-8")
    assert set(rebuild(archive).rebuilt) >= EVERYTHING
    assert rebuild(archive).rebuilt == []


def test_skipped_outputs_still_report_their_fallbacks(archive):
    edit(po(archive, "zh_Hant", "every-block"), 'msgstr "A QUOTED PARAGRAPH."', 'msgstr ""')
    full = rebuild(archive, force=True)
    again = rebuild(archive)
    assert again.rebuilt == [] and again.fallbacks == full.fallbacks
    assert [(f.msgid, f.state) for f in full.fallbacks] == [("A quoted paragraph.", "untranslated")]


def test_parallel_build_writes_the_same_bytes(archive):
    build_dir = archive / "build"

    def outputs() -> dict[Path, bytes]:  # the caches and the stamp are bookkeeping, not outputs
        return {p.relative_to(build_dir): _without_times(p) for p in sorted(build_dir.rglob("*"))
                if p.is_file() and p.name not in (CACHE, STAMP) and p.parent.name != VERDICTS}

    one = outputs()
    shutil.rmtree(build_dir)
    report = rebuild(archive, jobs=2)
    two = outputs()
    assert two.keys() == one.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert set(report.rendered) == {f"print/{lang}/{slug}.pdf" for lang in (*LANGS, PARALLEL) for slug in ARTICLES}


def _without_times(path: Path) -> bytes:
    """A file's bytes; the manifest's without the times it records of each file (to notice hand edits)."""
    if path.name != MANIFEST:
        return path.read_bytes()
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["outputs"].values():
        record["written"] = [[size, digest] for size, _, digest in record["written"]]
    return json.dumps(data, sort_keys=True).encode()


def test_cli_logs_progress_plainly_off_a_terminal(archive, diglot):
    edit(archive / "source/articles/every-block.md", "A quoted paragraph.", "A requoted paragraph.")
    run = diglot(archive, "build", "--jobs", "2", "--format", "pdf")
    assert run.status == 0
    progress = [line.split(" ") for line in run.out.splitlines() if line.startswith("build: [")]
    assert [count for _, count, _ in progress] == ["[1/3]", "[2/3]", "[3/3]"]
    assert sorted(name for _, _, name in progress) == [
        "print/en.zh-Hant/every-block.pdf", "print/en/every-block.pdf", "print/zh-Hant/every-block.pdf"]
    assert "3 output(s) rebuilt" in run.out


def test_cli_refuses_zero_jobs(archive, diglot):
    with pytest.raises(SystemExit) as exit:
        diglot(archive, "build", "--jobs", "0")
    assert exit.value.code == 2
