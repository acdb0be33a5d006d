"""Acceptance report of a batch: per machine rule of DA/T 31, how many images pass, and every
page that does not, as CSV or XLSX.

Pure functions over rows, whatever they come from (``lantai qc`` or the catalog's checks).
A page passes a rule only with an "ok" verdict. Acceptance needs every machine rule at 100 %,
so a warning is not a pass; nor is it a failure: it flags the page for the operator (a blank
back side is often right). Rows are therefore counted as passed, flagged (warning) and failed
(error), and the pass share is passed / images.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

RULE_NAMES_ZH = {
    "readable": "可读性",
    "resolution": "分辨率",
    "colour": "色彩模式",
    "blank": "空白页",
    "orientation": "方向",
    "skew": "倾斜",
    "border": "黑边",
    "too_dark": "过暗",
    "too_light": "过亮",
    "low_contrast": "对比度低",
    "page_size": "幅面不一致",
    "near_duplicate": "重复页",
}
SUMMARY_SHEET = "Summary 汇总"
FAILURES_SHEET = "Failures 问题清单"
SUMMARY_HEADER = ("Rule", "规则", "Images 图像", "Passed 合格", "Flagged 待查", "Failed 不合格",
                  "Pass share 合格率")
FAILURES_HEADER = ("File 文件", "Page 页", "Rule", "规则", "Value 值", "Verdict 结论", "Message 说明")
_SEVERITY = ("ok", "warning", "error")


@dataclass(frozen=True)
class AcceptanceRow:
    """One check of one page; ``page`` is 1-based, None for a file that gave no pages."""

    file: str
    page: int | None
    check: str
    value: object
    verdict: str  # ok | warning | error
    message: str


@dataclass(frozen=True)
class RuleSummary:
    check: str
    images: int
    passed: int
    flagged: int
    failed: int
    failures: list[AcceptanceRow] = field(default_factory=list)  # every row not "ok"

    @property
    def share(self) -> float:
        return self.passed / self.images if self.images else 1.0


def summarize(rows: Sequence[AcceptanceRow]) -> list[RuleSummary]:
    """Per rule, known rules first in ``RULE_NAMES_ZH`` order, then others as they come.

    An image checked twice by a rule (a rescan in the catalog, two near duplicates) counts
    once, with its worst verdict.
    """
    worst: dict[str, dict[tuple[str, int | None], str]] = {}
    failures: dict[str, list[AcceptanceRow]] = {}
    for row in rows:
        verdicts = worst.setdefault(row.check, {})
        key = (row.file, row.page)
        verdicts[key] = max(verdicts.get(key, "ok"), row.verdict, key=_SEVERITY.index)
        if row.verdict != "ok":
            failures.setdefault(row.check, []).append(row)
    order = [*(check for check in RULE_NAMES_ZH if check in worst),
             *(check for check in worst if check not in RULE_NAMES_ZH)]
    return [
        RuleSummary(check, len(worst[check]), *(list(worst[check].values()).count(verdict)
                                                for verdict in _SEVERITY), failures.get(check, []))
        for check in order
    ]


def write_csv(summary: Sequence[RuleSummary], rows: Sequence[AcceptanceRow], path: Path) -> None:
    """Both tables in one file, each under its title, a blank row between them."""
    # UTF-8 with a BOM: Excel on a Chinese Windows reads a CSV without one as GBK.
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([(SUMMARY_SHEET,), SUMMARY_HEADER])
        writer.writerows(_summary_line(rule)[:-1] + (f"{rule.share:.1%}",) for rule in summary)
        writer.writerows([(), (FAILURES_SHEET,), FAILURES_HEADER])
        writer.writerows(_failure_line(row) for row in rows if row.verdict != "ok")


def write_xlsx(summary: Sequence[RuleSummary], rows: Sequence[AcceptanceRow], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = SUMMARY_SHEET
    _fill(sheet, SUMMARY_HEADER, [_summary_line(rule) for rule in summary])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=len(SUMMARY_HEADER), max_col=len(SUMMARY_HEADER)):
        cell.number_format = "0.0%"
    _fill(book.create_sheet(FAILURES_SHEET), FAILURES_HEADER,
          [_failure_line(row) for row in rows if row.verdict != "ok"])
    book.save(path)


REPORT_FORMATS: dict[str, Callable[[Sequence[RuleSummary], Sequence[AcceptanceRow], Path], None]] = {
    ".csv": write_csv,
    ".xlsx": write_xlsx,
}


def write_report(rows: Sequence[AcceptanceRow], path: Path) -> None:
    """The acceptance report of ``rows`` at ``path``, in the format its suffix names."""
    REPORT_FORMATS[path.suffix.lower()](summarize(rows), rows, path)


def _summary_line(rule: RuleSummary) -> tuple:
    return (rule.check, RULE_NAMES_ZH.get(rule.check, ""), rule.images, rule.passed, rule.flagged,
            rule.failed, rule.share)


def _failure_line(row: AcceptanceRow) -> tuple:
    return (row.file, row.page, row.check, RULE_NAMES_ZH.get(row.check, ""), _cell_value(row.value),
            row.verdict, row.message)


def _cell_value(value: object) -> object:
    # The catalog keeps values as JSON: a list or mapping goes into one cell as its JSON text.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list, tuple)) else value


def _fill(sheet, header: Sequence[str], lines: Sequence[tuple]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(list(line))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        # Wide enough for the longest entry (CJK characters take two columns), messages capped.
        width = max(sum(2 if ord(char) > 0x2E80 else 1 for char in str(value or "")) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 80)
