"""Colour mode: red content measured on colour scans; grey pages judged by the profile."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from app.config import ImageRules
from app.qc.page import check_page
from page_qc_samples import info_for, rendered, tinted, with_red_header


@pytest.fixture(scope="module")
def red_header_page(corpus: Path) -> Image.Image:
    return with_red_header(rendered(corpus, "seedA-003.png"), skew_deg=-1.08)


def _colour(image: Image.Image, rules: ImageRules = ImageRules()):
    qc = check_page(image, info_for(image), rules)
    return next(f for f in qc.findings if f.check == "colour")


def test_red_header_in_colour_is_ok_with_its_red_share(red_header_page):
    finding = _colour(red_header_page)
    assert finding.verdict == "ok"
    assert 0.002 < finding.value < 0.05
    assert "red" in finding.message


def test_colour_scan_without_colour_could_be_grey(corpus: Path):
    finding = _colour(tinted(rendered(corpus, "seedA-003.png"), (250, 250, 250)))
    assert (finding.verdict, finding.value) == ("ok", 0.0)
    assert "could be stored grey" in finding.message


def test_tinted_paper_is_not_red(corpus: Path):
    finding = _colour(tinted(rendered(corpus, "seedA-003.png")))
    assert finding.value == 0.0


def test_grey_page_is_ok_unless_the_profile_requires_colour(red_header_page):
    grey = red_header_page.convert("L")
    assert _colour(grey).verdict == "ok"
    assert _colour(grey.convert("1"), replace(ImageRules(), require_colour=True)).verdict == "error"
    assert _colour(red_header_page, replace(ImageRules(), require_colour=True)).verdict == "ok"
