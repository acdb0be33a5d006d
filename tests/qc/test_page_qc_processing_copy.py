"""The processing copy is corrected, its operations recorded, and the master left alone."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from app.config import ImageRules
from app.imaging.decode import open_page
from app.imaging.probe import probe
from app.qc.findings import PageQc
from app.qc.page import check_page
from app.qc.processing_copy import processing_copy
from app.qc.working_copy import working_copy
from app.qc.skew import page_skew
from PIL import Image


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(corpus: Path, name: str, folder: Path) -> Path:
    return Path(shutil.copy(corpus / "cjk-rendered" / name, folder / name))


def _measure(image: Image.Image) -> float:
    return page_skew(Image.fromarray(working_copy(image).grey))


def test_deskewed_copy_is_level_and_the_master_unchanged(corpus: Path, tmp_path: Path):
    master = _copy(corpus, "seedA-003.png", tmp_path)
    before = _digest(master)
    image = open_page(master)
    qc = check_page(image, probe(master)[0], ImageRules())
    copy, operations = processing_copy(image, qc, deskew=True, crop=True, rotate=True)
    assert abs(_measure(copy)) < 0.3
    assert operations == [{"op": "deskew", "anticlockwise_degrees": pytest.approx(1.1, abs=0.3)}]
    assert copy.size == image.size
    assert _digest(master) == before


def test_turned_bordered_page_is_cropped_then_turned(corpus: Path, tmp_path: Path):
    image = open_page(corpus / "cjk-rendered" / "seedA-002.png")
    qc = PageQc(rotation=90, border=(80, 80, 2560, 3587), skew_deg=-1.75)
    copy, operations = processing_copy(image, qc, deskew=False, crop=True, rotate=True)
    assert operations == [
        {"op": "crop", "box": [80, 80, 2560, 3587]},
        {"op": "rotate", "clockwise_degrees": 90},
    ]
    assert copy.size == (3507, 2480)


def test_nothing_asked_nothing_done(corpus: Path):
    image = open_page(corpus / "cjk-rendered" / "seedA-005.jpg")
    qc = PageQc(rotation=180, border=(10, 10, 100, 100), skew_deg=-1.08)
    copy, operations = processing_copy(image, qc, deskew=False, crop=False, rotate=False)
    assert operations == [] and copy.tobytes() == image.tobytes()


def test_tilt_under_a_third_of_a_degree_is_left(corpus: Path):
    image = open_page(corpus / "cjk-rendered" / "seedA-005.jpg")
    _, operations = processing_copy(image, PageQc(skew_deg=0.2), deskew=True, crop=False, rotate=False)
    assert operations == []
