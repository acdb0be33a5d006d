"""Image checks of scanner files outside the catalog (``lantai qc``): every page of every file,
then the checks across pages, as one report entry per page.

Pages are checked in a process pool, one page per core; a worker opens its page itself from
(path, index), so only small results cross between processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.catalog.archival_code import ArchivalCodeTemplate
from app.config import ImageRules
from app.imaging.decode import open_page
from app.imaging.errors import UnreadableFile
from app.imaging.mediatype import media_type_of
from app.imaging.pageinfo import PageInfo
from app.imaging.probe import probe
from app.ocr.tesseract import limit_tesseract_threads
from app.qc.duplicates import near_duplicates
from app.qc.findings import Finding, PageQc, Verdict
from app.qc.page import check_page
from app.qc.page_size import check_item
from app.qc.report import AcceptanceRow
from app.qc.separators import Separator, detect_separator
from app.scanning.filters import is_ignored
from app.scanning.grouping import natural_key

# Within a folder a file is taken by its name or its content: notes and manifests beside the
# scans are skipped, while a scan saved without its suffix, or a fake one, is still checked.
PAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".jp2", ".j2k", ".pdf"})
_SEVERITY: tuple[Verdict, ...] = ("ok", "warning", "error")


@dataclass
class PageReport:
    """What the checks found on one page; ``page`` is 1-based, None for a file that gave no
    pages at all. ``rotation`` and ``skew_deg`` are None when the page could not be decoded."""

    file: Path
    page: int | None
    findings: list[Finding] = field(default_factory=list)
    separator: Separator | None = None
    rotation: int | None = None
    skew_deg: float | None = None

    def worst(self) -> Verdict:
        return max((finding.verdict for finding in self.findings), key=_SEVERITY.index, default="ok")

    def as_json(self) -> dict[str, Any]:
        separator = self.separator
        return {
            "file": str(self.file),
            "page": self.page,
            "checks": [
                {"check": f.check, "value": f.value, "verdict": f.verdict, "message": f.message}
                for f in self.findings
            ],
            "separator": None if separator is None else
            {"kind": separator.kind, "text": separator.text, "prefill": separator.prefill},
            "rotation": self.rotation,
            "skew_deg": self.skew_deg,
        }

    def acceptance_rows(self) -> list[AcceptanceRow]:
        return [AcceptanceRow(str(self.file), self.page, f.check, f.value, f.verdict, f.message)
                for f in self.findings]


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """Files named, and the page files in folders named (recursively, in natural order)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        # Relative to the folder: a folder under a hidden directory must not hide its files.
        files = [p for p in path.rglob("*")
                 if p.is_file() and not is_ignored(p.relative_to(path)) and _is_page_file(p)]
        found += sorted(files, key=lambda p: natural_key(p.relative_to(path).as_posix()))
    return found


def inspect_files(
    paths: Sequence[Path],
    rules: ImageRules,
    template: ArchivalCodeTemplate | None = None,
    workers: int | None = None,
) -> list[PageReport]:
    """One report per page of ``paths`` (files or folders), in order; never raises for a bad file."""
    probed: list[tuple[Path, list[PageInfo] | Finding]] = []
    for path in collect_files(paths):
        try:
            probed.append((path, probe(path, _max_pixels(rules))))
        except UnreadableFile as exc:
            probed.append((path, _unreadable(exc)))
    pages = [(path, info) for path, infos in probed if isinstance(infos, list) for info in infos]
    checked = iter(_check_all(pages, rules, template, workers))

    reports: list[PageReport] = []
    decoded: list[tuple[PageReport, PageQc]] = []
    for path, infos in probed:
        if isinstance(infos, Finding):
            reports.append(PageReport(path, None, [infos]))
            continue
        file_pages = [_page_report(path, info, *next(checked)) for info in infos]
        reports += [report for report, _ in file_pages]
        file_decoded = [(report, qc) for report, qc in file_pages if qc is not None]
        for (report, _), findings in zip(file_decoded, check_item([qc for _, qc in file_decoded], rules)):
            report.findings += findings
        decoded += file_decoded
    _mark_near_duplicates(decoded)
    return reports


