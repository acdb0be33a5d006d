"""The black border a scanner lid or bed adds around a sheet, and the box inside it.

Only dark bands touching the image edge count: stains, holes and marks on the sheet itself
are never border (DA/T 31 forbids removing them).
"""

from __future__ import annotations

import numpy as np

Box = tuple[int, int, int, int]  # left, top, right, bottom

# Darker than this share of the paper brightness is "black" (lid or bed, not paper).
DARK_BELOW = 0.3
# A line this dark is solid border. Beyond it a tilted sheet's edge leaves wedges, partly dark,
# stripped while darker than PARTLY_DARK: the blank margin of the sheet stops them.
SOLID_DARK = 0.5
PARTLY_DARK = 0.02
MAX_BORDER_SHARE = 0.2  # a dark band wider than this share of the side is a dark page


def content_box(grey: np.ndarray) -> Box | None:
    """The box inside a black border, in ``grey``'s pixels; None when there is no border."""
    paper = float(np.percentile(grey, 90))
    dark = grey < paper * DARK_BELOW
    whole = (0, 0, dark.shape[1], dark.shape[0])
    solid = _shrink(dark, whole, SOLID_DARK)
    if solid == whole:
        return None
    # Wedges are measured inside the solid bands (the side borders would otherwise make every
    # row look partly dark), and only on sides that have a border.
    wedged = _shrink(dark, solid, PARTLY_DARK)
    left, top, right, bottom = (w if s != edge else s for s, w, edge in zip(solid, wedged, whole))
    return left, top, right, bottom


def _shrink(dark: np.ndarray, box: Box, threshold: float) -> Box:
    """``box`` without the rows and columns along its sides that are darker than ``threshold``."""
    left, top, right, bottom = box
    inner = dark[top:bottom, left:right]
    rows, columns = inner.mean(axis=1), inner.mean(axis=0)
    width_limit = int(dark.shape[1] * MAX_BORDER_SHARE)
    height_limit = int(dark.shape[0] * MAX_BORDER_SHARE)
    return (
        left + _leading(columns, threshold, width_limit),
        top + _leading(rows, threshold, height_limit),
        right - _leading(columns[::-1], threshold, width_limit),
        bottom - _leading(rows[::-1], threshold, height_limit),
    )


def _leading(dark_share: np.ndarray, threshold: float, limit: int) -> int:
    """How many lines from the start of ``dark_share`` are darker than ``threshold``."""
    count = 0
    while count < min(limit, len(dark_share)) and dark_share[count] > threshold:
        count += 1
    return count
