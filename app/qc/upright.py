"""Which way up a page is: a cheap layout cue first, Tesseract OSD only when it is unsure.

Quarter turns come from ``app.ocr.orientation.guess_quarter_turn`` (rows vs columns of ink).
Upside down is told by where ink sticks out of each text line's core band: Latin ascenders
and capitals outnumber descenders, and in Chinese type the strokes above the core band of a
line outweigh those below. On every levelled corpus page (Chinese reports, English scans,
an old book page) 57-94 % of that ink lies above the core, and the same page turned 180°
gives the mirror share. OSD (0.6-2.5 s a page here) runs only when this cue or the quarter
guess is unsure, or says the page is turned.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from app.ocr.tesseract import osd_rotation
from app.qc.blank import ink_mask

LINE_INK = 0.002  # a row with more ink than this share of its width is inside a text line
MIN_LINE_ROWS = 6  # thinner bands are rules and underlines, not text
MIN_LINES = 3
CORE = 0.5  # rows denser than this share of the line's densest row are its core band
UPRIGHT_ABOVE, UPSIDE_DOWN_BELOW = 0.54, 0.46
OSD_SIDE = 2000  # OSD reads as well at ~170 dpi on A4 as at 300, and faster
MIN_OSD_CONFIDENCE = 2.0  # as the OCR uses (app.ocr.prepare)


def ink_above_share(levelled: np.ndarray) -> float | None:
    """Share of the ink outside text lines' core bands that lies above them; None: too few lines."""
    ink = ink_mask(levelled)
    in_line = ink.mean(axis=1) > LINE_INK
    edges = np.flatnonzero(np.diff(np.concatenate(([0], in_line.astype(np.int8), [0]))))
    above = below = 0.0
    lines = 0
    for top, bottom in zip(edges[::2], edges[1::2]):
        if bottom - top < MIN_LINE_ROWS:
            continue
        profile = ink[top:bottom].mean(axis=1)
        core = np.flatnonzero(profile > CORE * profile.max())
        above += float(profile[: core[0]].sum())
        below += float(profile[core[-1] + 1 :].sum())
        lines += 1
    if lines < MIN_LINES or above + below == 0:
        return None
    return above / (above + below)


def looks_upside_down(levelled: np.ndarray) -> bool | None:
    """True if the text lines of a levelled page point down, False if up, None if unclear."""
    share = ink_above_share(levelled)
    if share is None or UPSIDE_DOWN_BELOW < share < UPRIGHT_ABOVE:
        return None
    return share <= UPSIDE_DOWN_BELOW


def osd_turn(image: Image.Image) -> int | None:
    """Clockwise turn OSD finds to make ``image`` upright; None when OSD is unsure."""
    grey = image.convert("L")
    grey.thumbnail((OSD_SIDE, OSD_SIDE), Image.Resampling.BILINEAR)
    with tempfile.TemporaryDirectory(prefix="lantai-osd-") as folder:
        path = Path(folder) / "page.pgm"  # uncompressed: written in milliseconds
        grey.save(path)
        found = osd_rotation(path)
    if found is None or found[1] < MIN_OSD_CONFIDENCE:
        return None
    return found[0]
