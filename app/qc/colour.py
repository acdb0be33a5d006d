"""Colour mode against DA/T 31: colour where the page has red headers (红头), seals or colour.

Only a colour image can show red, so red content is measured on colour scans alone: a colour
scan with red keeps its colour (ok, with the red share), one without any colour could have
been stored grey (ok, said in the message). A grey or 1-bit page cannot be measured for red:
it is ok unless the profile sets ``require_colour`` (archives whose records carry 红头 and
seals throughout), when it is an error to rescan in colour.
"""

from __future__ import annotations

import numpy as np

from app.config import ImageRules
from app.qc.findings import Finding

# Red: the red channel well above both others, and bright enough not to be dark ink.
RED_MARGIN = 60
RED_MIN = 110
COLOUR_MARGIN = 40  # channels further apart than this are colour, not grey
# Shares of the page; a seal of 4 cm across is ~2 % of A4, a red rule under a header ~0.1 %.
RED_CONTENT = 0.0005
COLOUR_CONTENT = 0.0005


def red_share(rgb: np.ndarray) -> float:
    channels = rgb.astype(np.int16)
    red, green, blue = channels[..., 0], channels[..., 1], channels[..., 2]
    return float(((red - np.maximum(green, blue) > RED_MARGIN) & (red > RED_MIN)).mean())


def colour_share(rgb: np.ndarray) -> float:
    channels = rgb.astype(np.int16)
    return float((channels.max(axis=2) - channels.min(axis=2) > COLOUR_MARGIN).mean())


def check_colour(rgb: np.ndarray | None, mode: str, rules: ImageRules) -> Finding:
    """``rgb`` is the page content, None for a page stored in grey or 1-bit (``mode``)."""
    if rgb is None:
        stored = "1-bit" if mode == "1" else "grey"
        if rules.require_colour:
            return Finding("colour", None, "error", f"stored as {stored}, but this profile "
                           "requires colour (红头, seals); rescan in colour")
        return Finding("colour", None, "ok", f"stored as {stored}: red headers or seals "
                       "cannot be seen; scan such pages in colour")
    red = red_share(rgb)
    if red >= RED_CONTENT:
        return Finding("colour", red, "ok", f"red content on {red:.2%} of the page: keep colour")
    if colour_share(rgb) < COLOUR_CONTENT:
        return Finding("colour", red, "ok", "no colour on the page: it could be stored grey")
    return Finding("colour", red, "ok", "colour content, no red")
