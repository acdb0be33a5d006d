"""Blank back sides: flagged whatever the noise, tint or bleed-through; text never is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.config import ImageRules
from app.qc.page import check_page
from page_qc_samples import info_for, rendered, tinted, with_bleed_through, with_noise, with_one_line


@pytest.fixture(scope="module")
def blank(corpus: Path) -> Image.Image:
    return rendered(corpus, "seedA-001.jpg")


@pytest.fixture(scope="module")
def text(corpus: Path) -> Image.Image:
    return rendered(corpus, "seedA-003.png")


def _blank_finding(image: Image.Image):
    qc = check_page(image, info_for(image), ImageRules())
    finding = next(f for f in qc.findings if f.check == "blank")
    assert qc.blank == (finding.verdict == "warning")
    return qc.blank, finding


@pytest.mark.parametrize("variant", ["as scanned", "noise", "tint", "bleed-through", "all three"])
def test_blank_variants_are_blank(blank, text, variant):
    image = {
        "as scanned": lambda: blank,
        "noise": lambda: with_noise(blank, 12),
        "tint": lambda: tinted(blank),
        "bleed-through": lambda: with_bleed_through(blank, text),
        "all three": lambda: with_noise(tinted(with_bleed_through(blank, text)).convert("L"), 12),
    }[variant]()
    is_blank, finding = _blank_finding(image)
    assert is_blank, finding
    assert "blank" in finding.message


def test_one_short_line_is_not_blank(blank, text):
    is_blank, finding = _blank_finding(with_one_line(blank, text))
    assert not is_blank, finding


def test_one_short_line_on_noisy_tinted_paper_is_not_blank(blank, text):
    is_blank, finding = _blank_finding(tinted(with_noise(with_one_line(blank, text), 12)))
    assert not is_blank, finding


def test_blank_page_is_not_also_flagged_for_contrast_or_orientation(blank, text):
    qc = check_page(with_bleed_through(blank, text), info_for(blank), ImageRules())
    assert [f.check for f in qc.findings if f.verdict != "ok"] == ["blank"]
