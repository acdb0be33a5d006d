"""Small crops of corpus pages, cut once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

CORPUS = Path("/work/shared/corpus")
CJK_PAGE = CORPUS / "cjk-rendered" / "seedA-003.png"
# The paragraph "四、实施四大行动…" : printed lines 5-14 of seedA-003.gt.txt.
CJK_BAND = (150, 612, 2330, 1432)
CJK_LINES = slice(4, 14)
# linn.png's opening paragraph and first bullets, 300 dpi.
ENGLISH_BAND = (300, 370, 2350, 1000)


@pytest.fixture(scope="session")
def cjk_crop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crops") / "cjk.png"
    Image.open(CJK_PAGE).crop(CJK_BAND).save(path, dpi=(300, 300))
    return path


@pytest.fixture(scope="session")
def cjk_crop_text() -> str:
    lines = (CJK_PAGE.with_name("seedA-003.gt.txt")).read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[CJK_LINES])


@pytest.fixture(scope="session")
def exif_photo() -> Path:
    """A photo stored upside down, with EXIF orientation 3."""
    return CORPUS / "cjk-photos" / "rapidocr_img_exif_orientation.jpg"


@pytest.fixture(scope="session")
def english_crop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crops") / "linn.png"
    Image.open(CORPUS / "scans" / "linn.png").crop(ENGLISH_BAND).save(path)
    return path
