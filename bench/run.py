"""diglot at archive scale, measured against baselines in the same run. A benchmark, not a test.

    .venv/bin/python bench/run.py                 # the full run: about a quarter of an hour on two cores
    # a quick look, a minute or two:
    .venv/bin/python bench/run.py --articles 6 --parallel-articles 20 --messages 300 --repeat 1 --update-repeat 1
    .venv/bin/python bench/run.py --only ef       # only the scenarios named: here the update and the peers

Scenarios, each timed as whole processes (the median of several runs, alternating with its baseline):

a. a full build of an archive of ``--articles`` articles (clean ``build/``, default jobs) against the floor:
   the ``weasyprint`` command on the same print HTML files, one process per file, one after another
   (what rendering them costs without diglot). For reference also: WeasyPrint's API rendering all files
   in one process, and diglot with ``--jobs 1``.
b. a build with nothing changed, against the full build;
c. a build after one article's body was edited, against the full build; it must rebuild that article's
   outputs and nothing else (read from the build's progress log);
d. an archive of ``--parallel-articles`` articles built with ``--jobs 1`` and ``--jobs 2``, with peak memory;
e. ``diglot update`` of a ``--messages``-message catalog whose source was revised, against GNU
   ``msgmerge --previous`` alone on the same files, and Babel's ``Catalog.update`` for reference (once,
   stopped after ``--babel-timeout`` seconds);
f. extraction (cold, and warm after one article's edit) and update of ``--peer-articles`` copies of No. 29
   against mdpo, translate-toolkit and po4a (bench/peers.py installs them in ``bench/.peers``) and, for the
   update, GNU msgmerge run on every catalog; and the CommonMark spec examples whose translation keeps text
   of the source (bench/leftover.py);
g. a no-op build of ``--scale-articles`` articles in both languages and formats, and the memory of its
   full build against d's.

Writes the ratios, the timings and the machine to ``--output`` (default ``bench/results.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import archive
import leftover
import peers
from measure import Run, median, run

BIN = Path(sys.executable).parent
DIGLOT, WEASYPRINT = BIN / "diglot", BIN / "weasyprint"
HERE = Path(__file__).parent
SCENARIOS = "abcdefg"
_RENDER_ALL = """
import sys
from weasyprint import HTML
for source, target in zip(sys.argv[1::2], sys.argv[2::2]):
    HTML(filename=source).write_pdf(target)
"""

# The cost of a page in each language: diglot's renderer (one WeasyPrint set-up, the Chinese line layout
# installed) on the print HTML of each language, every file rendered once to warm up, then timed in CPU
# time (the process's own, which other work on the machine does not inflate as it does wall-clock time).
_PAGE_COST = """
import io, json, statistics, sys, time
from pathlib import Path
import pikepdf
from diglot.pdf.weasy import Renderer
root = Path(sys.argv[1])
renderer = Renderer(root)
htmls = {tag: sorted((root / tag).glob("*.html")) for tag in ("en", "zh-Hant")}
pages, seconds = {}, {tag: [] for tag in htmls}
for tag, files in htmls.items():
    pages[tag] = sum(len(pikepdf.open(io.BytesIO(renderer.pdf(html.read_text(encoding="utf-8"), html).data)).pages)
                     for html in files)
for _ in range(5):  # the languages alternate, so that a slow moment of the machine hits both
    for tag, files in htmls.items():
        start = time.process_time()
        for html in files:
            renderer.pdf(html.read_text(encoding="utf-8"), html)
        seconds[tag].append(time.process_time() - start)
