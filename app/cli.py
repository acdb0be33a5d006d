"""The ``lantai`` command: the GUI when there is a display, sub-commands for headless use."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.catalog.description import FIELDS
from app.config import SettingsError
from app.imaging.errors import UnreadableFile

# The catalog (SQLAlchemy), the pipeline and PyMuPDF are imported by the commands that use
# them: OCR workers are spawned, and each re-imports this module before it can start.

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    from app.catalog.cataloguing import CommitRefused
    from app.workspace import WorkspaceError

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if not args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except (WorkspaceError, SettingsError, UnreadableFile, CommitRefused) as exc:
        print(f"lantai: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="catalog, file store and logs (default: $LANTAI_DATA_DIR or the user data dir)")
    common.add_argument("--profile", default=argparse.SUPPRESS, help="station profile from settings.toml")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS)
    return common


def build_parser() -> argparse.ArgumentParser:
    # The sub-commands' copies must keep their SUPPRESS defaults, so that `lantai --data-dir X
    # items` is not undone by the sub-command; parents share Action objects, and the top-level
    # set_defaults() below would otherwise reset them to None, so the top level gets its own.
    common = _common_options()
    parser = argparse.ArgumentParser(prog="lantai", parents=[_common_options()],
                                     description="Lantai (兰台): digitization and cataloguing workstation")
    parser.add_argument("--version", action="version", version=f"lantai {__version__}")
    parser.set_defaults(run=run_gui, data_dir=None, profile=None, verbose=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    station = sub.add_parser("station", parents=[common], help="headless station: watch folders, process, report")
    station.add_argument("--watch", action="append", type=Path, metavar="DIR",
                         help="folder the scanner writes to (repeatable; default: the profile's `watch`,"
                              " else the data dir's inbox)")
    station.add_argument("--polling", action="store_true", default=None,
                         help="poll instead of file-system events (network shares)")
    station.add_argument("--json", action="store_true", help="one JSON object per line")
    station.set_defaults(run=run_station)

    ingest = sub.add_parser("ingest", parents=[common], help="take files or folders once, OCR them, then exit")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--json", action="store_true", help="one JSON object per line")
    ingest.set_defaults(run=run_ingest)

    ocr = sub.add_parser("ocr", parents=[common], help="make a searchable PDF from images or scanner PDFs")
    ocr.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ocr.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    ocr.add_argument("-l", "--languages", default=None, help="Tesseract languages (default: profile's, chi_sim+eng)")
    ocr.add_argument("-j", "--jobs", type=int, default=None, help="pages in parallel (default: one per core)")
    ocr.add_argument("--title", default="", help="document title for the PDF's metadata")
    ocr.set_defaults(run=run_ocr)

    search = sub.add_parser("search", parents=[common], help="find items by text or description")
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=run_search)

    items = sub.add_parser("items", parents=[common], help="list items with their states")
    items.add_argument("--state", help="only items in this state (e.g. awaiting_description)")
    items.add_argument("--json", action="store_true")
    items.set_defaults(run=run_items)

    describe = sub.add_parser("describe", parents=[common], help="set an item's archival description")
    describe.add_argument("item", type=int, metavar="ITEM")
    for spec in FIELDS:
        describe.add_argument(*spec.cli_options, dest=spec.name,
                              action="append" if spec.repeatable else "store",
                              help=f"{spec.label_zh} {spec.label_en}" + (f", e.g. {spec.example}" if spec.example else ""))
    describe.set_defaults(run=run_describe)

    report = sub.add_parser("report", parents=[common],
                            help="acceptance report of a batch's image checks (CSV or XLSX)")
    report.add_argument("output", type=Path, metavar="OUT.xlsx|OUT.csv")
    report.add_argument("--batch", type=int, help="batch id (default: the newest)")
    report.set_defaults(run=run_report)

    commit = sub.add_parser("commit", parents=[common], help="commit a described item to the catalog")
    commit.add_argument("item", type=int, metavar="ITEM")
    commit.set_defaults(run=run_commit)

    attention = sub.add_parser("attention", parents=[common],
                               help="rejected files, failed pages and stuck items, with the reason")
    attention.add_argument("--json", action="store_true")
    attention.set_defaults(run=run_attention)

    retry = sub.add_parser("retry", parents=[common], help="try again something `lantai attention` lists")
    retry.add_argument("kind", choices=("file", "page", "item"))
    retry.add_argument("id", type=int, metavar="ID")
    retry.set_defaults(run=run_retry)

    qc = sub.add_parser("qc", parents=[common], help="check scans against DA/T 31 without taking them in")
    qc.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    qc.add_argument("--json", action="store_true", help="a JSON list, one entry per page")
    qc.add_argument("--report", type=Path, metavar="OUT.xlsx|OUT.csv",
                    help="also write the acceptance report: per rule, the share that passes, and the problems")
    qc.add_argument("-j", "--jobs", type=int, default=None, help="pages in parallel (default: one per core)")
    qc.set_defaults(run=run_qc)
    return parser


def _workspace(args):
    from app.workspace import Workspace

    return Workspace.open(args.data_dir, profile=args.profile)


def run_gui(args) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "windows", "cocoa")):
        print(
            "lantai: no display found, so the window cannot open.\n"
            "Run the headless station instead:\n"
            "    lantai station --watch /path/to/scanner/folder\n"
            "or see `lantai --help` for the other commands.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from app.ui.app import run  # Qt is loaded only when the window is wanted

    return run(_workspace(args))


def run_station(args) -> int:
    from app.station import Reporter, Station

    ws = _workspace(args)
    # as the window's station: the profile's folders, else the inbox a fresh install drops scans in
    folders = args.watch or ws.watched_folders()
    station = Station(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, folders,
                      Reporter(as_json=args.json), polling=args.polling)
    signal.signal(signal.SIGTERM, lambda *_: station.stop())
    signal.signal(signal.SIGINT, lambda *_: station.stop())
    station.run()
    return EXIT_OK


def run_ingest(args) -> int:
    from app.station import Reporter, ingest_once

    ws = _workspace(args)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"lantai: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    outcomes = ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, args.paths,
                           Reporter(as_json=args.json))
    # A file rejected on an earlier run and unchanged since is "known": still a failure.
    rejected_before = [o for o in outcomes if o.status == "known" and o.reason == "rejected"]
    for outcome in rejected_before:
        print(f"lantai: {outcome.path} was rejected on an earlier run and has not changed since;"
              " replace it with a readable scan", file=sys.stderr)
    rejected = [o for o in outcomes if o.status == "rejected"]
    return EXIT_FAILED if rejected or rejected_before else EXIT_OK


def run_ocr(args) -> int:
    from app.convert import make_searchable_pdf

    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        print(f"lantai: no such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    languages = args.languages
    if languages is None:
        from app.workspace import Workspace

        languages = Workspace.settings_only(args.data_dir).profile(args.profile).ocr_languages
    def show_progress(done: int, total: int) -> None:
        if sys.stderr.isatty():  # a counter that rewrites itself is noise in a log file
            print(f"\rpage {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    pages = make_searchable_pdf(args.files, args.output, languages=languages, workers=args.jobs,
                                title=args.title, on_page=show_progress)
    print(f"wrote {args.output} ({pages} page(s))", file=sys.stderr)
    return EXIT_OK


def run_search(args) -> int:
    ws = _workspace(args)
    results = ws.search(args.query)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    elif not results:
        print(f"nothing found for {args.query!r}")
    for result in [] if args.json else results:
        pages = ", ".join(str(n) for n in result["hit_pages"]) or "description"
        print(f"{result['id']:>6}  {result['archival_code'] or '(not described)':<28} "
              f"{result['title'] or ''}  [page {pages}]")
    return EXIT_OK


def run_items(args) -> int:
    ws = _workspace(args)
    items = ws.items(state=args.state, with_text=args.json)
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not items:
        print("no items yet")
    for item in items:
        print(f"{item['id']:>6}  {item['state']:<22} {item['page_count']:>4} p  "
              f"{item['archival_code'] or '-':<28} {item['title'] or ''}")
    return EXIT_OK


def run_describe(args) -> int:
    ws = _workspace(args)
    values = {spec.name: getattr(args, spec.name) for spec in FIELDS if getattr(args, spec.name) is not None}
    problems = ws.describe(args.item, values)
    for problem in problems:
        print(f"{problem.severity}: {problem.message}", file=sys.stderr)
    if any(p.severity == "error" for p in problems):
        if not any(p.code == "committed" for p in problems):
            print(f"lantai: item {args.item} not described; correct the fields above and run again",
                  file=sys.stderr)
        return EXIT_FAILED
    print(f"item {args.item} described")
    return EXIT_OK


def run_report(args) -> int:
    from app.qc.report import REPORT_FORMATS, summarize, write_report

    if args.output.suffix.lower() not in REPORT_FORMATS:
        print(f"lantai: {args.output}: the report is written as .xlsx or .csv", file=sys.stderr)
        return EXIT_USAGE
    batch_id, rows = _workspace(args).acceptance_rows(args.batch)
    write_report(rows, args.output)
    for rule in summarize(rows):
        print(f"{rule.check:<16} {rule.passed:>5}/{rule.images:<5} passed  {rule.share:6.1%}")
    print(f"wrote the acceptance report of batch {batch_id} to {args.output}")
    return EXIT_OK


def run_commit(args) -> int:
    ws = _workspace(args)
    committed = ws.commit(args.item)
    print(f"item {args.item} committed as {committed.archival_code} ({len(committed.files)} file(s))")
    return EXIT_OK


def run_attention(args) -> int:
    entries = _workspace(args).attention_list()
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print("nothing needs attention")
    for entry in entries:
        if entry["kind"] == "file":
            what = entry["path"]
        elif entry["kind"] == "page":
            what = f"item {entry['item_id']} page {entry['page']} ({entry['path']})"
        else:
            what = f"item {entry['item_id']}"
        print(f"{entry['kind']:<5} {entry['id']:>6}  {what}\n"
              f"{'':13}{entry['reason']}\n"
              f"{'':13}{entry['remedy']}: `lantai retry {entry['kind']} {entry['id']}`")
    return EXIT_OK


def run_retry(args) -> int:
    outcome = _workspace(args).retry(args.kind, args.id)
    if not outcome.ok:
        print(f"lantai: {outcome.message}", file=sys.stderr)
        return EXIT_FAILED
    print(outcome.message)
    return EXIT_OK


def run_qc(args) -> int:
    from app.catalog.archival_code import ArchivalCodeTemplate
    from app.qc.inspect import format_reports, inspect_files
    from app.qc.report import REPORT_FORMATS, write_report

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"lantai: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    if args.report and args.report.suffix.lower() not in REPORT_FORMATS:
        print(f"lantai: --report {args.report}: name an .xlsx or a .csv file", file=sys.stderr)
        return EXIT_USAGE
    if args.report and not args.report.absolute().parent.is_dir():  # found now, not after the pages
        print(f"lantai: --report {args.report}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    from app.workspace import Workspace

    profile = Workspace.settings_only(args.data_dir).profile(args.profile)
    reports = inspect_files(args.paths, profile.image_rules,
                            ArchivalCodeTemplate(profile.archival_code_template), workers=args.jobs)
    if not reports:  # a wrong folder must not pass a script's check for want of pages
        print("lantai: no page files found in the folders given", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps([report.as_json() for report in reports], ensure_ascii=False, indent=2))
    else:
        print(format_reports(reports))
    if args.report:
        try:
            write_report([row for report in reports for row in report.acceptance_rows()], args.report)
        except OSError as exc:
            print(f"lantai: cannot write {args.report}: {exc.strerror}", file=sys.stderr)
            return EXIT_FAILED
        print(f"wrote {args.report}", file=sys.stderr)
    return EXIT_FAILED if any(report.worst() == "error" for report in reports) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
