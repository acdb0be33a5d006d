"""Blank back sides: pages with no ink on them, whatever the paper, noise or bleed-through.

Ink is measured against the paper around it, not against white: a block's bright level is
its paper, so a tinted or unevenly lit sheet reads as paper. Printed or written ink is far
darker than its paper (text on the corpus pages: 70-80 % darker); bleed-through from the
back, seen through the sheet, is a faint shadow (under 20 %), and scanner noise is averaged
away by the working copy's box filter. The page is flagged, never dropped: the operator decides.
"""

from __future__ import annotations

import numpy as np

BLOCK = 32  # working pixels (~1 cm at 300 dpi A4); paper level is taken per block
INK_CONTRAST = 0.35  # darker than the paper by this share is ink
# A 5 cm line of 12-point text is 0.023 % of an A4 page; a blank one, noisy, tinted or
# with bleed-through, measures 0.
BLANK_BELOW = 0.0001


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Pixels clearly darker than the paper around them."""
    return grey < paper_level(grey) * (1 - INK_CONTRAST)


def paper_level(grey: np.ndarray) -> np.ndarray:
    """Per-pixel paper brightness: the bright level of each block, spread over the block."""
    rows, columns = -(-grey.shape[0] // BLOCK), -(-grey.shape[1] // BLOCK)
    padding = ((0, rows * BLOCK - grey.shape[0]), (0, columns * BLOCK - grey.shape[1]))
    padded = np.pad(grey, padding, mode="edge")
    blocks = padded.reshape(rows, BLOCK, columns, BLOCK).swapaxes(1, 2).reshape(rows, columns, -1)
    # A block full of text still shows paper between strokes; its 90th percentile is paper.
    level = np.percentile(blocks, 90, axis=2).astype(np.float32)
    # A block that is all ink (a solid stamp) borrows the brightest neighbour's paper.
    level = np.maximum(level, _neighbour_max(level) * (1 - INK_CONTRAST))
    spread = np.repeat(np.repeat(level, BLOCK, axis=0), BLOCK, axis=1)
    return spread[: grey.shape[0], : grey.shape[1]]


def _neighbour_max(level: np.ndarray) -> np.ndarray:
    padded = np.pad(level, 1, mode="edge")
    shifted = [padded[1 + dy : 1 + dy + level.shape[0], 1 + dx : 1 + dx + level.shape[1]]
               for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    return np.max(shifted, axis=0)


def ink_share(grey: np.ndarray) -> float:
    """Share of the page that is ink, 0..1."""
    return float(ink_mask(grey).mean()) if grey.size else 0.0
