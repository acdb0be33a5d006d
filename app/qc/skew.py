"""Skew of an upright page, from the OCR's estimator, over a range wide enough to flag.

``app.ocr.deskew.estimate_skew`` searches only ±MAX_SKEW (3°), all the OCR needs; a page
tilted beyond it comes back at the edge of that range. The working copy is then turned by
that much and measured again, so tilts up to MAX_ROUNDS × 3° are measured, not clipped.
"""

from __future__ import annotations

from PIL import Image

from app.ocr.deskew import FINE_STEP, MAX_SKEW, estimate_skew, level

MAX_ROUNDS = 3


def page_skew(upright: Image.Image) -> float:
    """Tilt of the text lines, degrees anticlockwise; turning by its negative levels them."""
    correction = 0.0
    for _ in range(MAX_ROUNDS):
        step = estimate_skew(level(upright, correction) if correction else upright)
        correction += step
        if abs(step) < MAX_SKEW - FINE_STEP:
            break
    return -correction
