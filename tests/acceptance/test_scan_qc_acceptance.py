"""Acceptance criteria of page QC on real scans, through the processing path: ``probe``, the page
image as ingest stores it (a scanner PDF's page: ``pdf_page_image``, its display turn as the
known turn), then ``process_page`` in an ``OcrPool`` worker, as the station's processing runs it.

The fourth criterion ("on cjk-rendered, every fault that manifest.json lists is detected, no
clean page is flagged, skew within ±0.3° of skew_deg") is tests/qc/test_page_qc_corpus.py
(test_every_listed_fault_is_found_and_nothing_else, test_skew_within_a_third_of_a_degree).

Measured when written, CER against linn.gt.txt: 0.39 for linn.png, for each cardinal.pdf page
and for skew.pdf (ratio 1.00). It is that high on a clean read because the ground truth gives
the two-column part column by column while Tesseract (psm 6, one block) reads across both.
The same page read a quarter or half turn off scores 0.85-0.90.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import DEFAULT_TEMPLATE, ImageRules
from app.imaging.pageinfo import PageInfo
from app.imaging.pdfsource import pdf_page_image
from app.imaging.probe import probe
from app.ocr.pool import OcrPool
from app.ocr.quality import character_error_rate
from app.pagework import PageResult, PageWork, process_page
from app.scanning.ingest import SUFFIXES

# Upright reads measure 0.39 (see above), turned ones 0.85 or more: well between the two.
MAX_UPRIGHT_CER = 0.45
MAX_SKEW_CER_RATIO = 1.2
LANGUAGES = "chi_sim+eng"
CARDINAL_PAGES = 4


def _work(path: Path, index: int, folder: Path) -> PageWork:
    """Page ``index`` of ``path`` as ingest records it (Ingest._page_image) and processing reads it."""
    info = probe(path)[index]
    image = path
    if info.media_type == "application/pdf":
        assert not info.has_text  # a scanned page: its image is taken out, not its text
        extracted = pdf_page_image(path, index)
        image = folder / f"{path.stem}-{index}{SUFFIXES.get(extracted.media_type, '.bin')}"
        image.write_bytes(extracted.data)
        info = PageInfo(
            index=info.index, width=extracted.width, height=extracted.height, dpi=extracted.dpi,
            mode=info.mode, media_type=extracted.media_type, compression=info.compression,
            exif_rotation=extracted.rotation,
        )
        index = 0
    return PageWork(image=image, frame=index, info=info, languages=LANGUAGES, rules=ImageRules(),
                    archival_code_template=DEFAULT_TEMPLATE)


@pytest.fixture(scope="module")
def processed(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[PageWork, PageResult]]:
    """Every page the criteria name, processed once, two at a time."""
    folder = tmp_path_factory.mktemp("scan-qc")
    pages = {f"cardinal-{i}": (corpus / "scans" / "cardinal.pdf", i) for i in range(CARDINAL_PAGES)}
    pages |= {
        "skew": (corpus / "scans" / "skew.pdf", 0),
        "linn": (corpus / "scans" / "linn.png", 0),
        "exif-photo": (corpus / "cjk-photos" / "rapidocr_img_exif_orientation.jpg", 0),
    }
    works = {name: _work(path, index, folder) for name, (path, index) in pages.items()}
    with OcrPool(workers=2) as pool:
        futures = {name: pool.run(process_page, work) for name, work in works.items()}
        return {name: (works[name], future.result()) for name, future in futures.items()}


@pytest.fixture(scope="module")
def linn_truth(corpus: Path) -> str:
    return (corpus / "scans" / "linn.gt.txt").read_text(encoding="utf-8")


def test_cardinal_four_of_four_orientations_right(processed, linn_truth):
    works = [processed[f"cardinal-{i}"][0] for i in range(CARDINAL_PAGES)]
    # The PDF shows the four pages turned 0/90/180/270: each is a different known turn.
    assert [work.info.exif_rotation for work in works] == [0, 90, 180, 270]
    for index in range(CARDINAL_PAGES):
        _, result = processed[f"cardinal-{index}"]
        # The images inside are stored upright (tests/qc: OSD reads them at 0), so the known
        # turn plus QC's further turn must come to 0, and the OCR must have read them so.
        assert result.qc.rotation == 0 and result.ocr.rotation == 0, index
        cer = character_error_rate(result.ocr.text, linn_truth)
        assert cer <= MAX_UPRIGHT_CER, f"page {index}: CER {cer:.3f}"


def test_skew_pdf_after_deskew_reads_no_worse_than_linn(processed, linn_truth):
    _, skewed = processed["skew"]
    _, straight = processed["linn"]
    # Levelled by QC's measure, not read as it is: unlevelled, this page's CER rises only
    # 0.391 -> 0.394, so the ratio alone would not show a missing deskew.
    assert abs(skewed.qc.skew_deg) > 1.0
    assert skewed.ocr.skew == pytest.approx(skewed.qc.skew_deg, abs=0.01)
    cer_skewed = character_error_rate(skewed.ocr.text, linn_truth)
    cer_straight = character_error_rate(straight.ocr.text, linn_truth)
    assert cer_straight <= MAX_UPRIGHT_CER
    assert cer_skewed <= MAX_SKEW_CER_RATIO * cer_straight, (cer_skewed, cer_straight)


def test_exif_rotated_photo_reads_upright(processed, corpus: Path):
    work, result = processed["exif-photo"]
    assert work.info.exif_rotation == 180
    assert result.ocr.rotation == 180
    truth = (corpus / "cjk-photos" / "rapidocr_img_exif_orientation.gt.txt").read_text(encoding="utf-8")
    assert "".join(truth.split()) in "".join(result.ocr.text.split())
