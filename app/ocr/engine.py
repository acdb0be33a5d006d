"""The seam between Lantai and an OCR engine.

An engine takes one upright page image and returns words with boxes, confidence and their
place in the reading order. Everything downstream (text layer, search index, proofreading)
consumes only these types, so another engine can be plugged in without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.ocr.text import join_words


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; ``box`` is (left, top, right, bottom) in page pixels."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float  # 0..100, as Tesseract reports it
    block: int
    line: int  # index of the line in reading order, unique within the page


@dataclass
class OcrPage:
    """The OCR result of one page.

    Boxes are in pixels of the levelled upright page: the source image turned ``rotation``
    degrees clockwise, then, if ``skew`` is not 0, turned ``-skew`` degrees anticlockwise
    about its centre on a canvas of the same size (corners filled white). ``width`` and
    ``height`` are the upright image's size, levelled or not.

    ``skew`` is the tilt of the upright page's text lines in degrees, anticlockwise positive,
    as QC's ``skew_deg``; 0.0 when the page was read as it is (tilts under
    ``app.ocr.deskew.MIN_SKEW`` are not levelled). Whoever draws the boxes over the image
    (the PDF text layer) must level the image by the same turn.
    """

    width: int
    height: int
    words: list[OcrWord]
    rotation: int = 0
    engine: str = ""
    languages: str = ""
    source: str = "ocr"  # "ocr", or "pdf-text" when the scanner PDF already had text
    skew: float = 0.0  # last: app.processing builds an OcrPage from positional arguments

    def lines(self) -> list[list[OcrWord]]:
        """Words grouped by line, in reading order."""
        grouped: dict[int, list[OcrWord]] = {}
        for word in self.words:
            grouped.setdefault(word.line, []).append(word)
        return [grouped[key] for key in sorted(grouped)]

    @property
    def text(self) -> str:
        """The page text: one line per OCR line, CJK runs unbroken (see ``join_words``)."""
        return "\n".join(join_words([w.text for w in line]) for line in self.lines())

    @property
    def mean_confidence(self) -> float:
        scored = [w.confidence for w in self.words if w.confidence >= 0]
        return sum(scored) / len(scored) if scored else 0.0


class OcrEngine(Protocol):
    """What Lantai needs from an OCR engine."""

    name: str

    def recognize(self, image: Path, *, languages: str, dpi: int | None) -> OcrPage:
        """Recognise the upright page image stored at ``image``."""
        ...
