"""Helpers for the PDF tests: real Tesseract words as an OcrPage (so the tests need not wait
for app/ocr/tesseract.py) and the measures the acceptance criteria are stated in."""

from __future__ import annotations

import statistics
import unicodedata
from pathlib import Path

import pymupdf
import pytesseract
from PIL import Image

from app.ocr.engine import OcrPage, OcrWord

_WORD_LEVEL = 5


def tesseract_page(image: Path, languages: str) -> OcrPage:
    """OCR the upright image at ``image`` word by word."""
    with Image.open(image) as picture:
        data = pytesseract.image_to_data(picture, lang=languages, output_type=pytesseract.Output.DICT)
        width, height = picture.size
    words: list[OcrWord] = []
    line_numbers: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        if data["level"][i] != _WORD_LEVEL or not text.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line = line_numbers.setdefault(key, len(line_numbers))
        left, top = data["left"][i], data["top"][i]
        box = (left, top, left + data["width"][i], top + data["height"][i])
        words.append(OcrWord(text.strip(), box, float(data["conf"][i]), data["block_num"][i], line))
    return OcrPage(width, height, words, engine="tesseract", languages=languages)


def comparable(text: str) -> str:
    """NFC, every run of whitespace (spaces, newlines) made one space, ends stripped.

    Extractors may break a line where OCR did not, or join two; they must not add or drop
    whitespace inside a run, which this keeps visible.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Intersection over union of two (x0, y0, x1, y1) rectangles."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def coverage(ocr_box: tuple[float, ...], hit: tuple[float, ...]) -> float:
    """How much of ``ocr_box`` the highlight ``hit`` covers: intersection / OCR-box area."""
    width = min(ocr_box[2], hit[2]) - max(ocr_box[0], hit[0])
    height = min(ocr_box[3], hit[3]) - max(ocr_box[1], hit[1])
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / ((ocr_box[2] - ocr_box[0]) * (ocr_box[3] - ocr_box[1]))


MIN_COVERAGE = 0.8
MIN_IOU = 0.5


def sits_on(ocr_box: tuple[float, ...], hit: tuple[float, ...]) -> bool:
    """The alignment criterion: a viewer's highlight of a word (PyMuPDF ``search_for``) sits on
    the word's OCR box when it covers at least 80 % of that box AND their intersection over
    union is at least 0.5, so a highlight spanning the whole line or page cannot pass.

    Boxes are (x0, y0, x1, y1) in PDF points, y downwards (as PyMuPDF reports them).
    """
    return coverage(ocr_box, hit) >= MIN_COVERAGE and iou(ocr_box, hit) >= MIN_IOU


# A tall box is one this much taller than the median box of its line.
TALL_BOX = 1.25
# MuPDF's search joins a line ending in "-" to the next one and then reports every match on
# that next line one character to the left (plain PyMuPDF insert_text text does the same), so
# one stray "-" from OCR would move the highlights of a whole line. Not dehyphenating keeps
# the measure on the text layer.
SEARCH_FLAGS = pymupdf.TEXTFLAGS_SEARCH & ~pymupdf.TEXT_DEHYPHENATE


def highlights(page: pymupdf.Page, text: str) -> list[tuple[float, ...]]:
    """The rectangles a viewer would highlight for ``text`` on ``page``, in points."""
    return [tuple(hit) for hit in page.search_for(text, flags=SEARCH_FLAGS)]


def sampled_words(ocr: OcrPage) -> list[OcrWord]:
    """Words whose box can be matched: two or more letters, and a box that hugs its ink.

    Left out are boxes that run into a neighbour's, and boxes much taller than the rest of
    their line: Tesseract's chi_sim sometimes reports a box spanning the next words, or one
    reaching well above and below the characters (measured 66 px for 42 px of ink); the
    text layer sets a run at one size, so the highlight covers the ink, not such a box.
    """
    chosen = []
    for line in ocr.lines():
        usual_height = statistics.median(word.box[3] - word.box[1] for word in line)
        for i, word in enumerate(line):
            if len(word.text) < 2 or not word.text.isalnum():
                continue
            if i > 0 and line[i - 1].box[2] > word.box[0]:
                continue
            if i + 1 < len(line) and line[i + 1].box[0] < word.box[2]:
                continue
            if word.box[3] - word.box[1] > TALL_BOX * usual_height:
                continue
            chosen.append(word)
    return chosen
