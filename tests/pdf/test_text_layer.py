"""The invisible text layer: extracted text, CJK runs, alignment with the OCR boxes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pymupdf
import pytest

from app.ocr.engine import OcrPage, OcrWord
from app.ocr.text import join_words
from app.pdf import PdfPage, write_searchable_pdf
from app.pdf.textlayer import line_segments
from pdf_samples import comparable, highlights, iou, sampled_words, sits_on

COMPATIBILITY = re.compile("[\uf900-\ufaff\u2f00-\u2fdf]")
UNIFIED = re.compile("[\u4e00-\u9fff]")


def _pdf(sample, tmp_path: Path) -> Path:
    out = tmp_path / "page.pdf"
    write_searchable_pdf([PdfPage(sample.image, (sample.dpi, sample.dpi), rotation=sample.rotation, ocr=sample.ocr)], out)
    return out


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", ["cjk_jpeg", "english_png"])
def test_pymupdf_text_equals_ocr_text(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    sample = request.getfixturevalue(name)
    with pymupdf.open(_pdf(sample, tmp_path)) as doc:
        extracted = doc[0].get_text()
    assert len(sample.ocr.words) > 50
    assert comparable(extracted) == comparable(sample.ocr.text)


def test_no_compatibility_ideographs_appear(cjk_jpeg, tmp_path: Path) -> None:
    # Embedding a real CJK font maps shared glyphs to compatibility code points (力 -> U+F98A).
    with pymupdf.open(_pdf(cjk_jpeg, tmp_path)) as doc:
        extracted = doc[0].get_text()
    poppler = _pdftotext(tmp_path / "page.pdf")
    ideographs = set(UNIFIED.findall(cjk_jpeg.ocr.text))
    assert len(ideographs) > 100 and not COMPATIBILITY.search(cjk_jpeg.ocr.text)
    for text in (extracted, poppler):
        assert set(UNIFIED.findall(text)) == ideographs
        assert not COMPATIBILITY.search(text)


def test_pdftotext_keeps_cjk_runs_unbroken(cjk_jpeg, tmp_path: Path) -> None:
    text = _pdftotext(_pdf(cjk_jpeg, tmp_path))
    assert "档案工作" in cjk_jpeg.ocr.text
    # No space ever lands between two CJK characters...
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef] +[\u3000-\u9fff\uff00-\uffef]", text)
    # ...and, whitespace aside, poppler reads exactly the OCR text in the OCR order.
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", cjk_jpeg.ocr.text)
    assert "档案工作" in text


@pytest.mark.slow
def test_pdftotext_keeps_the_order_of_a_skewed_page(rotated_full_page, tmp_path: Path) -> None:
    # Lines drift about one line height across this page; set level, they still read in order.
    pdf = _pdf(rotated_full_page, tmp_path)
    text = _pdftotext(pdf)
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", rotated_full_page.ocr.text)
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef] +[\u3000-\u9fff\uff00-\uffef]", text)
    for phrase in ("档案工作", "档案馆"):
        assert phrase in rotated_full_page.ocr.text and phrase in text
    with pymupdf.open(pdf) as doc:
        assert comparable(doc[0].get_text()) == comparable(rotated_full_page.ocr.text)


def _placed(sample, pdf: Path) -> dict[str, bool]:
    """Whether the best ``search_for(word)`` hit ``sits_on`` the word's OCR box, per sampled word."""
    scale = 72 / sample.dpi
    placed = {}
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        for word in sampled_words(sample.ocr):
            box = tuple(v * scale for v in word.box)
            best = max(highlights(page, word.text), key=lambda hit: iou(box, hit))
            placed[word.text] = sits_on(box, best)
    return placed


def test_latin_words_sit_on_their_ocr_boxes(english_png, tmp_path: Path) -> None:
    placed = _placed(english_png, _pdf(english_png, tmp_path))
    assert len(placed) > 50
    assert all(placed.values()), [word for word, ok in placed.items() if not ok]


def test_cjk_words_sit_on_their_ocr_boxes(cjk_jpeg, tmp_path: Path) -> None:
    # Tesseract's CJK boxes hug the ink, while the glyphs of a run must touch each other or
    # pdftotext inserts spaces; so each word also covers half the gap to its neighbours, which
    # lowers the IoU (measured median about 0.8) but not the coverage.
    placed = _placed(cjk_jpeg, _pdf(cjk_jpeg, tmp_path))
    assert len(placed) > 40
    assert all(placed.values()), [word for word, ok in placed.items() if not ok]


def _word(text: str, left: int, line: int = 0) -> OcrWord:
    return OcrWord(text, (left, 0, left + 40 * len(text), 40), 90.0, 0, line)


def test_segments_join_exactly_where_join_words_puts_no_space() -> None:
    texts = ["第", "3", "号", "Lantai", "2.0", "版", "“", "档案", "”", "OCR", "", "test"]
    words = [_word(text, 50 * i) for i, text in enumerate(texts)]
    segments = line_segments(words)
    assert " ".join("".join(w.text for w in segment) for segment in segments) == join_words(texts)


def test_characters_beyond_the_bmp_extract_as_themselves(tmp_path: Path, cjk_jpeg) -> None:
    # Ext-B ideographs (surrogate pairs in UTF-16) get CIDs from D800-DFFF; a lone surrogate
    # is not a character and becomes U+FFFD.
    words = [_word("𠀀𡈽", 10), _word("档案", 200), _word("𠀀", 400), _word("a\ud800", 600, line=1)]
    ocr = OcrPage(2000, 400, words)
    out = tmp_path / "wide.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300), ocr=ocr)], out)
    with pymupdf.open(out) as doc:
        extracted = doc[0].get_text()
    assert comparable(extracted) == "𠀀𡈽档案𠀀 a\ufffd"
    assert comparable(_pdftotext(out)) == "𠀀𡈽档案𠀀 a\ufffd"
