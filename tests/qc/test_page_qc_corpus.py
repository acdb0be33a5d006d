"""Per-page checks on the corpus: every listed fault found, no clean page flagged."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.config import ImageRules
from app.imaging.decode import open_page
from app.imaging.probe import probe
from app.ocr.deskew import level
from app.ocr.prepare import turn_clockwise
from app.ocr.tesseract import osd_rotation
from app.qc.findings import PageQc
from app.qc.page import check_page
from app.qc.skew import page_skew
from app.qc.upright import looks_upside_down
from app.qc.working_copy import working_copy
from page_qc_samples import manifest_faults

# The manifest's skew_deg is the tilt of the printed lines, anticlockwise positive (PIL's
# rotate sense), the same convention as PageQc.skew_deg: seedA-000 (-1.75) is levelled by
# turning it 1.75° anticlockwise.
SKEW_TOLERANCE = 0.3


def _qc(path: Path, index: int = 0) -> PageQc:
    return check_page(open_page(path, index), probe(path)[index], ImageRules())


@pytest.fixture(scope="module")
def rendered(corpus: Path) -> list[tuple[dict, PageQc]]:
    folder = corpus / "cjk-rendered"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [(entry, _qc(folder / entry["file"])) for entry in manifest]


def _flagged(qc: PageQc) -> dict[str, str]:
    return {finding.check: finding.verdict for finding in qc.findings if finding.verdict != "ok"}


def test_every_listed_fault_is_found_and_nothing_else(rendered):
    for entry, qc in rendered:
        assert _flagged(qc) == manifest_faults(entry), entry["file"]


def test_skew_within_a_third_of_a_degree(rendered):
    for entry, qc in rendered:
        if not entry["blank"]:
            assert qc.skew_deg == pytest.approx(entry["skew_deg"], abs=SKEW_TOLERANCE), entry["file"]


def test_turned_page_is_turned_back(rendered):
    for entry, qc in rendered:
        assert qc.rotation == entry["rotation"], entry["file"]


def test_border_box_is_the_sheet_inside_the_black(rendered):
    for entry, qc in rendered:
        if entry["border"]:
            left, top, right, bottom = qc.border
            # seedA-002 is a 2480 x 3507 sheet on an 80 px black band
            assert (left, top) == (pytest.approx(80, abs=8), pytest.approx(80, abs=8))
            assert (right - left, bottom - top) == (pytest.approx(2480, abs=16), pytest.approx(3507, abs=16))
        else:
            assert qc.border is None


def test_a4_pages_measure_a4(rendered):
    for entry, qc in rendered:
        assert qc.size_mm == (pytest.approx(210, abs=2), pytest.approx(297, abs=2)), entry["file"]


@pytest.fixture(scope="module")
def cardinal(corpus: Path) -> tuple[Path, list[PageQc]]:
    path = corpus / "scans" / "cardinal.pdf"
    return path, [_qc(path, index) for index in range(4)]


def test_cardinal_pages_all_come_out_upright(cardinal, tmp_path):
    # The PDF turns its four pages 0/90/180/270 on display; the images inside are stored
    # upright, so the total turn of each stored image is 0 and a header-only turn would fail.
    path, pages = cardinal
    for index, qc in enumerate(pages):
        upright = turn_clockwise(open_page(path, index).convert("L"), qc.rotation)
        upright.thumbnail((1700, 1700))
        upright.save(tmp_path / f"{index}.png")
        assert osd_rotation(tmp_path / f"{index}.png")[0] == 0, index
        assert qc.rotation == 0


def test_cardinal_pages_whose_pdf_shows_them_turned_are_flagged(cardinal):
    _, pages = cardinal
    assert [_flagged(qc).get("orientation") for qc in pages] == [None, "warning", "warning", "warning"]


def test_exif_tagged_photo_reads_upright_and_unflagged(corpus: Path):
    qc = _qc(corpus / "cjk-photos" / "rapidocr_img_exif_orientation.jpg")
    assert qc.rotation == 180
    assert "orientation" not in _flagged(qc)


def test_page_stored_upside_down_is_found_and_flagged(corpus: Path):
    image = open_page(corpus / "cjk-rendered" / "seedA-003.png").rotate(180)
    qc = check_page(image, probe(corpus / "cjk-rendered" / "seedA-003.png")[0], ImageRules())
    assert qc.rotation == 180
    assert _flagged(qc) == {"orientation": "warning"}
    assert qc.skew_deg == pytest.approx(-1.08, abs=SKEW_TOLERANCE)


@pytest.mark.parametrize("name", ["cjk-rendered/seedA-000.tif", "cjk-rendered/seedA-003.png", "scans/linn.png"])
def test_text_lines_point_up_on_upright_pages_and_down_when_turned(corpus: Path, name: str):
    grey = Image.fromarray(working_copy(open_page(corpus / name)).grey)
    levelled = level(grey, -page_skew(grey))
    assert looks_upside_down(np.asarray(levelled)) is False
    assert looks_upside_down(np.asarray(levelled.rotate(180))) is True
