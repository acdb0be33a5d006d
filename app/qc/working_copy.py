"""One downsampled copy of a page that every check reads, so a full page costs milliseconds."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

# The skew estimator (app.ocr.deskew) works on 1000 px; at this size it does not resample again.
WORKING_SIDE = 1000
GREY_MODES = frozenset({"1", "L", "LA", "I", "I;16", "F"})  # modes that cannot hold colour


@dataclass(frozen=True)
class WorkingCopy:
    grey: np.ndarray  # uint8, rows x columns
    rgb: np.ndarray | None  # uint8 rows x columns x 3; None for a page stored without colour
    factor: int  # stored pixels per working pixel


def working_copy(image: Image.Image) -> WorkingCopy:
    """``image`` box-averaged by a whole factor to at most WORKING_SIDE on its long side."""
    factor = max(1, math.ceil(max(image.size) / WORKING_SIDE))
    has_colour = image.mode not in GREY_MODES
    small = image.convert("RGB" if has_colour else "L")
    if factor > 1:
        # Box averaging also evens out scanner noise, which the blank test relies on.
        small = small.reduce(factor)
    rgb = np.asarray(small) if has_colour else None
    grey = np.asarray(small.convert("L")) if has_colour else np.asarray(small)
    return WorkingCopy(grey, rgb, factor)

