"""The work done on one page in a worker process: image checks, separator sheet, OCR.

The page is decoded once; the checks' findings (rotation, skew) steer the OCR, so Tesseract's
orientation detection never runs twice for a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.catalog.archival_code import ArchivalCodeTemplate
from app.config import ImageRules
from app.imaging.decode import open_page
from app.imaging.pageinfo import PageInfo
from app.ocr.engine import OcrPage
from app.ocr.prepare import recognize_image
from app.qc.findings import PageQc
from app.qc.page import check_page
from app.qc.separators import Separator, detect_separator


@dataclass(frozen=True)
class PageWork:
    """One page to check and read; small and picklable, the worker opens the file itself."""

    image: Path
    frame: int  # frame of ``image`` holding the page (a multi-page TIFF); 0 otherwise
    info: PageInfo
    languages: str
    rules: ImageRules
    archival_code_template: str
    operator_rotation: int | None = None  # the operator turned the page by hand: that turn, not a guess


@dataclass(frozen=True)
class PageResult:
    qc: PageQc
    separator: Separator | None
    ocr: OcrPage | None  # None for a separator sheet


def process_page(work: PageWork) -> PageResult:
    image = open_page(work.image, work.frame)
    qc = check_page(image, work.info, work.rules)
    separator = detect_separator(image, ArchivalCodeTemplate(work.archival_code_template))
    if separator is not None:
        return PageResult(qc, separator, None)
    if work.operator_rotation is not None:
        rotation = work.operator_rotation
    else:
        rotation = qc.rotation if work.rules.auto_rotate else work.info.exif_rotation
    ocr = recognize_image(image, dpi=work.info.dpi[0] if work.info.dpi else None, rotation=rotation,
                          skew=qc.skew_deg if work.rules.auto_deskew else 0.0, languages=work.languages)
    return PageResult(qc, None, ocr)
