"""Two inputs that once took minutes: an article with one 100,000-character word (``diglot update``), and
a glossary of 20,000 terms (``diglot check``). A script, not a test: it prints the median time of each.

    .venv/bin/python bench/hostile.py                      # make both projects in a temporary folder, time them
    .venv/bin/python bench/hostile.py --keep DIR           # ... in DIR, kept for timing by hand
    .venv/bin/python bench/hostile.py --diglot OTHER/.venv/bin/diglot   # another checkout's diglot

Each ``update`` run starts with the article's POT and the source cache removed, so that the
article is segmented and its POT written every time, as after an edit.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "fixtures" / "sample"
ARTICLE = "source/articles/every-block.md"
CATALOG = "translations/zh_Hant/LC_MESSAGES/every-block.po"
WORD = 100_000
TERMS = 20_000


def long_word_project(root: Path, diglot: str) -> None:
    """The sample with a paragraph of one ``WORD``-character word."""
    shutil.copytree(SAMPLE, root)
    article = root / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + f"\n{'a' * WORD}\n", encoding="utf-8")
    subprocess.run([diglot, "--project", str(root), "update"], check=True, capture_output=True)


def glossary_project(root: Path, diglot: str) -> None:
    """The sample, translated, with a glossary of ``TERMS`` terms (a few of them in the article)."""
    shutil.copytree(SAMPLE, root)
    subprocess.run([diglot, "--project", str(root), "update"], check=True, capture_output=True)
    path = root / CATALOG
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.id and isinstance(message.id, str):
            message.string = message.id.upper()
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())
    rows = ["source,target,explanation", "paragraph,段落,", "block,區塊,", "list item,清單項目,"]
    rows += [f"term{n} word{n % 97},詞{n},generated" for n in range(TERMS - 3)]
    (root / "translations/glossary").mkdir(parents=True, exist_ok=True)
    (root / "translations/glossary/zh_Hant.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def update_command(root: Path, diglot: str) -> list[str]:
    """``diglot update`` as after an edit of the article: its POT and the source cache removed first."""
    return ["sh", "-c", f"rm -f {root}/build/.diglot-cache.json {root}/translations/templates/every-block.pot"
            f" && exec {diglot} --project {root} update"]


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--diglot", default=str(Path(sys.executable).with_name("diglot")))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="make the projects in DIR and keep them")
    args = parser.parse_args()
    top = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="diglot-bench-"))
    try:
        long_word_project(top / "long-word", args.diglot)
        glossary_project(top / "glossary", args.diglot)
        update = median_seconds(update_command(top / "long-word", args.diglot), args.runs)
        check = median_seconds([args.diglot, "--project", str(top / "glossary"), "check"], args.runs)
        print(f"update, one {WORD:,}-character word: {update:.2f} s (median of {args.runs})")
        print(f"check, a {TERMS:,}-term glossary:    {check:.2f} s (median of {args.runs})")
    finally:
        if not args.keep:
            shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
