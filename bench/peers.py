"""diglot against its peers on the same archive: mdpo, translate-toolkit (md2po) and po4a.

The peers are installed here and nowhere else: mdpo and translate-toolkit in their own virtualenv,
``bench/.peers/`` (git-ignored; never in diglot's dependencies or lock), po4a from Debian when missing.
The archive is ``--peer-articles`` copies of No. 29 (this repository's ``source/articles``), each its
own file and catalog, as an editor's archive is. Every tool is timed as whole processes, the median of
``--repeat`` runs, each tool in turn so that a slow moment of the machine hits all of them:

- cold extraction: no template (and no cache) there;
- warm extraction: the same after one article gained a paragraph (each tool as it runs normally:
  diglot with its cache, po4a with its own timestamp check, mdpo merging into its catalog);
- update after that edit, the catalogs translated: diglot ``update``; po4a's run (msgmerge inside);
  mdpo into its existing catalog; translate-toolkit's md2po then pot2po; and, as the floor,
  GNU ``msgmerge`` run on every catalog of the archive, one after another, as one would by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import archive
from measure import Run, median, run

HERE = Path(__file__).parent
REPOSITORY = HERE.parent
PEERS = HERE / ".peers"
PEER_PACKAGES = ("mdpo==2.1.4", "translate-toolkit[markdown]==3.20.4")
NO29 = REPOSITORY / "source/articles/no-more-carrots.md"


def install_peers() -> dict[str, str]:
    """The peers, installed when missing; their versions."""
    python = PEERS / "bin/python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    if subprocess.run([str(python), "-c", "import mdpo, translate.convert.md2po, mistletoe"],
                      capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *PEER_PACKAGES], check=True)
    if shutil.which("po4a") is None:
        subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq",
                        "--no-install-recommends", "po4a"], check=True)
    versions = subprocess.run([str(python), "-c", "from importlib.metadata import version as v; "
                               "print(v('mdpo'), v('translate-toolkit'))"], capture_output=True, text=True,
                              check=True).stdout.split()
    po4a = subprocess.run(["po4a", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {"mdpo": versions[0], "translate-toolkit": versions[1], "po4a": po4a}


def write_corpus(root: Path, copies: int) -> list[Path]:
    """A diglot project of ``copies`` copies of No. 29, one file each; the article files."""
    (root / "source/articles").mkdir(parents=True)
    (root / "source/foundation").mkdir(parents=True)
    (root / "pyproject.toml").write_text(archive.PYPROJECT, encoding="utf-8")
    (root / "source/foundation/editorial-note.md").write_text(archive.NOTE, encoding="utf-8")
    text = NO29.read_text(encoding="utf-8")
    articles = [root / f"source/articles/no-29-{n:04d}.md" for n in range(1, copies + 1)]
    for path in articles:
        path.write_text(text, encoding="utf-8")
    _po4a_config(root, articles)
    return articles


def _po4a_config(root: Path, articles: list[Path]) -> None:
    """po4a's configuration for the archive: its quickest set-up, one template for every article."""
    lines = ["[po4a_langs] zh_TW", "[po4a_paths] po4a/archive.pot $lang:po4a/$lang.po"]
    lines += [f'[type: text] {a.relative_to(root)} $lang:po4a/out/$lang/{a.name} opt:"-o markdown"'
              for a in articles]
    (root / "po4a.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")


class Tools:
    """The commands of every tool on one corpus."""

    def __init__(self, root: Path, diglot: Path):
        self.root, self.diglot = root, diglot
        self.python = str(PEERS / "bin/python")

    def _run(self, *command: str) -> Run:
        return run(list(command), cwd=self.root)

    def clean(self) -> None:
        for name in ("translations", "build", "mdpo", "tt", "po4a"):
            shutil.rmtree(self.root / name, ignore_errors=True)

    # Extraction: the templates of every article.
    def diglot_extract(self) -> Run:
        return self._run(str(self.diglot), "--project", str(self.root), "extract")

    def mdpo_extract(self) -> Run:
        (self.root / "mdpo").mkdir(exist_ok=True)
        # By module: translate-toolkit installs a bin/md2po of its own beside it, and the last one installed wins.
        return self._run(self.python, "-m", "mdpo.md2po", "source/articles/*.md", "--quiet", "--save",
                         "--po-filepath", "mdpo/archive.po")

    def tt_extract(self) -> Run:
        (self.root / "tt").mkdir(exist_ok=True)
        return self._run(self.python, "-m", "translate.convert.md2po", "--progress=none", "-i", "source/articles",
                         "-o", "tt/templates")

    def po4a_extract(self, force: bool = True) -> Run:
        return self._run("po4a", "--no-translations", *(["--force"] if force else []), "po4a.cfg")

    # Update: the translations brought in line with the edited sources.
    def diglot_update(self) -> Run:
        return self._run(str(self.diglot), "--project", str(self.root), "update")

    def tt_update(self) -> Run:
        extracted = self.tt_extract()
        merged = self._run(self.python, "-m", "translate.convert.pot2po", "--progress=none", "-t", "tt/po",
                           "-i", "tt/templates", "-o", "tt/po")
        return Run(extracted.seconds + merged.seconds, max(extracted.max_rss_mb, merged.max_rss_mb))

    def msgmerge_all(self) -> Run:
        """GNU msgmerge on every catalog of the archive, one after another: the floor of an update."""
        each = [run(["msgmerge", "--quiet", "--previous", "--output-file", str(po.with_suffix(".merged")), str(po),
                     str(self.root / "translations/templates" / f"{po.stem}.pot")])
                for po in sorted((self.root / "translations").glob("*/LC_MESSAGES/*.po"))]
        return Run(sum(r.seconds for r in each), max(r.max_rss_mb for r in each))


