"""bench/ui_responsiveness.py works end to end: a real window and station on FOUR small pages; no timings asserted."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ui_responsiveness.py"


def _load_bench():
    # Loaded from its path: bench/ is a folder of scripts, not a package.
    spec = importlib.util.spec_from_file_location("lantai_bench_ui_responsiveness", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _load_bench()


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
