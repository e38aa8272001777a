"""diglot's own files never trip the limits that guard against hostile input: the build's records of a
hundred partly translated articles, and the memory a large TMX import makes, are larger than the file-size
limit (2 MB), and every later build, update and import reads them. They are read within the state-size
limit (256 MB) instead; an import that would make a memory past it is refused before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diglot.cli import main
from diglot.files.boundary import MB
from helpers import FIXTURES, po, pseudo, translate_catalog

pytestmark = pytest.mark.slow  # an archive of a hundred articles, a 2 MB TMX import

ARTICLES = 100
PARAGRAPH = ("The alliance's eastern members argued for a permanent presence on their territory, while others "
             "held that rotating deployments would reassure allies without provoking Moscow. ") * 5
MANIFEST = "build/.diglot-manifest.json"
MEMORY = "translations/memory/en-zh_Hant.po"


def _run(capsys, root: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["--project", str(root), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err


def _archive(root: Path) -> None:
    """The sample and ``ARTICLES`` more articles of ten long paragraphs, each a third translated."""
    shutil.copytree(FIXTURES / "sample", root)
    model = (root / "source/articles/every-block.md").read_text(encoding="utf-8")
    front = model.split("\n---\n", 1)[0] + "\n---\n"
    for number in range(ARTICLES):
        body = "\n\n".join(f"Paragraph {p} of article {number}. {PARAGRAPH}" for p in range(10))
        text = front.replace("number: 7", f"number: {number + 10}").replace("Every Block Kind", f"Article {number}")
        (root / f"source/articles/article-{number}.md").write_text(f"{text}\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("state") / "project"
    _archive(root)
    assert main(["--project", str(root), "update"]) == 0
    for number in range(ARTICLES):
        translate_catalog(po(root, "zh_Hant", f"article-{number}"), _every_third())
    return root


def _every_third():
    """A translation for every third message, the others left untranslated."""
    count = iter(range(10**6))
    return lambda msgid: pseudo(msgid) if next(count) % 3 == 0 else None


def test_the_records_of_a_hundred_partly_translated_articles_never_stop_a_build(archive, capsys):
    status, err = _run(capsys, archive, "build", "--format", "html")
    assert status == 0, err
    assert (archive / MANIFEST).stat().st_size > 2 * MB  # past the file-size limit
    article = archive / "source/articles/article-3.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Paragraph 1 ", "Paragraph one "),
                       encoding="utf-8")
    status, err = _run(capsys, archive, "build", "--format", "html")
    assert status == 0 and "error" not in err, err
    assert "Paragraph one" in (archive / "build/web/en/article-3.html").read_text(encoding="utf-8")
    status, err = _run(capsys, archive, "build", "--format", "html")  # nothing changed: from the stamp
    assert status == 0 and "error" not in err, err


def _tmx(path: Path, units: int) -> None:
    rows = [f'<tu><tuv xml:lang="en"><seg>Sentence {n} of the imported memory, about the alliance and its '
            f'eastern members, kept for reuse.</seg></tuv><tuv xml:lang="zh-TW"><seg>匯入的翻譯記憶第{n}句，'
            f'關於同盟及其東翼成員，留待再用。</seg></tuv></tu>' for n in range(units)]
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
                    'creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
                    'datatype="plaintext"/><body>\n' + "\n".join(rows) + "\n</body></tmx>\n", encoding="utf-8")


def _limit(root: Path, setting: str) -> None:
    """Set one of ``[tool.diglot.limits]`` in the project's settings."""
    settings = root / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.diglot]", f"[tool.diglot.limits]\n{setting}\n\n[tool.diglot]"), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "sample", root)
    assert main(["--project", str(root), "update"]) == 0
    return root


def test_the_memory_of_a_large_import_never_stops_an_update(project, tmp_path, capsys):
    _limit(project, "file-size = 1")  # a memory past 1 MB costs half the time of one past the default 2 MB
    tmx = tmp_path / "memory.tmx"
    _tmx(tmx, 10_500)
    assert tmx.stat().st_size > 2 * MB
    status, err = _run(capsys, project, "tmx", "import", str(tmx))
    assert status == 0, err
    assert (project / MEMORY).stat().st_size > 1 * MB
    article = project / "source/articles/every-block.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nSentence 7 of the imported memory, about the "
                       "alliance and its eastern members, kept for reuse.\n", encoding="utf-8")
    status, err = _run(capsys, project, "update")
    assert status == 0, err
    catalog = (project / "translations/zh_Hant/LC_MESSAGES/every-block.po").read_text(encoding="utf-8")
    assert "匯入的翻譯記憶第7句" in catalog  # the memory was read, and offered its translation
    small = tmp_path / "small.tmx"
    _tmx(small, 1)
    status, err = _run(capsys, project, "tmx", "import", str(small))  # the memory read back as the previous one
    assert status == 0, err
    assert (project / MEMORY).stat().st_size > 1 * MB


def test_an_import_that_would_pass_the_state_limit_is_refused(project, tmp_path, capsys):
    _limit(project, "state-size = 1")
    tmx = tmp_path / "memory.tmx"
    _tmx(tmx, 8_000)
    status, err = _run(capsys, project, "tmx", "import", str(tmx))
    assert status == 2
    assert err.startswith(f"{tmx}: error: makes a memory of 2 MB ({MEMORY}), more than the state-size limit of 1 MB")
    assert not (project / MEMORY).exists()
