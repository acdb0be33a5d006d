"""The invisible text layer: OCR words as render-mode-3 text over the page image.

Words are merged into segments by the rule of ``app.ocr.text.join_words``: a boundary that
touches a CJK character joins its words with nothing between them, any other boundary gets a
real space glyph stretched over the gap (as OCRmyPDF does). So a viewer extracts CJK runs
unbroken and ``OcrPage.text`` comes back character for character.

Placement: within a segment each word is stretched (Tz) from the middle of the gap before
it to the middle of the gap after it, so a segment has no gap for pdftotext to read as a
space (it inserts one from 0.1 em on, even between ideographs). The font size is a box
height and the baseline a box bottom; the glyphless font spans exactly 0..1 em above the
baseline, so the character boxes a viewer reports cover the OCR boxes. A lone word uses its
own box. The words of a merged segment share one size (the median height): per-word sizes
would let punctuation (a tiny box for ，or “) split the run for pdftotext.

Skewed lines: a baseline is fitted through the word bottoms and the segment is set on level
steps that follow it, so words sit on their ink and highlights fit. pdftotext, though, keeps
glyphs on one line only while their baselines stay within half a font size of each other
(poppler's maxIntraLineDelta); past that it breaks the line into pieces and can read them out
of order (measured: 3 % CER instead of 0.7 % on a 1.1-degree page). So the steps stay within
MAX_OFFSET of the line's middle, and on a page skewed by more than about a degree the ends
of long lines still sit up to (drift / 2 - MAX_OFFSET) font sizes off the ink.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from itertools import combinations

from app.ocr.engine import OcrPage, OcrWord
from app.ocr.text import is_cjk
from app.pdf.glyphless import ADVANCE, GlyphlessFont

FONT_NAME = "F0"
# Font sizes: how far the fitted baseline may drift within one level step, and how far a step
# may sit above or below the line's middle (0.24 both ways stays under poppler's 0.5; 0.3
# already broke lines on two corpus pages).
STEP_DRIFT = 0.2
MAX_OFFSET = 0.24
_MIN_WIDTH = 1.0  # pixels; a zero-width run would divide by zero, a space needs some width


@dataclass(frozen=True)
class Run:
    """Glyphs drawn in one go, in OCR pixels (y grows downwards)."""

    text: str
    left: float
    right: float
    baseline: float
    size: float


def line_segments(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Group the words of a line wherever ``join_words`` would put no space between them."""
    segments: list[list[OcrWord]] = []
    for word in words:
        if not word.text:
            continue
        if segments and (is_cjk(segments[-1][-1].text[-1]) or is_cjk(word.text[0])):
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


def line_runs(words: list[OcrWord]) -> list[Run]:
    """The runs that draw one OCR line: its segments, with a stretched space between them."""
    runs: list[Run] = []
    segments = line_segments(words)
    for index, segment in enumerate(segments):
        runs += _segment_runs(segment)
        if index + 1 < len(segments):
            last = runs[-1]
            gap_end = max(segments[index + 1][0].box[0], last.right + _MIN_WIDTH)
            runs.append(Run(" ", last.right, gap_end, last.baseline, last.size))
    return runs


def _segment_runs(segment: list[OcrWord]) -> list[Run]:
    if len(segment) == 1:
        left, top, right, bottom = segment[0].box
        return [Run(segment[0].text, left, max(right, left + _MIN_WIDTH), bottom, max(bottom - top, 1))]
    size = statistics.median(word.box[3] - word.box[1] for word in segment)
    slope, intercept = _baseline([((w.box[0] + w.box[2]) / 2, w.box[3]) for w in segment])
    step = STEP_DRIFT * size / abs(slope) if slope else math.inf
    left = segment[0].box[0]
    middle = (left + segment[-1].box[2]) / 2
    reach = MAX_OFFSET * size

    def baseline(x: float) -> float:
        """The level step under ``x``: the fitted line at the step's middle, held near the
        line's middle so pdftotext still reads the segment as one line."""
        if step == math.inf:
            return intercept + slope * middle
        step_middle = left + (math.floor((x - left) / step) + 0.5) * step
        offset = max(-reach, min(reach, slope * (step_middle - middle)))
        return intercept + slope * middle + offset

    runs = []
    start = float(segment[0].box[0])
    for index, word in enumerate(segment):
        end = float(word.box[2])
        if index + 1 < len(segment):
            following = segment[index + 1].box[0]
            # Neighbours split the gap between their ink; overlapping boxes trust the later start.
            end = (word.box[2] + following) / 2 if word.box[2] <= following else following
        end = max(end, start + _MIN_WIDTH)
        runs.append(Run(word.text, start, end, baseline((word.box[0] + word.box[2]) / 2), max(size, 1)))
        start = end
    return runs


def _baseline(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Slope and intercept of the line through the word bottoms (Theil-Sen: medians, so the
    odd misplaced box, e.g. a full-height box Tesseract gives a comma, does not tilt it)."""
    slopes = [(b2 - b1) / (x2 - x1) for (x1, b1), (x2, b2) in combinations(points, 2) if x2 != x1]
    slope = statistics.median(slopes) if slopes else 0.0
    return slope, statistics.median(bottom - slope * x for x, bottom in points)


def text_layer_operators(ocr: OcrPage, width_pt: float, height_pt: float, font: GlyphlessFont) -> str:
    """Content-stream operators drawing ``ocr`` invisibly on a page of the given size."""
    # OCR pixels -> points via the OCR image's own size, so a page OCRed at another
    # resolution than the stored image still lines up.
    scale_x = width_pt / ocr.width
    scale_y = height_pt / ocr.height
    ops = ["BT", "3 Tr"]
    for line in ocr.lines():
        for run in line_runs(line):
            cids = font.encode(run.text)
            size = min(run.size, run.baseline) * scale_y
            scaling = 100 * (run.right - run.left) * scale_x / (len(cids) * ADVANCE * size)
            x = run.left * scale_x
            # A run reaching past the page edge would be dropped by pdftotext.
            y = height_pt - min(run.baseline, ocr.height) * scale_y
            codes = "".join(f"{cid:04X}" for cid in cids)
            ops.append(f"/{FONT_NAME} {size:.2f} Tf {scaling:.2f} Tz 1 0 0 1 {x:.2f} {y:.2f} Tm <{codes}> Tj")
    ops.append("ET")
    return "\n".join(ops)
