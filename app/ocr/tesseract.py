"""The Tesseract engine, driven through pytesseract.

Each ``tesseract`` run's TSV output carries both the words and their boxes, so the text and
the PDF text layer never come from two runs that could disagree. (A page with Latin text is
read a second time with every language, and that second run's result is the one kept.)
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
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


def installed_languages() -> set[str]:
    """The language data Tesseract has (``tesseract --list-langs``), e.g. {"chi_sim", "eng", "osd"}."""
    try:
        return set(pytesseract.get_languages())
    except pytesseract.TesseractNotFoundError as error:
        raise TesseractUnavailableError(
            "Tesseract OCR is not installed (no 'tesseract' program on PATH); "
            "install the package tesseract-ocr"
        ) from error


def check_languages(languages: str) -> None:
    """Raise ``TesseractUnavailableError`` naming what to install, if anything is missing."""
    installed = installed_languages()
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


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


class TesseractEngine:
    """``OcrEngine`` backed by the system ``tesseract`` program."""

    name = "tesseract"

    def __init__(self, psm: int = DEFAULT_PSM, extra_config: str = DEFAULT_CONFIG) -> None:
        self.psm = psm
        self.extra_config = extra_config

    def recognize(self, image: Path, *, languages: str, dpi: int | None) -> OcrPage:
        """Read with the first language alone; read again with all of them only if needed.

        With chi_sim+eng, Tesseract re-reads every line it is unsure of with each further
        language: measured, 35 % of its time on Chinese pages, for not one changed character.
        chi_sim alone gives the same Chinese text and no Latin words at all on such pages,
        while on a page with Latin text it gives hundreds of garbled ones (693 on linn.png),
        so a single Latin word is the sign to read the page with every language.
        """
        check_languages(languages)
        first, _, others = languages.partition("+")
        if others:
            result = self._read(image, first, dpi)
            if not any(_LATIN_WORD.search(word.text) for word in result.words):
                return replace(result, languages=languages)
        return self._read(image, languages, dpi)

    def _read(self, image: Path, languages: str, dpi: int | None) -> OcrPage:
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