def format_reports(reports: Sequence[PageReport]) -> str:
    """The reports as a person reads them: a block per page, problems marked at the left."""
    marks = {"ok": " ", "warning": "!", "error": "X"}
    findings = [finding for report in reports for finding in report.findings]
    # One width for all pages, so that the columns line up down the whole listing.
    check_width = max((len(finding.check) for finding in findings), default=0)
    value_width = max((len(_shown(finding.value)) for finding in findings), default=0)
    blocks = []
    for report in reports:
        heading = f"{report.file}  " + (f"page {report.page}" if report.page else "(no pages read)")
        lines = [heading] + [
            f"  {marks[f.verdict]} {f.check:<{check_width}}  {_shown(f.value):>{value_width}}  "
            f"{f.verdict:<7}  {f.message}"
            for f in report.findings
        ]
        if report.separator is not None:
            lines.append(f"    separator sheet: {report.separator.kind} {report.separator.text}".rstrip())
        blocks.append("\n".join(lines))
    worst = [report.worst() for report in reports]
    files = len({report.file for report in reports})
    blocks.append(f"{len(reports)} page(s) in {files} file(s): {worst.count('error')} with errors (X), "
                  f"{worst.count('warning')} with warnings only (!)")
    return "\n\n".join(blocks)


def _check_all(
    pages: Sequence[tuple[Path, PageInfo]], rules: ImageRules,
    template: ArchivalCodeTemplate | None, workers: int | None,
) -> list[tuple[PageQc | None, Separator | None, Finding | None]]:
    if not pages:
        return []
    workers = min(workers or os.cpu_count() or 1, len(pages))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=limit_tesseract_threads) as pool:  # OSD runs tesseract
        futures = [pool.submit(_check, path, info, rules, template) for path, info in pages]
        return [future.result() for future in futures]


def _page_report(
    path: Path, info: PageInfo, qc: PageQc | None, separator: Separator | None, problem: Finding | None
) -> tuple[PageReport, PageQc | None]:
    report = PageReport(path, info.index + 1, separator=separator)
    if qc is None:
        report.findings.append(problem)
    else:
        report.findings += [_readable(info), *qc.findings]
        report.rotation, report.skew_deg = qc.rotation, qc.skew_deg
    return report, qc


def _check(
    path: Path, info: PageInfo, rules: ImageRules, template: ArchivalCodeTemplate | None
) -> tuple[PageQc | None, Separator | None, Finding | None]:
    """In a worker: the page's checks and separator, or the finding that it cannot be decoded."""
    try:
        image = open_page(path, info.index, max_pixels=_max_pixels(rules))
    except UnreadableFile as exc:  # data cut short after intact headers shows only here
        return None, None, _unreadable(exc)
    return check_page(image, info, rules), detect_separator(image, template), None


def _mark_near_duplicates(pages: Sequence[tuple[PageReport, PageQc]]) -> None:
    # A blank back side matches every other blank one: it is no sheet scanned twice.
    compared = [(index, qc.phash) for index, (_, qc) in enumerate(pages) if not qc.blank]
    matches: dict[int, list[Finding]] = {}
    for first, second, distance in near_duplicates(compared):
        for page, other in ((first, second), (second, first)):
            other_page = pages[other][0]
            matches.setdefault(page, []).append(Finding(
                "near_duplicate", distance, "warning",
                f"looks like {other_page.file} page {other_page.page} ({distance} of 64 hash bits "
                "differ): the same sheet scanned twice? Keep one, or confirm both by eye"))
    for index, (report, qc) in enumerate(pages):
        if qc.blank:
            report.findings.append(Finding("near_duplicate", None, "ok", "blank page: not compared"))
        else:
            report.findings += matches.get(index) or [
                Finding("near_duplicate", None, "ok", "no other page alike")]


def _is_page_file(path: Path) -> bool:
    if path.suffix.lower() in PAGE_SUFFIXES:
        return True
    try:
        return media_type_of(path) is not None
    except OSError:
        return False


def _max_pixels(rules: ImageRules) -> int:
    return int(rules.max_megapixels * 1_000_000)


def _readable(info: PageInfo) -> Finding:
    return Finding("readable", info.media_type, "ok", f"{info.width} × {info.height} px, {info.mode}")


def _unreadable(exc: UnreadableFile) -> Finding:
    return Finding("readable", None, "error", str(exc))


def _shown(value: float | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
