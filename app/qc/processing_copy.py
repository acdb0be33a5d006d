"""The processing copy: the master turned upright, cropped and levelled for OCR and the PDF.

The master is never altered. Each operation is returned as a record for the page's process
metadata, in the order applied: crop (stored pixels), then rotate, then deskew.
"""

from __future__ import annotations

from PIL import Image

from app.ocr.deskew import MIN_SKEW, level
from app.ocr.prepare import turn_clockwise
from app.qc.findings import PageQc


def processing_copy(
    image: Image.Image, qc: PageQc, *, deskew: bool, crop: bool, rotate: bool
) -> tuple[Image.Image, list[dict]]:
    """A corrected copy of ``image`` (as stored) and the operations applied to it.

    Records: ``{"op": "crop", "box": [left, top, right, bottom]}``,
    ``{"op": "rotate", "clockwise_degrees": 90}``,
    ``{"op": "deskew", "anticlockwise_degrees": 1.75}`` (the measured tilt, undone).
    A tilt under MIN_SKEW (0.3°) is left: turning would blur the ink for nothing.
    """
    copy = image.copy()
    operations: list[dict] = []
    if crop and qc.border:
        copy = copy.crop(qc.border)
        operations.append({"op": "crop", "box": list(qc.border)})
    if rotate and qc.rotation:
        copy = turn_clockwise(copy, qc.rotation)
        operations.append({"op": "rotate", "clockwise_degrees": qc.rotation})
    if deskew and abs(qc.skew_deg) >= MIN_SKEW:
        correction = round(-qc.skew_deg, 2)
        copy = level(copy if copy.mode != "1" else copy.convert("L"), correction)
        operations.append({"op": "deskew", "anticlockwise_degrees": correction})
    return copy, operations
