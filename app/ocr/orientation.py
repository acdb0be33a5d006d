"""A cheap guess whether a page is turned a quarter, before asking Tesseract OSD.

Text lines leave empty bands between them, so on an upright page the ink per row swings
much more than the ink per column. Profiles are taken in narrow strips so a skew of a
degree or two does not smear the bands together. A few milliseconds on a thumbnail,
against about a second for OSD, so OSD runs only on pages that look turned or unclear.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

THUMBNAIL_SIDE = 800
STRIPS = 8
BORDER_INK = 0.7  # rows or columns with more ink than this are border, not text
# Measured on the corpus pages and test crops: upright text gives ratios of 1.7-2.6, the
# same images turned 0.39-0.60, a blank page 1.1; in between, OSD decides.
UPRIGHT_ABOVE = 1.5
TURNED_BELOW = 1 / UPRIGHT_ABOVE


def _profile_swing(ink: np.ndarray, strip_width: int) -> float:
    """Mean over vertical strips of the variance of the ink fraction per row."""
    strips = [ink[:, start : start + strip_width] for start in range(0, ink.shape[1], strip_width)]
    return float(np.mean([strip.mean(axis=1).var() for strip in strips]))


def line_direction_ratio(image: Image.Image) -> float:
    """Row swing over column swing: well above 1 for horizontal lines, below 1 when turned."""
    grey = image.convert("L")
    grey.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    pixels = np.asarray(grey, dtype=np.float32)
    ink = pixels < (pixels.min() + pixels.max()) / 2
    # A black scanner-lid border is a few solid rows and columns that would drown the text.
    ink = ink[ink.mean(axis=1) < BORDER_INK][:, ink.mean(axis=0) < BORDER_INK]
    if not ink.size:
        return 1.0
    # Same strip size both ways, so the strips across a wide crop still hold several lines.
    strip_width = max(1, max(ink.shape) // STRIPS)
    rows, columns = _profile_swing(ink, strip_width), _profile_swing(ink.T, strip_width)
    if columns == 0:
        return float("inf") if rows else 1.0
    return rows / columns


def guess_quarter_turn(image: Image.Image) -> bool | None:
    """True if the text lines look vertical, False if horizontal, None if unclear."""
    ratio = line_direction_ratio(image)
    if ratio >= UPRIGHT_ABOVE:
        return False
    if ratio <= TURNED_BELOW:
        return True
    return None
