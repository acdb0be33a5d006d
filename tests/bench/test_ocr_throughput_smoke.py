"""bench/ocr_throughput.py works end to end: on ONE small strip, not the corpus; no timings asserted."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from bench_scripts import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("ocr_throughput")


def test_corpus_pages_are_the_non_blank_ones(bench, corpus: Path) -> None:
    pages = bench.corpus_pages(corpus)
    assert len(pages) == 5 and all(p.is_file() for p in pages)
    assert "seedA-001.jpg" not in {p.name for p in pages}  # the blank back side
    assert bench.default_repeat(len(pages)) * len(pages) >= bench.MIN_PAGES


def test_stage_pages_copies_under_distinct_names(bench, corpus: Path, tmp_path: Path) -> None:
    pages = bench.corpus_pages(corpus)[:2]
    staged = bench.stage_pages(pages, 2, tmp_path)
    assert len(staged) == 4 and len({p.name for p in staged}) == 4
    assert all(p.stat().st_size == pages[i % 2].stat().st_size for i, p in enumerate(staged))


@pytest.mark.slow
def test_one_strip_through_every_contender(bench, make_strips, tmp_path: Path) -> None:
    images = make_strips(tmp_path / "pages", 1, fmt="png")
    work = tmp_path / "work"
    work.mkdir()
    report = bench.run_benchmark(images, work, rounds=1, jobs=2, formats=("txt", "tsv"))

    assert [s.contender for s in report.summaries] == ["tesseract-txt", "tesseract-tsv", "lantai", "ocrmypdf"]
    for summary in report.summaries:
        assert summary.ok, f"{summary.contender}: {summary.error}"
        assert summary.pages == 1 and summary.pages_per_min > 0
        assert summary.chars > 20, f"{summary.contender} recognised next to nothing"
        assert summary.peak_mb is not None and summary.peak_mb > 0
        assert summary.cpu_per_page > 0
    assert (work / "round0" / "lantai" / "lantai.pdf").is_file()
    assert (work / "round0" / "ocrmypdf" / "ocrmypdf.pdf").is_file()
    assert report.tesseract_reference in {"tesseract-txt", "tesseract-tsv"}
    assert math.isfinite(report.vs_tesseract) and report.vs_tesseract > 0
    assert math.isfinite(report.vs_ocrmypdf) and report.vs_ocrmypdf > 0

    table = bench.format_report(report)
    assert "lantai / ocrmypdf" in table and ("PASS" in table or "MISS" in table)
    figures = json.loads(json.dumps(report.as_dict()))
    assert figures["pages"] == 1 and len(figures["measurements"]) == 4
