"""The command line: parses arguments, calls the library, prints, and chooses the exit status.

Exit status: 0 done, 1 checks failed (``status --strict``, ``check``), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from diglot import __version__
from diglot.config import FORMATS, PRESS_FORMAT, Config, load_config
from diglot.errors import DiglotError
from diglot.files.controls import FORBIDDEN
from diglot.files.lock import project_lock
from diglot.findings import WARNING, Finding
from diglot.layout import review as review_path
from diglot.sources.listing import skipped_files

if TYPE_CHECKING:
    from diglot.catalogs.fallback import Fallback
    from diglot.outputs.build import BuildReport

# Each command imports the stages it runs when it runs: an update has no use for Jinja2 or WeasyPrint,
# and start-up time is paid on every call.

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

Command = Callable[[Config, argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config(Path(args.project).resolve())
        _say_skipped(config)
        run: Command = args.run
        if not getattr(args, "writes", False):
            return run(config, args)
        with project_lock(config.root, on_wait=_waiting):
            return run(config, args)
    except DiglotError as error:
        _say(_relative(str(error)), sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:  # a limit should have caught it first; still one line, never a traceback
        _say("error: the input is nested too deeply to read; simplify it or lower the nesting", sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("diglot: interrupted; every file is as it was or complete", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (diglot status | head): nothing left to say to it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit must not fail again
        return EXIT_OK


def _say_skipped(config: Config) -> None:
    """A file of the document folders that is no document is named, never passed over in silence."""
    for path, reason in skipped_files(config.source_dir):
        _say(f"note: {path.relative_to(config.root)} skipped: {reason}", sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diglot", description="Bilingual publishing through gettext catalogs.")
    parser.add_argument("--version", action="version", version=f"diglot {__version__}")
    parser.add_argument("--project", default=".", help="the project's top folder (default: here)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="write translations/templates/<domain>.pot from the sources")
    extract.set_defaults(run=_extract, writes=True)

    update = commands.add_parser("update", help="extract, then create or merge every language's PO files")
    update.set_defaults(run=_update, writes=True)

    build = commands.add_parser("build", help="write the web (HTML) and print (PDF) editions")
    build.add_argument("--format", choices=(*FORMATS, PRESS_FORMAT), action="append",
                       help="only this format (repeatable; default: html and pdf; press: the PDF/X-4 press "
                            "edition for the print shop, built only when asked for)")
    build.add_argument("--locale", action="append", help="only this language, e.g. zh_Hant (repeatable)")
    build.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                       help="render PDFs in N processes (default: every core)")
    build.add_argument("--force", action="store_true", help="rebuild every output, changed or not")
    build.add_argument("--verbose", "-v", action="store_true", help="list every untranslated message")
    build.set_defaults(run=_build, writes=True)

    serve = commands.add_parser("serve", help="preview the web edition on localhost, rebuilt and reloaded live")
    serve.add_argument("--port", type=_port, default=8000, help="the port on 127.0.0.1 (default: 8000; 0: any free)")
    serve.add_argument("--pdf", action="store_true", help="make the print edition too (slower rebuilds)")
    serve.set_defaults(run=_serve)

    receive = commands.add_parser("receive", help="take in a translated PO file once it validates")
    receive.add_argument("file", type=Path, help="the PO file received, e.g. from a translator or Weblate")
    receive.add_argument("--domain", help="its domain (slug), when neither its name nor its #: references say")
    receive.add_argument("--language", help="its language, when its Language header does not say")
    receive.set_defaults(run=_receive, writes=True)

    status = commands.add_parser("status", help="translated, fuzzy and untranslated messages per catalog")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument("--strict", action="store_true", help="exit 1 unless everything is translated")
    status.set_defaults(run=_status)

    check = commands.add_parser("check", help="check every translation's Markdown and Taiwan Chinese")
    check.add_argument("--locale", action="append", help="only this language, e.g. zh_Hant (repeatable)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(run=_check)

    review = commands.add_parser("review", help="write a catalog's review edition (HTML and PDF) in build/review")
    review.add_argument("domain", metavar="SLUG", help="the article or note (its slug), or site")
    review.add_argument("--locale", help="the translation to review, e.g. zh_Hant (default: the document's one "
                        "target language)")
    review.add_argument("--format", choices=FORMATS, action="append", help="only this format (default: both)")
    review.set_defaults(run=_review, writes=True)

    glossary = commands.add_parser("glossary", help="validate translations/glossary/*.csv")
    glossary.add_argument("--tbx", action="store_true", help="also write each glossary's TBX export")
    glossary.set_defaults(run=_glossary, writes=True)

    _add_editor_commands(commands)
    return parser


def _add_editor_commands(commands: Any) -> None:
    """A new article, the spelling check and the translation memory's TMX exchange."""
    new = commands.add_parser("new", help="write source/articles/<slug>.md with complete, commented front matter")
    new.add_argument("slug", metavar="SLUG", help="the article's name in URLs and catalogs, e.g. taiwan-strait")
    new.add_argument("--lang", help="the language it is written in (default: the site's source language)")
    new.add_argument("--title", help="its title (default: a placeholder to replace)")
    new.add_argument("--date", type=_date, help="its date, YYYY-MM-DD (default: today)")
    new.set_defaults(run=_new, writes=True)

    spell = commands.add_parser("spell", help="check the spelling of the sources (it changes nothing)")
    spell.add_argument("--strict", action="store_true", help="exit 1 when there is a warning")
    spell.set_defaults(run=_spell)

    tmx = commands.add_parser("tmx", help="exchange the translation memory as TMX 1.4 (OmegaT, Trados, Weblate)")
    tmx_commands = tmx.add_subparsers(required=True, metavar="ACTION")
    tmx_export = tmx_commands.add_parser("export", help="write every translation of the project as TMX")
    tmx_export.add_argument("--output", "-o", type=Path, default=Path("build/memory.tmx"),
                            help="the TMX file, inside build/ or translations/ (default: build/memory.tmx)")
    tmx_export.set_defaults(run=_tmx_export, writes=True)
    tmx_import = tmx_commands.add_parser("import", help="keep a TMX file's translations as a memory, then update")
    tmx_import.add_argument("file", type=Path, help="the TMX file, e.g. exported by OmegaT or Trados")
    tmx_import.set_defaults(run=_tmx_import, writes=True)


