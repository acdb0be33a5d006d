"""The first-run sample pages: rendered by the app itself, read by the real Tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import samples
from app.catalog.suggestions import suggest
from app.imaging.probe import probe
from app.ocr.prepare import PageOcrRequest, recognize_page
from app.ocr.tesseract import limit_tesseract_threads


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return samples.write_samples(tmp_path_factory.mktemp("inbox"))


def test_each_document_is_one_file_of_a4_pages_at_300_dpi(written: list[Path]) -> None:
    folder = written[0].parent
    assert [p.name for p in written] == ["lantai-sample-1.pdf", "lantai-sample-2.jpg", "lantai-sample-3.jpg"]
    assert sorted(folder.iterdir()) == written  # no temporary file left behind
    pages = {path.name: probe(path) for path in written}
    assert [len(found) for found in pages.values()] == [2, 1, 1]  # the notice and its annex: one item
    for info in (info for found in pages.values() for info in found):
        assert (info.width, info.height) == samples.PAGE_SIZE and info.mode == "RGB"  # the red header
        assert round(info.dpi[0]) == round(info.dpi[1]) == samples.DPI
        assert info.compression == "jpeg" and not info.has_text


def test_the_same_samples_make_the_same_bytes(written: list[Path], tmp_path: Path) -> None:
    # loaded twice, they are recognised as duplicates rather than taken in as new items
    again = samples.write_samples(tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_a_missing_cjk_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(samples.FONTS, "serif", ("No Such Font Family", str(tmp_path / "missing.ttc")))
    with pytest.raises(samples.SampleError, match="install fonts-noto-cjk"):
        samples.write_samples(tmp_path / "inbox")
    assert not any((tmp_path / "inbox").glob("*"))


@pytest.mark.slow
def test_ocr_of_the_first_page_suggests_the_description(written: list[Path]) -> None:
    limit_tesseract_threads()
    notice = next(path for path in written if path.suffix == ".pdf")
    found = suggest(recognize_page(PageOcrRequest(notice, frame=0, dpi=samples.DPI)))
    assert found["doc_no"].value == "扬档发〔2023〕12号"
    assert found["date"].value == "20230512"  # the signing date, not the deadline in the text
    assert found["responsible"].value == "扬州市档案局"
    assert found["title"].value == "关于做好2023年度重点归档工作的通知"