def _edit(article: Path, attempt: int) -> None:
    with article.open("a", encoding="utf-8") as f:
        f.write(f"\nA paragraph the editor added, revision {attempt}.\n")


def compare(root: Path, args, diglot: Path) -> dict:
    """Extraction cold and warm, and update, of diglot and each peer on the same archive."""
    versions = install_peers()
    articles = write_corpus(root, args.peer_articles)
    tools = Tools(root, diglot)
    cold: dict[str, list[Run]] = {name: [] for name in ("diglot", "mdpo", "translate-toolkit", "po4a")}
    warm: dict[str, list[Run]] = {name: [] for name in cold}
    for attempt in range(args.repeat):
        tools.clean()
        cold["diglot"].append(tools.diglot_extract())
        cold["mdpo"].append(tools.mdpo_extract())
        cold["translate-toolkit"].append(tools.tt_extract())
        cold["po4a"].append(tools.po4a_extract())
        _edit(articles[attempt], attempt)
        warm["diglot"].append(tools.diglot_extract())
        warm["mdpo"].append(tools.mdpo_extract())
        warm["translate-toolkit"].append(tools.tt_extract())
        warm["po4a"].append(tools.po4a_extract(force=False))
    updates = _updates(root, tools, articles, args)
    cold_s = {name: median(runs) for name, runs in cold.items()}
    warm_s = {name: median(runs) for name, runs in warm.items()}
    return {"peers": {"versions": versions, "articles": args.peer_articles,
                      "extract_cold_seconds": cold_s, "extract_warm_seconds": warm_s, "update_seconds": updates,
                      "ratios": {
                          "cold_vs_po4a": cold_s["diglot"] / cold_s["po4a"],
                          "cold_vs_mdpo": cold_s["diglot"] / cold_s["mdpo"],
                          "cold_vs_translate_toolkit": cold_s["diglot"] / cold_s["translate-toolkit"],
                          "warm_vs_mdpo_cold": warm_s["diglot"] / cold_s["mdpo"],
                          "update_vs_msgmerge_all": updates["diglot"] / updates["msgmerge, every catalog"]}}}


def _updates(root: Path, tools: Tools, articles: list[Path], args) -> dict[str, float]:
    """Update after one article's edit, every catalog translated; each tool's median."""
    tools.clean()
    tools.diglot_update()
    archive.translate_all(root, tools.diglot)
    tools.diglot_update()  # laid out by msgmerge again, once filled
    tools.diglot_update()  # left as they were: from here on, the unedited catalogs are fixed points
    tools.mdpo_extract()
    tools.po4a_extract()
    tools.tt_extract()
    shutil.copytree(root / "tt/templates", root / "tt/po")
    runs: dict[str, list[Run]] = {"diglot": [], "mdpo": [], "translate-toolkit": [], "po4a": [],
                                  "msgmerge, every catalog": []}
    for attempt in range(args.repeat):
        _edit(articles[-1 - attempt], attempt)
        runs["diglot"].append(tools.diglot_update())
        runs["mdpo"].append(tools.mdpo_extract())
        runs["translate-toolkit"].append(tools.tt_update())
        runs["po4a"].append(tools.po4a_extract(force=False))
        runs["msgmerge, every catalog"].append(tools.msgmerge_all())
    return {name: median(values) for name, values in runs.items()}


def table(peers: dict, left: dict) -> list[str]:
    """The peer table as docs/performance.md shows it, with the CommonMark examples that keep text untranslated."""
    cold, warm, update = peers["extract_cold_seconds"], peers["extract_warm_seconds"], peers["update_seconds"]
    v = peers["versions"]
    names = {"diglot": "diglot", "mdpo": f"mdpo {v['mdpo']}", "translate-toolkit": f"translate-toolkit "
             f"{v['translate-toolkit']} (md2po)", "po4a": v["po4a"].replace("po4a version ", "po4a ").rstrip(".")}
    counts = left["examples_with_text_left"]
    lines = [f"| {peers['articles']} copies of No. 29 | extraction, cold | warm (one article edited) | "
             f"update after the edit | of {left['examples']} CommonMark examples, text left untranslated |",
             "|---|---|---|---|---|"]
    for name, shown in names.items():
        count = counts.get(name, "not measured")
        lines.append(f"| {shown} | {cold[name]:.2f} s | {warm[name]:.2f} s | {update[name]:.2f} s | {count} |")
    lines.append(f"| GNU msgmerge on every catalog | | | {update['msgmerge, every catalog']:.2f} s | |")
    return lines
