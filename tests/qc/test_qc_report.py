"""Acceptance report: per rule, images passed / flagged / failed, and the list of problems."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.qc.report import (
    FAILURES_HEADER,
    FAILURES_SHEET,
    SUMMARY_HEADER,
    SUMMARY_SHEET,
    AcceptanceRow,
    summarize,
    write_csv,
    write_report,
    write_xlsx,
)

BLANK_BACK = AcceptanceRow("batch/p2.jpg", 1, "blank", 0.0, "warning", "the page looks blank")
LOW_DPI = AcceptanceRow("batch/p3.jpg", 1, "resolution", 150, "error", "150 dpi is below 200")
ROWS = [
    AcceptanceRow("batch/p1.jpg", 1, "resolution", 300, "ok", "300 dpi"),
    AcceptanceRow("batch/p1.jpg", 1, "blank", 0.06, "ok", "ink on 6%"),
    AcceptanceRow("batch/p2.jpg", 1, "resolution", 300, "ok", "300 dpi"),
    BLANK_BACK,
    LOW_DPI,
    AcceptanceRow("batch/p3.jpg", 1, "blank", 0.05, "ok", "ink on 5%"),
    AcceptanceRow("batch/p4.jpg", 1, "resolution", 300, "ok", "300 dpi"),
    AcceptanceRow("batch/p4.jpg", 1, "blank", 0.05, "ok", "ink on 5%"),
    AcceptanceRow("batch/notes.jpg", None, "readable", None, "error", "not a page image"),
    AcceptanceRow("batch/p4.jpg", 1, "custom_rule", None, "ok", "a rule the report does not name"),
]


def test_rules_count_passed_flagged_and_failed_images():
    summary = {rule.check: rule for rule in summarize(ROWS)}
    resolution, blank = summary["resolution"], summary["blank"]
    assert (resolution.images, resolution.passed, resolution.flagged, resolution.failed) == (4, 3, 0, 1)
    assert resolution.share == pytest.approx(0.75)
    assert resolution.failures == [LOW_DPI]
    # A flagged page is not a pass (acceptance needs 100 %), nor a failure.
    assert (blank.images, blank.passed, blank.flagged, blank.failed) == (4, 3, 1, 0)
    assert blank.failures == [BLANK_BACK]
    assert (summary["readable"].images, summary["readable"].share) == (1, 0.0)


def test_known_rules_come_in_their_order_then_others():
    assert [rule.check for rule in summarize(ROWS)] == ["readable", "resolution", "blank", "custom_rule"]


def test_an_image_checked_twice_by_a_rule_counts_once_with_its_worst_verdict():
    again = AcceptanceRow("batch/p2.jpg", 1, "blank", 0.0, "ok", "rechecked")
    [blank] = [rule for rule in summarize([BLANK_BACK, again]) if rule.check == "blank"]
    assert (blank.images, blank.passed, blank.flagged) == (1, 0, 1)


def _sections(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    gap = lines.index([])
    return lines[:gap], lines[gap + 1 :]


def test_csv_round_trip(tmp_path: Path):
    path = tmp_path / "acceptance.csv"
    write_csv(summarize(ROWS), ROWS, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    summary, failures = _sections(path)
    assert summary[:2] == [[SUMMARY_SHEET], list(SUMMARY_HEADER)]
    assert ["resolution", "分辨率", "4", "3", "0", "1", "75.0%"] in summary
    assert failures[:2] == [[FAILURES_SHEET], list(FAILURES_HEADER)]
    assert failures[2:] == [
        ["batch/p2.jpg", "1", "blank", "空白页", "0.0", "warning", "the page looks blank"],
        ["batch/p3.jpg", "1", "resolution", "分辨率", "150", "error", "150 dpi is below 200"],
        ["batch/notes.jpg", "", "readable", "可读性", "", "error", "not a page image"],
    ]


def test_xlsx_has_summary_and_failures_sheets(tmp_path: Path):
    path = tmp_path / "acceptance.xlsx"
    write_xlsx(summarize(ROWS), ROWS, path)
    book = load_workbook(path)
    assert book.sheetnames == [SUMMARY_SHEET, FAILURES_SHEET]
    summary, failures = book[SUMMARY_SHEET], book[FAILURES_SHEET]
    assert [cell.value for cell in summary[1]] == list(SUMMARY_HEADER)
    assert all(cell.font.bold for cell in summary[1])
    assert summary.freeze_panes == failures.freeze_panes == "A2"
    rules = {row[0].value: row for row in summary.iter_rows(min_row=2)}
    assert [cell.value for cell in rules["resolution"]] == ["resolution", "分辨率", 4, 3, 0, 1, 0.75]
    assert rules["resolution"][-1].number_format == "0.0%"
    assert rules["blank"][-1].value == pytest.approx(0.75)
    assert [cell.value for cell in failures[1]] == list(FAILURES_HEADER)
    assert ("batch/p3.jpg", 1, "resolution", "分辨率", 150, "error", "150 dpi is below 200") in list(
        failures.iter_rows(min_row=2, values_only=True))
    assert failures.max_row == 4  # header and the three rows that are not ok


def test_report_format_follows_the_suffix(tmp_path: Path):
    write_report(ROWS, tmp_path / "a.CSV")
    write_report(ROWS, tmp_path / "a.xlsx")
    assert _sections(tmp_path / "a.CSV")[0][0] == [SUMMARY_SHEET]
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == SUMMARY_SHEET