print(json.dumps({tag: {"seconds": statistics.median(seconds[tag]), "pages": pages[tag]} for tag in htmls}))
"""


def main() -> None:
    args = _arguments()
    if args.peers:  # peers installed elsewhere (another checkout's bench/.peers), used where they are
        peers.PEERS = leftover.PEERS = Path(args.peers).resolve()
        leftover.SPEC = leftover.PEERS / "commonmark.json"
    work = Path(args.keep or tempfile.mkdtemp(prefix="diglot-bench-"))
    results = {"machine": _machine(), "parameters": vars(args) | {"keep": None}}
    steps = [("abc", lambda: scale(work / "archive", args)), ("a", lambda: publication_page_cost(work / "publication")),
             ("d", lambda: parallel(work / "parallel", args)), ("e", lambda: catalog_update(work / "update", args)),
             ("f", lambda: peers.compare(work / "peers", args, DIGLOT)),
             ("f", lambda: leftover.compare(work / "leftover", DIGLOT)), ("g", lambda: at_scale(work / "scale", args))]
    try:
        for letters, step in steps:
            if set(letters) & set(args.only):
                results |= step()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["targets"] = _verdicts(results)
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(results))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20, help="articles of the archive in a-c")
    parser.add_argument("--parallel-articles", type=int, default=200, help="articles of the archive in d")
    parser.add_argument("--messages", type=int, default=2000, help="messages of the catalog in e")
    parser.add_argument("--repeat", type=int, default=3, help="runs of a, b, c, f and g's no-op (median)")
    parser.add_argument("--parallel-repeat", type=int, default=1, help="runs of d (median)")
    parser.add_argument("--update-repeat", type=int, default=5, help="runs of e (median)")
    parser.add_argument("--babel-timeout", type=float, default=240, help="stop Babel's update after this")
    parser.add_argument("--peer-articles", type=int, default=200, help="copies of No. 29 in f")
    parser.add_argument("--scale-articles", type=int, default=500, help="articles of the archive in g")
    parser.add_argument("--only", default=SCENARIOS, type=_letters, metavar="LETTERS",
                        help="run only these scenarios, e.g. --only ef (default: all of abcdefg)")
    parser.add_argument("--peers", metavar="DIR", help="the peers' virtualenv (default: bench/.peers)")
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    return parser.parse_args()


def _letters(text: str) -> str:
    letters = text.replace(",", "").lower()
    if not letters or set(letters) - set(SCENARIOS):
        raise argparse.ArgumentTypeError(f"scenarios are letters of {SCENARIOS}")
    return letters


def diglot(root: Path, *args: str, **options) -> Run:
    return run([str(DIGLOT), "--project", str(root), *args], **options)


def scale(root: Path, args) -> dict:
    """Scenarios a, b and c on one archive."""
    archive.write_archive(root, args.articles, DIGLOT)
    runs: dict[str, list[Run]] = {name: [] for name in ("full", "noop", "edit", "floor", "api", "full_jobs1")}
    edits = []
    for attempt in range(args.repeat):
        shutil.rmtree(root / "build", ignore_errors=True)
        runs["full"].append(diglot(root, "build"))
        runs["noop"].append(diglot(root, "build"))
        slug = f"paper-{attempt + 1:04d}"
        _edit_body(root / f"source/articles/{slug}.md")
        runs["edit"].append(diglot(root, "build"))
        edits.append(_rebuilt(runs["edit"][-1].stdout) == _outputs_of(slug))
        htmls = sorted((root / "build/print").glob("*/*.html"))
        if attempt == 0:
            page_cost = json.loads(run([sys.executable, "-c", _PAGE_COST, str(root / "build/print")]).stdout)
        runs["floor"].append(_floor(htmls, root / "floor"))
        runs["api"].append(run([sys.executable, "-c", _RENDER_ALL, *_pairs(htmls, root / "floor")]))
        shutil.rmtree(root / "build")
        runs["full_jobs1"].append(diglot(root, "build", "--jobs", "1"))
    seconds = {name: median(values) for name, values in runs.items()}
    per_page = {tag: cost["seconds"] / cost["pages"] for tag, cost in page_cost.items()}
    return {"archive": {"articles": args.articles, "pdfs": len(htmls), "seconds": seconds, "page_cost": page_cost,
                        "edited_article_rebuilt_only_its_outputs": all(edits),
                        "edited_article_rebuilt": sorted(_rebuilt(runs["edit"][-1].stdout))},
            "ratios": {"full_vs_floor": seconds["full"] / seconds["floor"],
                       "full_vs_api_floor": seconds["full"] / seconds["api"],
                       "full_jobs1_vs_api_floor": seconds["full_jobs1"] / seconds["api"],
                       "chinese_vs_english_page": per_page["zh-Hant"] / per_page["en"],
                       "noop_vs_full": seconds["noop"] / seconds["full"],
                       "edit_vs_full": seconds["edit"] / seconds["full"]}}


def publication_page_cost(root: Path) -> dict:
    """The page costs of a., on the foundation's own No. 29: real Chinese and English text."""
    root.mkdir(parents=True)
    for name in ("source", "translations"):
        shutil.copytree(HERE.parent / name, root / name)
    shutil.copy(HERE.parent / "pyproject.toml", root)
    diglot(root, "build", "--format", "pdf")
    cost = json.loads(run([sys.executable, "-c", _PAGE_COST, str(root / "build/print")]).stdout)
    per_page = {tag: c["seconds"] / c["pages"] for tag, c in cost.items()}
    return {"publication": {"page_cost": cost},
            "ratios_publication": {"chinese_vs_english_page": per_page["zh-Hant"] / per_page["en"]}}


