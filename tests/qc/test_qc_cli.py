"""`lantai qc` as scripts use it: every page's findings as JSON, the exit code, the report."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from app.qc.report import SUMMARY_SHEET
from page_qc_samples import manifest_faults

LANTAI = Path(sys.executable).with_name("lantai")
# Variants of two sheets: seedA-002 is seedA-000 on a black border; 004 and 005 are 003 turned
# and at 150 dpi. The blank back side 001 is compared with nothing.
SAME_SHEET = {"seedA-000.tif": {"seedA-002.png"}, "seedA-002.png": {"seedA-000.tif"},
              "seedA-003.png": {"seedA-004.jpg", "seedA-005.jpg"},
              "seedA-004.jpg": {"seedA-003.png", "seedA-005.jpg"},
              "seedA-005.jpg": {"seedA-003.png", "seedA-004.jpg"}}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def lantai(*args: str | Path) -> Run:
    done = subprocess.run([str(LANTAI), *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    return Run(done.returncode, done.stdout, done.stderr)


@dataclass
class Inspected:
    run: Run
    pages: dict[str, dict]  # by file name
    report: Path


@pytest.fixture(scope="module")
def inspected(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Inspected:
    # The corpus folder as it is: its manifest and .gt.txt files are no page files.
    report = tmp_path_factory.mktemp("qc") / "acceptance.xlsx"
    run = lantai("qc", corpus / "cjk-rendered", "--json", "--report", report)
    pages = {Path(page["file"]).name: page for page in json.loads(run.stdout)}
    return Inspected(run, pages, report)


def _flagged(page: dict) -> dict[str, str]:
    return {c["check"]: c["verdict"] for c in page["checks"]
            if c["verdict"] != "ok" and c["check"] != "near_duplicate"}


def test_every_page_of_the_folder_is_reported_once(inspected):
    assert sorted(inspected.pages) == [f"seedA-00{n}.{ext}" for n, ext in enumerate(
        ("tif", "jpg", "png", "png", "jpg", "jpg"))]
    for page in inspected.pages.values():
        assert set(page) == {"file", "page", "checks", "separator", "rotation", "skew_deg"}
        assert page["page"] == 1 and page["separator"] is None
        for check in page["checks"]:
            assert set(check) == {"check", "value", "verdict", "message"}


def test_manifest_faults_show_and_clean_pages_pass(inspected, corpus: Path):
    manifest = json.loads((corpus / "cjk-rendered" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        page = inspected.pages[entry["file"]]
        assert _flagged(page) == manifest_faults(entry), entry["file"]
        assert page["rotation"] == entry["rotation"], entry["file"]


def test_variants_of_one_sheet_are_near_duplicates_on_both_pages(inspected):
    for name, page in inspected.pages.items():
        checks = [c for c in page["checks"] if c["check"] == "near_duplicate"]
        named = sorted(other for c in checks if c["verdict"] == "warning"
                       for other in inspected.pages if other in c["message"])
        assert named == sorted(SAME_SHEET.get(name, ())), name
        assert checks and all(c["verdict"] == "ok" for c in checks) == (name not in SAME_SHEET), name


def test_an_error_verdict_exits_1(inspected):
    assert inspected.run.returncode == 1, inspected.run.stderr
    errors = [(name, c["check"]) for name, page in inspected.pages.items()
              for c in page["checks"] if c["verdict"] == "error"]
    assert errors == [("seedA-005.jpg", "resolution")]


def test_report_counts_the_150_dpi_page_as_failed(inspected):
    sheet = load_workbook(inspected.report)[SUMMARY_SHEET]
    rules = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rules["resolution"][1:6] == ("分辨率", 6, 5, 0, 1)
    assert rules["blank"][2:6] == (6, 5, 1, 0)


def test_text_file_named_jpg_is_an_error_naming_it_and_the_run_goes_on(tmp_path: Path):
    Image.new("L", (600, 800), 255).save(tmp_path / "page-1.png", dpi=(300, 300))
    (tmp_path / "page-2.jpg").write_text("not a scan", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("beside the scans", encoding="utf-8")
    run = lantai("qc", tmp_path, "--json")
    assert run.returncode == 1
    scan, fake = json.loads(run.stdout)
    assert (Path(scan["file"]).name, scan["page"]) == ("page-1.png", 1)
    [check] = fake["checks"]
    assert (fake["page"], check["check"], check["verdict"]) == (None, "readable", "error")
    assert "page-2.jpg" in check["message"]

    shown = lantai("qc", tmp_path / "page-2.jpg")
    assert shown.returncode == 1
    assert "page-2.jpg  (no pages read)" in shown.stdout
    assert "  X readable" in shown.stdout


def test_missing_path_is_a_usage_error(tmp_path: Path):
    run = lantai("qc", tmp_path / "nowhere.jpg")
    assert run.returncode == 2
    assert "nowhere.jpg" in run.stderr


def test_folder_without_page_files_is_a_usage_error(tmp_path: Path):
    (tmp_path / "readme.txt").write_text("no scans yet", encoding="utf-8")
    run = lantai("qc", tmp_path, "--json")
    assert (run.returncode, run.stdout) == (2, "")


def test_report_of_unknown_format_is_a_usage_error(tmp_path: Path):
    run = lantai("qc", tmp_path, "--report", tmp_path / "report.pdf")
    assert run.returncode == 2
    assert ".xlsx" in run.stderr
