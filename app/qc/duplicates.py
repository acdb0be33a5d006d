"""The same sheet scanned twice in a batch, found by a perceptual hash of each page.

The hash (pHash) keeps the signs of the lowest 8x8 frequencies of a 32x32 copy of the
upright content: a rescan, shifted a little, recompressed or noisier, changes a few of its 64
bits, while a different page changes many. Pages set in the same layout with full text
blocks can come close, so a match is a warning for the operator to look at, never a deletion.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import combinations
from typing import TypeVar

import numpy as np
from PIL import Image

Key = TypeVar("Key", bound=Hashable)

HASH_SIDE = 32
LOW = 8
# Measured on corpus pages: the same sheet rescanned (shifted, recompressed, noisier, at
# 150 dpi, on a black border, turned) differs by 0-2 bits; different pages by 18 or more.
MAX_DISTANCE = 8


def _dct_matrix(size: int) -> np.ndarray:
    k = np.arange(size)[:, None]
    n = np.arange(size)[None, :]
    return np.cos(np.pi * (2 * n + 1) * k / (2 * size))


_DCT = _dct_matrix(HASH_SIDE)


def perceptual_hash(grey: np.ndarray) -> int:
    """64-bit pHash of a grey page (uint8 array)."""
    small = Image.fromarray(grey).resize((HASH_SIDE, HASH_SIDE), Image.Resampling.BOX)
    small = np.asarray(small, dtype=np.float64)
    low = (_DCT @ small @ _DCT.T)[:LOW, :LOW].ravel()
    # The first coefficient is the mean brightness: left out of the median, as pHash does.
    bits = low > np.median(low[1:])
    return int(sum(1 << index for index, bit in enumerate(bits) if bit))


def near_duplicates(
    pages: Sequence[tuple[Key, int]], max_distance: int = MAX_DISTANCE
) -> list[tuple[Key, Key, int]]:
    """Pairs of pages whose hashes differ in at most ``max_distance`` bits, with the distance."""
    return [
        (first, second, distance)
        for (first, first_hash), (second, second_hash) in combinations(pages, 2)
        if (distance := (first_hash ^ second_hash).bit_count()) <= max_distance
    ]
