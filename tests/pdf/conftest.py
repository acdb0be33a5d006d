"""Real page images and real Tesseract words for the PDF tests (crops keep OCR quick)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from app.ocr.engine import OcrPage
from pdf_samples import tesseract_page


@dataclass(frozen=True)
class OcrImage:
    image: Path  # as stored
    dpi: float
    ocr: OcrPage  # of the upright image
    rotation: int = 0


@pytest.fixture(scope="session")
def cjk_jpeg(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> OcrImage:
    """Top third of a rendered work-report page, deskewed (as the manifest's skew_deg says)
    so its lines are level, stored as JPEG, OCRed with chi_sim+eng."""
    folder = tmp_path_factory.mktemp("cjk")
    with Image.open(corpus / "cjk-rendered/seedA-003.png") as page:
        level = page.rotate(1.08, resample=Image.Resampling.BICUBIC, fillcolor=255)
        crop = level.crop((0, 0, page.width, page.height // 3))
    crop.save(folder / "crop.png")
    crop.save(folder / "crop.jpg", quality=85)
    return OcrImage(folder / "crop.jpg", 300, tesseract_page(folder / "crop.png", "chi_sim+eng"))


@pytest.fixture(scope="session")
def english_png(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> OcrImage:
    """Top third of a real scanned English page, a 1-bit palette PNG, OCRed with eng."""
    folder = tmp_path_factory.mktemp("eng")
    with Image.open(corpus / "scans/linn.png") as page:
        crop = page.crop((0, 0, page.width, page.height // 3))
    crop.save(folder / "crop.png")
    return OcrImage(folder / "crop.png", 300, tesseract_page(folder / "crop.png", "eng"))


@pytest.fixture(scope="session")
def rotated_full_page(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> OcrImage:
    """A whole skewed A4 page stored a quarter turn off (JPEG), OCRed upright."""
    folder = tmp_path_factory.mktemp("full")
    stored = folder / "seedA-004.jpg"
    shutil.copyfile(corpus / "cjk-rendered/seedA-004.jpg", stored)
    with Image.open(stored) as image:
        image.rotate(-90, expand=True).save(folder / "upright.png")  # PIL turns anticlockwise
    return OcrImage(stored, 300, tesseract_page(folder / "upright.png", "chi_sim+eng"), rotation=90)
