"""Resolution, skew limit, exposure and page-size rules, and their profile settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from app.config import ImageRules, load_settings
from app.qc.findings import PageQc
from app.qc.page import check_page
from app.qc.page_size import check_item
from app.qc.resolution import check_resolution
from page_qc_samples import info_for, rendered


def _finding(qc: PageQc, check: str):
    return next(f for f in qc.findings if f.check == check)


@pytest.fixture(scope="module")
def page(corpus: Path) -> Image.Image:
    return rendered(corpus, "seedA-003.png")  # tilted -1.08°


@pytest.mark.parametrize(("dpi", "verdict", "words"), [
    (None, "warning", "no resolution recorded"),
    (150, "error", "rescan at 300 dpi"),
    (240, "warning", "below the recommended 300"),
    (300, "ok", "300 dpi"),
    (600, "ok", "600 dpi"),
])
def test_resolution(dpi, verdict, words):
    finding = check_resolution(info_for(Image.new("L", (10, 10)), dpi), ImageRules())
    assert (finding.verdict, finding.value) == (verdict, dpi)
    assert words in finding.message


def test_coarser_direction_of_non_square_dpi_counts():
    info = replace(info_for(Image.new("L", (10, 10))), dpi=(300.0, 150.0))
    assert check_resolution(info, ImageRules()).verdict == "error"


def test_tilt_beyond_the_limit_is_measured_and_flagged(page):
    tilted = page.rotate(-4.0, resample=Image.Resampling.BILINEAR, fillcolor=255)  # now ~ -5.1°
    qc = check_page(tilted, info_for(tilted), ImageRules())
    assert qc.skew_deg == pytest.approx(-5.08, abs=0.3)
    assert _finding(qc, "skew").verdict == "warning"
    relaxed = check_page(tilted, info_for(tilted), replace(ImageRules(), max_skew_deg=6.0))
    assert _finding(relaxed, "skew").verdict == "ok"


def test_dark_scan_is_flagged(page):
    dark = page.point(lambda value: value * 55 // 100)
    qc = check_page(dark, info_for(dark), ImageRules())
    assert _finding(qc, "too_dark").verdict == "warning"


def test_washed_out_scan_is_flagged(page):
    faint = page.point(lambda value: 150 + value * 105 // 255)
    qc = check_page(faint, info_for(faint), ImageRules())
    assert _finding(qc, "too_light").verdict == "warning"
    assert _finding(qc, "low_contrast").verdict == "warning"


def test_text_fainter_than_bleed_through_is_still_flagged(page):
    # Text at 80 % of the paper's brightness cannot be told from show-through: it reads as
    # a blank page, which is flagged for the operator all the same.
    ghost = page.point(lambda value: 200 + value * 55 // 255)
    assert [f.check for f in check_page(ghost, info_for(ghost), ImageRules()).findings if f.verdict != "ok"] == ["blank"]


def test_odd_sized_page_in_an_item_is_flagged():
    a4, a5 = (210.0, 297.0), (148.0, 210.0)
    pages = [PageQc(size_mm=a4), PageQc(size_mm=(297.0, 210.0)), PageQc(size_mm=a5), PageQc(size_mm=a4), PageQc()]
    verdicts = [[f.verdict for f in findings] for findings in check_item(pages)]
    assert verdicts == [["ok"], ["ok"], ["warning"], ["ok"], ["ok"]]
    assert "148 × 210 mm" in check_item(pages)[2][0].message


def test_single_page_item_has_nothing_to_compare():
    assert check_item([PageQc(size_mm=(210.0, 297.0))]) == [[]]


def test_profile_sets_the_new_rules(tmp_path: Path):
    settings = tmp_path / "settings.toml"
    settings.write_text(
        "default_profile = \"wenshu\"\n[profiles.wenshu.image_rules]\nrequire_colour = true\nauto_deskew = false\n"
        "max_skew_deg = 2\npage_size_tolerance_mm = 5\n",
        encoding="utf-8",
    )
    rules = load_settings(settings).profile("wenshu").image_rules
    assert (rules.require_colour, rules.auto_deskew, rules.auto_rotate) == (True, False, True)
    assert (rules.max_skew_deg, rules.page_size_tolerance_mm) == (2.0, 5.0)