def _new(config: Config, args: argparse.Namespace) -> int:
    from diglot.sources.newarticle import new_article  # lazy: a command imports its own stage only

    language = config.language(args.lang) if args.lang else config.source_language
    made = new_article(config, args.slug, language, args.title, args.date)
    print(f"new: {made.path} written: No. {made.number} of {config.series}, {made.date.isoformat()}, "
          f"in {language.code}")
    print("new: fill in its front matter and body, then run diglot update")
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _extract(config: Config, args: argparse.Namespace) -> int:
    from diglot.catalogs.extract import extract  # lazy: a command imports its own stage only

    changed = extract(config)
    print(f"extract: {len(changed)} template catalog(s) changed" + _list(config, changed))
    return EXIT_OK


def _update(config: Config, args: argparse.Namespace) -> int:
    from diglot.catalogs.update import update  # lazy: a command imports its own stage only

    changed = update(config)
    print(f"update: {len(changed)} catalog(s) changed" + _list(config, changed))
    return EXIT_OK


def _build(config: Config, args: argparse.Namespace) -> int:
    from diglot.outputs.build import build  # lazy: a command imports its own stage only

    languages = tuple(config.language(code) for code in args.locale) if args.locale else None
    # A bar on a terminal; otherwise plain lines on stdout, keeping stderr for warnings and errors.
    with _ProgressLine(sys.stderr if sys.stderr.isatty() else sys.stdout) as progress:
        report = build(config, tuple(args.format or FORMATS), languages, jobs=args.jobs,
                                progress=progress, force=args.force)
    for line in report.warnings + _fallback_lines(report.fallbacks, args.verbose):
        _say(line, sys.stderr)
    for path in report.removed:
        print(f"build: removed {path.relative_to(config.root)} (its source is gone, or its edition is withheld)",
              file=sys.stderr)
    for path in report.edited:
        _say(f"{path.relative_to(config.root)}: warning: changed since diglot built it, and left as it is; "
             "diglot build --force makes it again [edited]", sys.stderr)
    for edition in report.withheld:
        print(f"build: withheld {edition}: its translation is behind its source (stale-editions policy "
              "withhold); diglot status says how far", file=sys.stderr)
    print(f"build: {len(report.written)} file(s) written in {config.build_dir.relative_to(config.root)}/, "
          f"{len(report.rebuilt)} output(s) rebuilt, {report.up_to_date} up to date")
    return EXIT_OK


def _serve(config: Config, args: argparse.Namespace) -> int:
    from diglot.outputs.serve import Preview  # lazy: a command imports its own stage only

    def built(report: BuildReport | None, error: DiglotError | None) -> None:
        if error is not None:
            print(_relative(str(error)), file=sys.stderr)
        elif report is not None and report.rebuilt:
            print(f"serve: {len(report.rebuilt)} output(s) rebuilt, {report.up_to_date} up to date", flush=True)

    try:
        preview = Preview(config, args.port, ("html", "pdf") if args.pdf else ("html",), built)
    except OSError as error:
        raise DiglotError(None, None, f"cannot listen on 127.0.0.1:{args.port} ({error.strerror})",
                          "pass another --port") from None
    preview.start()
    print(f"serve: {preview.url} (Ctrl-C to stop)", flush=True)
    try:
        preview.serve_forever()
    finally:
        preview.stop()
    return EXIT_OK


