"""What the translation memory costs `diglot update`: CPU time against a baseline diglot without it.

CPU time (user + system of every process the update starts) is counted rather than wall time, so that
other work on a shared machine does not inflate either side. Two scenarios, each the median of --repeat
runs, the baseline and this tree alternating:

- e: bench/run.py's scenario e, one 2,000-message article, 10 % of it revised;
- archive: 20 translated articles of 100 paragraphs, then a new one repeating 50 of their paragraphs.

    git worktree add /tmp/diglot-baseline <commit before the memory>
    .venv/bin/python bench/memory_cost.py --baseline /tmp/diglot-baseline
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import archive  # noqa: E402  (bench/archive.py, beside this file)
import run as bench  # noqa: E402

WORDS = ["ukraine", "russia", "support", "policy", "war", "peace", "security", "alliance", "europe", "united",
         "states", "aid", "coalition"]


def cpu_seconds(command: list[str], code: Path) -> float:
    """The CPU time of ``command`` and its children, diglot imported from ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=dict(os.environ, PYTHONPATH=str(code)), check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def update(root: Path, code: Path) -> float:
    return cpu_seconds([sys.executable, "-m", "diglot", "--project", str(root), "update"], code)


def compare(prepare, baseline: Path, repeat: int) -> dict[str, float]:
    """Median CPU seconds of an update of the project ``prepare()`` lays out, for each code tree."""
    times: dict[str, list[float]] = {"baseline": [], "memory": []}
    for _ in range(repeat):
        for name, code in (("baseline", baseline), ("memory", HERE.parent)):
            times[name].append(update(prepare(), code))
    return {name: statistics.median(values) for name, values in times.items()}


def scenario_e(folder: Path, baseline: Path, repeat: int) -> dict[str, float]:
    article = bench._update_project(folder, 2000)
    po, pot = folder / "translations/zh_Hant/LC_MESSAGES/long.po", folder / "translations/templates/long.pot"
    old_po, old_pot = po.read_bytes(), pot.read_bytes()
    article.write_text(archive.revise(article.read_text(encoding="utf-8"), 0.1), encoding="utf-8")

    def prepare() -> Path:
        po.write_bytes(old_po), pot.write_bytes(old_pot)
        return folder
    return compare(prepare, baseline, repeat)


def scenario_archive(folder: Path, baseline: Path, repeat: int) -> dict[str, float]:
    rng = random.Random(1)
    root = folder / "archive"
    (root / "source/articles").mkdir(parents=True)
    (root / "pyproject.toml").write_text(archive.PYPROJECT, encoding="utf-8")
    corpus: list[str] = []
    for number in range(1, 21):
        paragraphs = [_paragraph(rng) for _ in range(100)]
        corpus += paragraphs
        _article(root, f"a{number}", number, paragraphs)
    update(root, HERE.parent)
    for path in (root / "translations/zh_Hant/LC_MESSAGES").glob("a*.po"):
        catalog = read_po(path.open("rb"))
        for message in catalog:
            if message.id:
                message.string = message.id.upper()
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=79)
        path.write_bytes(buffer.getvalue())
    pristine = folder / "pristine"
    shutil.copytree(root, pristine)
    new = [rng.choice(corpus) for _ in range(50)] + [_paragraph(rng) for _ in range(50)]

    def prepare() -> Path:
        shutil.rmtree(root)
        shutil.copytree(pristine, root)
        _article(root, "new", 28, new)
        return root
    return compare(prepare, baseline, repeat)


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."


def _article(root: Path, slug: str, number: int, paragraphs: list[str]) -> None:
    (root / f"source/articles/{slug}.md").write_text(
        f"---\ntitle: {slug}\nauthor:\n  name: A\ndate: 2025-01-{number:02d}\nseries: S\nnumber: {number}\n"
        f"summary: s{number}\nlang: en\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a diglot source tree without the memory")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, scenario in (("e", scenario_e), ("archive", scenario_archive)):
        with tempfile.TemporaryDirectory() as tmp:
            seconds = scenario(Path(tmp), args.baseline.resolve(), args.repeat)
        print(f"{name}: update CPU {seconds['memory']:.2f} s with the memory, {seconds['baseline']:.2f} s without "
              f"({seconds['memory'] / seconds['baseline']:.2f}x)")


if __name__ == "__main__":
    main()