def _floor(htmls: list[Path], out: Path) -> Run:
    """The weasyprint command over the files, one process each, one after another: one summed Run."""
    out.mkdir(exist_ok=True)
    each = [run([str(WEASYPRINT), str(html), str(out / f"{html.parent.name}-{html.stem}.pdf")]) for html in htmls]
    return Run(sum(r.seconds for r in each), max(r.max_rss_mb for r in each))


def _pairs(htmls: list[Path], out: Path) -> list[str]:
    return [str(p) for html in htmls for p in (html, out / f"{html.parent.name}-{html.stem}.pdf")]


def _edit_body(path: Path) -> None:
    """Reword the first paragraph of an article: its body changes, its front matter does not."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(head + "\n---\n\n" + "Revised. " + body, encoding="utf-8")


def _rebuilt(log: str) -> set[str]:
    """The outputs a build rebuilt, from its plain progress lines (``build: [3/12] print/en/x.pdf``)."""
    return set(re.findall(r"^build: \[\d+/\d+\] (\S+)$", log, re.M))


def _outputs_of(slug: str) -> set[str]:
    return {f"{edition}/{lang}/{slug}.{ext}" for lang in ("en", "zh-Hant", "en.zh-Hant")  # and side by side
            for edition, ext in (("print", "pdf"), ("web", "html"), ("web", "pdf"))}


def parallel(root: Path, args) -> dict:
    """Scenario d: the same archive built on one core and on two, clean each time."""
    archive.write_archive(root, args.parallel_articles, DIGLOT)
    runs: dict[str, list[Run]] = {"jobs1": [], "jobs2": []}
    for _ in range(args.parallel_repeat):
        for jobs in ("1", "2"):
            shutil.rmtree(root / "build", ignore_errors=True)
            runs[f"jobs{jobs}"].append(diglot(root, "build", "--jobs", jobs, sample_memory=True))
    seconds = {name: median(values) for name, values in runs.items()}
    memory = {name: {"max_process_rss_mb": max(r.max_rss_mb for r in values),
                     "tree_rss_mb": max(r.tree_rss_mb for r in values),
                     "tree_pss_mb": max(r.tree_pss_mb for r in values)} for name, values in runs.items()}
    speedup = seconds["jobs1"] / seconds["jobs2"]
    return {"parallel": {"articles": args.parallel_articles, "seconds": seconds, "memory": memory,
                         "speedup_jobs2": speedup, "efficiency_jobs2": speedup / 2}}


def at_scale(root: Path, args) -> dict:
    """Scenario g: a no-op build of a large archive, both languages and formats, and the full build's memory."""
    archive.write_archive(root, args.scale_articles, DIGLOT)
    full = diglot(root, "build", sample_memory=True)
    noops = [diglot(root, "build") for _ in range(args.repeat)]
    if any(_rebuilt(r.stdout) for r in noops):
        raise RuntimeError("a no-op build rebuilt something")
    return {"scale": {"articles": args.scale_articles, "full_seconds": full.seconds, "noop_seconds": median(noops),
                      "memory": {"max_process_rss_mb": full.max_rss_mb, "tree_rss_mb": full.tree_rss_mb,
                                 "tree_pss_mb": full.tree_pss_mb}}}


def catalog_update(root: Path, args) -> dict:
    """Scenario e: one long article revised; diglot update against msgmerge alone, and Babel's update."""
    article = _update_project(root, args.messages)
    po, pot = root / "translations/zh_Hant/LC_MESSAGES/long.po", root / "translations/templates/long.pot"
    old_po, old_pot = po.read_bytes(), pot.read_bytes()
    article.write_text(archive.revise(article.read_text(encoding="utf-8"), 0.1), encoding="utf-8")
    diglot(root, "update")
    new_pot = root / "new.pot"
    shutil.copy(pot, new_pot)
    (root / "old.po").write_bytes(old_po)
    runs: dict[str, list[Run]] = {"diglot_update": [], "msgmerge": []}
    for _ in range(args.update_repeat):
        po.write_bytes(old_po), pot.write_bytes(old_pot)
        runs["diglot_update"].append(diglot(root, "update"))
        runs["msgmerge"].append(run(["msgmerge", "--quiet", "--previous", "--output-file", str(root / "merged.po"),
                                     str(root / "old.po"), str(new_pot)]))
    seconds = {name: median(values) for name, values in runs.items()}
    babel = _babel_update(root, new_pot, args.babel_timeout)
    messages = sum(1 for line in old_po.decode().splitlines() if line.startswith("msgid ")) - 1
    return {"update": {"messages": messages, "seconds": seconds | {"babel_update": babel}},
            "ratios_update": {"update_vs_msgmerge": seconds["diglot_update"] / seconds["msgmerge"],
                              "babel_vs_msgmerge": babel / seconds["msgmerge"] if babel else None}}