def _receive(config: Config, args: argparse.Namespace) -> int:
    from diglot.exchange.incoming import receive  # lazy: a command imports its own stage only

    received = receive(config, Path(os.path.abspath(args.file)), args.domain, args.language)
    for finding in received.findings:
        _say(str(finding), sys.stderr)
    target = received.target.relative_to(config.root)
    if not received.accepted:
        _say(f"receive: {args.file} rejected, {target} left as it was", sys.stderr)
        return EXIT_FAILED
    _say(f"receive: {args.file} merged into {target}" + ("" if received.changed else " (no change)"), sys.stdout)
    return EXIT_OK


class _ProgressLine:
    """Build progress on ``stream``: a bar redrawn in place on a terminal, one plain line per output
    elsewhere (CI logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.tty:
            print(f"build: [{done}/{total}] {name}", file=self.stream, flush=True)
            return
        width = shutil.get_terminal_size().columns
        filled = 24 * done // total
        line = f"build [{'#' * filled}{'.' * (24 - filled)}] {done}/{total} {name}"
        self.stream.write("\r" + line[: width - 1].ljust(width - 1))
        self.stream.flush()
        self.drawn = True

    def __enter__(self) -> _ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes, 1 or more")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a whole number from 0 (any free) to 65535")
    return int(text)


def _status(config: Config, args: argparse.Namespace) -> int:
    from diglot.catalogs.status import (  # lazy: a command imports its own stage only
        catalog_status,
        edition_counts,
        orphaned_catalogs,
    )

    rows = catalog_status(config)
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        print(f"{'domain':<28} {'language':<9} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'words left':>10}")
        for row in rows:
            print(f"{row.domain:<28} {row.language:<9} {row.translated:>5}/{row.total:<4} {row.fuzzy:>6} "
                  f"{row.untranslated:>12} {row.words_left:>10}")
        for row in rows:
            if row.stale:
                where = "every edition" if row.kind == "note" else "the edition"
                current, total = edition_counts(rows, row)
                notes = " (with the notes)" if total != row.total else ""
                print(f"stale: {row.language} {row.domain}: {current} of {total} messages current{notes}; "
                      f"{where} {_POLICY_SAYS[row.policy]} (stale-editions: {row.policy})")
        for path in orphaned_catalogs(config):
            print(f"orphan: {path}: no document is called {path.stem}; its translations are offered to every "
                  "update as memory, and an article renamed from it takes it over on diglot update (or delete it)")
        for row in rows:
            if not row.complete:  # where the rest can be read, source and translation side by side
                print(f"status: {row.domain} ({row.language}): diglot review {row.domain} --locale {row.language} "
                      f"writes build/{row.review}")
    return EXIT_FAILED if args.strict and not all(row.complete for row in rows) else EXIT_OK


_POLICY_SAYS = {"source": "shows the pending passages in the original language",
                "previous": "shows the pending passages' previous translation, marked outdated",
                "withhold": "is withheld from the build until the translation is complete"}


def _review(config: Config, args: argparse.Namespace) -> int:
    from diglot.editions.review import make_review  # lazy: a command imports its own stage only

    formats = tuple(args.format or FORMATS)
    language = config.language(args.locale) if args.locale else None
    report, written = make_review(config, args.domain, language, with_pdf="pdf" in formats)
    status = report.status
    print(f"review: {report.catalog}: {status.translated}/{status.total} translated, {status.fuzzy} fuzzy, "
          f"{status.untranslated} untranslated, {len(report.findings)} check finding(s)")
    for extension in formats:
        path = config.build_dir / review_path(report.language, report.domain.name, extension)
        state = "written" if path in written else "unchanged"
        print(f"review: {path.relative_to(config.root)} {state}")
    return EXIT_OK


def _check(config: Config, args: argparse.Namespace) -> int:
    from diglot.checks import ERROR, check_project  # lazy: a command imports its own stage only

    languages = tuple(config.language(code) for code in args.locale) if args.locale else None
    findings = check_project(config, languages)
    for finding in findings:
        _say(str(finding), sys.stdout)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    print(f"check: {errors} error(s), {warnings} warning(s)")
    return EXIT_FAILED if errors or (args.strict and warnings) else EXIT_OK


def _glossary(config: Config, args: argparse.Namespace) -> int:
    from diglot.catalogs.glossary import glossaries, tbx_path, write_tbx  # lazy: a command imports its own stage only

    found = glossaries(config)
    for glossary in found:
        line = f"glossary: {glossary.path}: {len(glossary.terms)} term(s)"
        if args.tbx:
            state = "written" if write_tbx(config, glossary) else "unchanged"
            line += f"; {tbx_path(config, glossary.target).relative_to(config.root)} {state}"
        print(line)
    if not found:
        print("glossary: none (translations/glossary/<language>.csv)")
    return EXIT_OK


def _spell(config: Config, args: argparse.Namespace) -> int:
    from diglot.checks.spelling import check_spelling  # lazy: a command imports its own stage only

    findings = check_spelling(config)
    for finding in findings:
        _say(str(finding), sys.stdout)
    print(f"spell: {len(findings)} warning(s)")
    return EXIT_FAILED if args.strict and findings else EXIT_OK


def _tmx_export(config: Config, args: argparse.Namespace) -> int:
    from diglot.exchange.tmx import export_tmx, translation_units  # lazy: a command imports its own stage only

    output = args.output if args.output.is_absolute() else config.root / args.output
    changed = export_tmx(config, output)
    print(f"tmx: {len(translation_units(config))} translation unit(s) in {_shown(config, output)}"
          + ("" if changed else " (unchanged)"))
    return EXIT_OK


def _tmx_import(config: Config, args: argparse.Namespace) -> int:
    from diglot.catalogs.update import update  # lazy: a command imports its own stage only
    from diglot.exchange.tmx import import_tmx  # lazy: a command imports its own stage only

    imported = import_tmx(config, args.file.resolve())
    for finding in imported.findings:
        print(f"{args.file}:{finding.line}: {finding.severity}: {finding.message}; not imported [{finding.rule}]",
              file=sys.stderr)
    skipped = "".join(f", {n} skipped ({why})" for why, n in sorted(imported.skipped.items()))
    print(f"tmx: {imported.kept} translation(s) kept from {args.file}, {len(imported.findings)} refused{skipped}"
          + _list(config, imported.written))
    changed = update(config)
    print(f"update: {len(changed)} catalog(s) changed" + _list(config, changed))
    return EXIT_OK


def _shown(config: Config, path: Path) -> str:
    return str(path.relative_to(config.root)) if path.is_relative_to(config.root) else str(path)


def _fallback_lines(fallbacks: list[Fallback], verbose: bool) -> list[str]:
    """One warning per catalog (or per message with --verbose): how many fell back, and where."""
    by_catalog: dict[Path, list[Fallback]] = defaultdict(list)
    for fallback in fallbacks:
        by_catalog[fallback.catalog].append(fallback)
    lines = [str(Finding(f.catalog, f.line, f"translation not published, the source text stands in: {f.reason}",
                         f.rule or "unsafe", WARNING)) for f in fallbacks if f.state == "unsafe"]
    for catalog, items in by_catalog.items():
        outdated = sorted(f.line or 0 for f in items if f.state == "outdated")
        if outdated:
            lines.append(f"{catalog}:{outdated[0]}: warning: {len(outdated)} fuzzy message(s) shown in their "
                         f"previous translation, marked outdated (lines {', '.join(map(str, outdated[:10]))}"
                         f"{', …' if len(outdated) > 10 else ''}) [outdated]")
        items = [f for f in items if f.state not in ("unsafe", "outdated")]
        if not items:
            continue
        if verbose:
            lines += [str(Finding(catalog, f.line or 0, f"{f.state} message shown in the source language: "
                                  f"{_excerpt(f.msgid)}", "fallback", WARNING)) for f in items]
            continue
        counts = ", ".join(f"{n} {state}" for state, n in sorted(Counter(f.state for f in items).items()))
        numbers = sorted(f.line for f in items if f.line)
        where = ", ".join(map(str, numbers[:10])) + (", …" if len(numbers) > 10 else "")
        first = numbers[0] if numbers else 0
        lines.append(str(Finding(catalog, first, f"{counts} message(s) shown in the source language"
                                 + (f" (lines {where})" if where else "; run diglot update"), "fallback", WARNING)))
    return lines


def _excerpt(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= width else flat[: width - 1] + "…", ensure_ascii=False)


def _list(config: Config, paths: list[Path]) -> str:
    return "".join(f"\n  {p.relative_to(config.root)}" + ("" if p.exists() else " (removed)") for p in paths)


def _waiting(holder: str) -> None:
    _say(f"diglot: waiting for {holder} to finish with this project", sys.stderr)


# Line ends, tabs and what diglot.files.controls refuses in text (control characters, bidirectional controls,
# invisible characters): a message echoes file names and texts that others wrote, and must not drive the
# terminal or read differently from what it says.
_UNPRINTABLE = re.compile("[\t\n\r]|" + FORBIDDEN.pattern)


def printable(text: str) -> str:
    """``text`` with every control character spelt out (``\\x1b``, ``\\n``): it prints as one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _say(text: str, stream: TextIO) -> None:
    """Print one message as one line, free of control characters."""
    print(printable(text), file=stream)


def _relative(message: str) -> str:
    cwd = str(Path.cwd()) + "/"
    return message.replace(cwd, "")
