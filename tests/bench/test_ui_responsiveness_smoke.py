"""bench/ui_responsiveness.py works end to end: a real window and station on FOUR small pages; no timings asserted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bench_scripts import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("ui_responsiveness")


def test_pages_are_all_different(bench, corpus: Path, tmp_path: Path) -> None:
    # 12 pages: the five bands of text come round again, shifted; none may be a duplicate
    pages = bench.make_pages(corpus, tmp_path, 12)
    assert [p.name for p in pages[:2]] == ["page-001.jpg", "page-002.jpg"]
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in pages}) == 12


@pytest.mark.slow
def test_four_pages_through_the_window_and_its_station(bench, qapp, corpus: Path, tmp_path: Path) -> None:
    pages = bench.make_pages(corpus, tmp_path / "staged", 4)
    report = bench.run_benchmark(pages, tmp_path / "work", idle_s=1.0, step_ms=200, why=True)

    assert [phase.name for phase in report.phases] == ["idle", "batch", "after"]
    assert report.items_done == 4 and report.batch_seconds > 0 and report.pages_per_min > 0
    for phase in report.phases:
        assert phase.beats > 0 and 0 <= phase.p50 <= phase.p99 <= phase.max
    assert sorted(p.name for p in (tmp_path / "work" / "scans").iterdir()) == [p.name for p in pages]
    assert report.stalls is not None

    table = bench.format_report(report)
    assert "pages/min" in table and ("PASS" in table or "MISS" in table)
    figures = json.loads(json.dumps(report.as_dict()))
    assert figures["pages"] == 4 and len(figures["phases"]) == 3