def _update_project(root: Path, messages: int) -> Path:
    """A project of one long article, translated, its catalogs laid out as msgmerge lays them out."""
    (root / "source/articles").mkdir(parents=True)
    (root / "source/foundation").mkdir(parents=True)
    (root / "pyproject.toml").write_text(archive.PYPROJECT, encoding="utf-8")
    (root / "source/foundation/editorial-note.md").write_text(archive.NOTE, encoding="utf-8")
    article = root / "source/articles/long.md"
    article.write_text(archive.long_article(messages), encoding="utf-8")
    archive.translate_all(root, DIGLOT)
    diglot(root, "update")
    return article


def _babel_update(root: Path, pot: Path, timeout: float) -> float | None:
    script = ("import sys\nfrom babel.messages.pofile import read_po, write_po\n"
              "catalog = read_po(open(sys.argv[1], 'rb'))\ncatalog.update(read_po(open(sys.argv[2], 'rb')))\n"
              "write_po(open(sys.argv[3], 'wb'), catalog, width=79)\n")
    try:
        return run([sys.executable, "-c", script, str(root / "old.po"), str(pot), str(root / "babel.po")],
                   timeout=timeout).seconds
    except TimeoutError:
        return None


def _verdicts(results: dict) -> dict:
    """The issue's targets, each met or not by this run; those of scenarios not run are left out."""
    r = results
    articles = r.get("scale", {}).get("articles", "--scale-articles")
    checks = {
        "cold extraction <= po4a": lambda: r["peers"]["ratios"]["cold_vs_po4a"] <= 1.0,
        "warm extraction (one article edited) <= mdpo cold": lambda: r["peers"]["ratios"]["warm_vs_mdpo_cold"] <= 1.0,
        "update <= 1.0x msgmerge alone": lambda: r["ratios_update"]["update_vs_msgmerge"] <= 1.0,
        "archive update <= 1.0x msgmerge on every catalog":
            lambda: r["peers"]["ratios"]["update_vs_msgmerge_all"] <= 1.0,
        "full build <= 0.5x WeasyPrint's API": lambda: r["ratios"]["full_vs_api_floor"] <= 0.5,
        f"no-op build <= 0.3 s at {articles} articles": lambda: r["scale"]["noop_seconds"] <= 0.3,
        "full build <= 1.0x floor": lambda: r["ratios"]["full_vs_floor"] <= 1.0,
        "full build <= 0.6x WeasyPrint's API": lambda: r["ratios"]["full_vs_api_floor"] <= 0.6,
        "a Chinese page <= 1.2x an English one": lambda: r["ratios"]["chinese_vs_english_page"] <= 1.2,
        "no-op rebuild <= 0.1x full build": lambda: r["ratios"]["noop_vs_full"] <= 0.1,
        "one edited article rebuilds only its outputs": lambda: r["archive"]["edited_article_rebuilt_only_its_outputs"],
        "--jobs 2 >= 1.7x faster than --jobs 1": lambda: r["parallel"]["speedup_jobs2"] >= 1.7,
        "peak memory <= 1 GB (tree RSS, jobs 2)": lambda: r["parallel"]["memory"]["jobs2"]["tree_rss_mb"] <= 1024,
        "memory flat in the number of articles (g's peak <= 1.25x d's)":
            lambda: r["scale"]["memory"]["tree_rss_mb"] <= 1.25 * r["parallel"]["memory"]["jobs2"]["tree_rss_mb"],
    }
    verdicts = {}
    for name, check in checks.items():
        try:
            verdicts[name] = check()
        except KeyError:  # a scenario this run left out
            continue
    return verdicts


