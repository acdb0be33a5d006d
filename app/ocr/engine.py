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

    Boxes are in pixels of the source image after it has been turned by ``rotation``
    degrees clockwise (the upright page); ``width`` and ``height`` are that image's size.
    """

    width: int
    height: int
    words: list[OcrWord]
    rotation: int = 0
    engine: str = ""
    languages: str = ""
    source: str = "ocr"  # "ocr", or "pdf-text" when the scanner PDF already had text

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
