"""The Tesseract engine, driven through pytesseract.

One ``tesseract`` run per page: the TSV output carries both the words and their boxes, so
the text and the PDF text layer never come from two runs that could disagree.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytesseract

from app.ocr.engine import OcrPage, OcrWord

# Tesseract's own OpenMP threads fight each other and the other workers: measured 30 s
# instead of 6.5 s wall time for one Chinese page. Lantai parallelises by page instead.
THREAD_LIMIT_ENV = {"OMP_THREAD_LIMIT": "1"}

# Page segmentation "single uniform block": on the archive corpus it reads as well as or
# better than automatic layout analysis (psm 3), which broke a bordered page into pieces.
DEFAULT_PSM = 6
# Sauvola local thresholding instead of global Otsu: a black scanner border or uneven
# paper no longer sets the threshold for the whole page (seedA-002: 12 % CER -> 2 %).
DEFAULT_CONFIG = "-c thresholding_method=2"


class TesseractUnavailableError(RuntimeError):
    """Tesseract, or the language data a request needs, is not installed."""


def limit_tesseract_threads() -> None:
    """Make every tesseract started from this process single-threaded.

    pytesseract starts tesseract with this process's ``os.environ``, so setting it here is
    what reaches the subprocess.
    """
    os.environ.update(THREAD_LIMIT_ENV)


def language_package(language: str) -> str:
    """The Debian/Ubuntu package holding ``language``'s traineddata (chi_sim -> ...-chi-sim)."""
    return "tesseract-ocr-" + language.lower().replace("_", "-")


def check_languages(languages: str) -> None:
    """Raise ``TesseractUnavailableError`` naming what to install, if anything is missing."""
    try:
        installed = set(pytesseract.get_languages())
    except pytesseract.TesseractNotFoundError as error:
        raise TesseractUnavailableError(
            "Tesseract OCR is not installed (no 'tesseract' program on PATH); "
            "install the package tesseract-ocr"
        ) from error
    missing = [lang for lang in languages.split("+") if lang and lang not in installed]
    if missing:
        packages = ", ".join(language_package(lang) for lang in missing)
        raise TesseractUnavailableError(
            f"Tesseract language data missing: {', '.join(missing)} "
            f"(installed: {', '.join(sorted(installed)) or 'none'}); install {packages}"
        )


def parse_tsv(tsv: str) -> tuple[int, int, list[OcrWord]]:
    """Page size and words of Tesseract's TSV output, words in reading order.

    ``line`` becomes a running index over (block, paragraph, line) because Tesseract numbers
    lines within a paragraph only.
    """
    width = height = 0
    words: list[OcrWord] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t", 11)
        if len(fields) < 12:
            continue
        level, _, block, par, line = (int(f) for f in fields[:5])
        left, top, box_width, box_height = (int(f) for f in fields[6:10])
        if level == 1:
            width, height = box_width, box_height
        text = fields[11].strip()
        if level != 5 or not text:
            continue
        line_id = line_ids.setdefault((block, par, line), len(line_ids))
        words.append(
            OcrWord(
                text=text,
                box=(left, top, left + box_width, top + box_height),
                confidence=float(fields[10]),
                block=block,
                line=line_id,
            )
        )
    return width, height, words


class TesseractEngine:
    """``OcrEngine`` backed by the system ``tesseract`` program."""

    name = "tesseract"

    def __init__(self, psm: int = DEFAULT_PSM, extra_config: str = DEFAULT_CONFIG) -> None:
        self.psm = psm
        self.extra_config = extra_config

    def recognize(self, image: Path, *, languages: str, dpi: int | None) -> OcrPage:
        check_languages(languages)
        config = f"--psm {self.psm}"
        if dpi:
            config += f" --dpi {dpi}"
        if self.extra_config:
            config += " " + self.extra_config
        # A path string, not a PIL image: pytesseract would re-encode the image to a temp
        # file first, which costs seconds for a large PNG.
        tsv = pytesseract.image_to_data(str(image), lang=languages, config=config)
        width, height, words = parse_tsv(tsv)
        return OcrPage(width, height, words, engine=self.name, languages=languages)


def osd_rotation(image: Path) -> tuple[int, float] | None:
    """Clockwise turn (0/90/180/270) that makes ``image`` upright, and OSD's confidence.

    None when OSD cannot tell, e.g. too little text on the page.
    """
    check_languages("osd")
    try:
        osd = pytesseract.image_to_osd(str(image), output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        # "Too few characters": a blank or nearly blank page has no orientation.
        return None
    return int(osd["rotate"]) % 360, float(osd["orientation_conf"])