def summary(results: dict) -> str:
    """The results as docs/performance.md shows them: the rows of the scenarios this run measured."""
    lines = [f"machine: {results['machine']['cpus']} cores, {results['machine']['platform']}", "",
             "| scenario | measured | ratio |", "|---|---|---|"]
    if "archive" in results:
        lines += _rows_abc(results)
    if "parallel" in results:
        p = results["parallel"]
        lines += [f"| d. {p['articles']} articles, `--jobs 2` vs `--jobs 1` | {p['seconds']['jobs2']:.1f} s vs "
                  f"{p['seconds']['jobs1']:.1f} s | {p['speedup_jobs2']:.2f}× faster ({p['efficiency_jobs2']:.0%}) |",
                  f"| d. peak memory, `--jobs 2`: tree RSS / PSS / largest process | "
                  f"{_memory(p['memory']['jobs2'])} | |"]
    if "update" in results:
        u = results["update"]
        babel = u["seconds"]["babel_update"]
        lines += [f"| e. `update`, {u['messages']} messages, vs `msgmerge` alone | "
                  f"{u['seconds']['diglot_update']:.2f} s vs {u['seconds']['msgmerge']:.2f} s | "
                  f"{results['ratios_update']['update_vs_msgmerge']:.2f}× |",
                  "| e. (ref.) Babel's `Catalog.update` vs `msgmerge` | " + (
                      f"{babel:.1f} s | {results['ratios_update']['babel_vs_msgmerge']:.0f}× |" if babel else
                      f"> {results['parameters']['babel_timeout']:.0f} s (stopped) | |")]
    if "scale" in results:
        g = results["scale"]
        lines += [f"| g. no-op rebuild, {g['articles']} articles (both languages, HTML and PDF) | "
                  f"{g['noop_seconds']:.2f} s | |",
                  f"| g. peak memory of its full build: tree RSS / PSS / largest process | {_memory(g['memory'])} | |"]
    if "peers" in results:
        lines += ["", *peers.table(results["peers"], results["left_behind"])]
    if "archive" in results:
        lines += ["", "edited article rebuilt: " + ", ".join(results["archive"]["edited_article_rebuilt"])]
    lines += ["", *(f"{'met' if met else 'NOT MET'}: {name}" for name, met in results["targets"].items())]
    return "\n".join(lines)


def _rows_abc(results: dict) -> list[str]:
    r, a = results["ratios"], results["archive"]
    return [
        f"| a. full build, {a['articles']} articles ({a['pdfs']} PDFs) vs `weasyprint` per file | "
        f"{a['seconds']['full']:.1f} s vs {a['seconds']['floor']:.1f} s | {r['full_vs_floor']:.2f}× |",
        f"| a. (ref.) full build vs WeasyPrint's API, one process | {a['seconds']['full']:.1f} s vs "
        f"{a['seconds']['api']:.1f} s | {r['full_vs_api_floor']:.2f}× |",
        f"| a. (ref.) full build `--jobs 1` vs WeasyPrint's API, one process | {a['seconds']['full_jobs1']:.1f} s"
        f" vs {a['seconds']['api']:.1f} s | {r['full_jobs1_vs_api_floor']:.2f}× |",
        f"| a. a Chinese page vs an English one (diglot's renderer, one process) | "
        f"{_ms_per_page(a['page_cost']['zh-Hant'])} vs {_ms_per_page(a['page_cost']['en'])} | "
        f"{r['chinese_vs_english_page']:.2f}× |",
        f"| a. (ref.) the same on No. 29, the publication's own article | "
        f"{_ms_per_page(results['publication']['page_cost']['zh-Hant'])} vs "
        f"{_ms_per_page(results['publication']['page_cost']['en'])} | "
        f"{results['ratios_publication']['chinese_vs_english_page']:.2f}× |",
        f"| b. no-op rebuild vs full build | {a['seconds']['noop']:.2f} s | {r['noop_vs_full']:.3f}× |",
        f"| c. one edited article vs full build | {a['seconds']['edit']:.2f} s | {r['edit_vs_full']:.3f}× |",
    ]


def _memory(memory: dict) -> str:
    return f"{memory['tree_rss_mb']:.0f} / {memory['tree_pss_mb']:.0f} / {memory['max_process_rss_mb']:.0f} MB"


def _ms_per_page(cost: dict) -> str:
    return f"{1000 * cost['seconds'] / cost['pages']:.0f} ms/page ({cost['pages']} pages)"


def _machine() -> dict:
    import weasyprint

    import diglot

    msgmerge = subprocess.run(["msgmerge", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    subset = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "diglot": diglot.__version__, "weasyprint": weasyprint.__version__, "msgmerge": msgmerge,
            "libharfbuzz-subset": "libharfbuzz-subset.so" in subset}


if __name__ == "__main__":
    main()
