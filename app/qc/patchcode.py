"""Kodak patch code T (the transfer patch) found on a page image.

A patch is four parallel black bars, each narrow (0.08 in) or wide (0.20 in), with narrow
spaces between them: 0.80 in in all, bars at least 0.75 in long (Kodak "Patch Code
Information" A-61599 and the i5000 manual A-61670, whose zone tables give every bar edge).
Read from the patch's leading edge the six patches are 1 = WWNN, 2 = WNNW, 3 = WNWN,
4 = NWWN, 6 = NNWW and T = NWNW.

A page image does not say which edge was fed first, and an operator may turn a separator
sheet upside down or put it in sideways, so bars in either direction (across or down the
page) and either reading order count: an upside-down T reads WNWN. That makes Patch 3 count
as T too; Lantai does not use Kodak's image levels, and a missed separator merges two items
silently while a spurious one only shows up as an extra item the operator can merge back.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# Widths in narrow units (0.08 in): wide bars are 0.20 in, and the whole patch is 0.80 in.
_WIDE_UNITS = 2.5
_PATCH_UNITS = 10.0
_MIN_BAR_LENGTH_UNITS = 0.75 / 0.08
_PATCH_T = ((False, True, False, True), (True, False, True, False))  # wide?, both orders
# Kodak allows ±0.01 in; binarising a box-averaged image blurs each edge by up to a pixel.
_NARROW_RANGE = (0.5, 1.7)
_WIDE_RANGE = (1.8, 3.3)
# A fifth bar or a line of text right beside the four bars means it is not a patch.
_QUIET_UNITS = 2.0
# A narrow bar must still be a few pixels wide after downsampling to be told from a wide one.
_MIN_UNIT_PX = 2.5
# ~75 dpi on A4: a narrow bar is ~6 px, and the whole search costs a few milliseconds.
_WORKING_SHORT_SIDE = 620
_BLACK_BELOW = 128


def has_patch_t(image: Image.Image) -> bool:
    """Whether ``image`` (a whole page, any mode) carries a patch T in any orientation."""
    gray = image.convert("L")
    factor = max(1, min(gray.size) // _WORKING_SHORT_SIDE)
    if factor > 1:
        gray = gray.reduce(factor)
    black = np.asarray(gray) < _BLACK_BELOW
    # Bars across the page are crossed by its columns; bars down the page by its rows.
    return _has_bars_crossing(black) or _has_bars_crossing(black.T)


def _has_bars_crossing(black: np.ndarray) -> bool:
    """Whether the columns of ``black`` cross a patch T's bars over a bar's length."""
    cols, starts, lengths = _black_runs_by_column(black)
    if len(starts) < 4:
        return False
    ends = starts + lengths
    # Windows of four consecutive runs in one column, by the index of their first run.
    first = np.arange(len(starts) - 3)
    first = first[cols[first] == cols[first + 3]]
    unit = (ends[first + 3] - starts[first]) / _PATCH_UNITS
    bars = np.stack([lengths[first + k] for k in range(4)]) / unit
    spaces = np.stack([starts[first + k + 1] - ends[first + k] for k in range(3)]) / unit
    before = _gap_before(cols, starts, ends, first) / unit
    after = _gap_before(cols, starts, ends, first + 4) / unit

    wide = (bars >= _WIDE_RANGE[0]) & (bars <= _WIDE_RANGE[1])
    narrow = (bars >= _NARROW_RANGE[0]) & (bars <= _NARROW_RANGE[1])
    pattern_ok = np.zeros(len(first), dtype=bool)
    for pattern in _PATCH_T:
        want_wide = np.array(pattern)[:, None]
        pattern_ok |= np.all(np.where(want_wide, wide, narrow), axis=0)
    hit = (
        pattern_ok
        & (unit >= _MIN_UNIT_PX)
        & np.all((spaces >= _NARROW_RANGE[0]) & (spaces <= _NARROW_RANGE[1]), axis=0)
        & (before >= _QUIET_UNITS)
        & (after >= _QUIET_UNITS)
    )
    centres = (starts[first] + ends[first + 3]) / 2
    return _spans_a_bar_length(cols[first][hit], centres[hit], unit[hit])


def _black_runs_by_column(black: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(column, start row, length) of every vertical black run, by column then row."""
    padded = np.zeros((black.shape[1], black.shape[0] + 2), dtype=np.int8)
    padded[:, 1:-1] = black.T
    edges = np.diff(padded, axis=1)
    cols, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    return cols, starts, ends - starts


def _gap_before(
    cols: np.ndarray, starts: np.ndarray, ends: np.ndarray, index: np.ndarray
) -> np.ndarray:
    """White space above run ``index`` in its column; infinite where nothing is above."""
    gap = np.full(len(index), np.inf)
    inside = (index > 0) & (index < len(starts))
    i = index[inside]
    gap[inside] = np.where(cols[i - 1] == cols[i], starts[i] - ends[i - 1], np.inf)
    return gap


def _spans_a_bar_length(cols: np.ndarray, centres: np.ndarray, units: np.ndarray) -> bool:
    """Whether hits in neighbouring columns line up for at least a patch bar's length.

    A slightly skewed patch drifts by a fraction of a pixel per column, so a hit continues
    a run of hits when it lies within half a narrow unit of that run's last hit.
    """
    runs: list[list[float]] = []  # [first col, last col, last centre, unit]
    for col, centre, unit in zip(cols.tolist(), centres.tolist(), units.tolist()):
        for run in runs:
            if col - run[1] <= 2 * run[3] and abs(centre - run[2]) <= run[3] / 2:
                run[1], run[2] = col, centre
                if col - run[0] >= _MIN_BAR_LENGTH_UNITS * run[3]:
                    return True
                break
        else:
            runs.append([col, col, centre, unit])
    return False
