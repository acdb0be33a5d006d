"""bench/qc_overhead.py works end to end: on ONE strip of printed lines, not the corpus; no timings asserted."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from bench_scripts import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("qc_overhead")


def test_corpus_pages_are_the_non_blank_ones_with_their_text(bench, corpus: Path) -> None:
    pages = bench.corpus_pages(corpus)
    assert [p.name for p in pages] == ["seedA-000.tif", "seedA-002.png", "seedA-003.png", "seedA-004.jpg",
                                       "seedA-005.jpg"]
    assert all(p.image.is_file() and len(p.truth) > 500 for p in pages)


@pytest.mark.slow
def test_one_strip_through_both_paths(bench, make_strips, corpus: Path, tmp_path: Path) -> None:
    strip = make_strips(tmp_path, 1, fmt="png")[0]
    # The first strip (tests/conftest.py) shows the first three printed lines of seedA-003 whole.
    truth = "\n".join((corpus / "cjk-rendered" / "seedA-003.gt.txt").read_text(encoding="utf-8").splitlines()[:3])
    report = bench.run_benchmark([bench.BenchPage(strip, truth)], rounds=1)

    (page,) = report.pages
    assert page.ocr_only_s > 0 and page.qc_ocr_s > 0 and page.qc_ms > 0
    assert page.prep_ocr_only_ms > 0 and page.prep_qc_ocr_ms > 0
    assert math.isfinite(report.time_ratio) and report.time_ratio > 0
    assert math.isfinite(report.cer_ratio)
    # Both paths read the strip, not noise (measured: 0 % each).
    assert page.cer_ocr_only < 0.05 and page.cer_qc_ocr < 0.05

    table = bench.format_report(report)
    assert "time B/A" in table and "CER  B/A" in table and ("PASS" in table or "MISS" in table)
    figures = json.loads(json.dumps(report.as_dict()))
    assert figures["totals"]["time_ratio"] > 0 and len(figures["pages"]) == 1
