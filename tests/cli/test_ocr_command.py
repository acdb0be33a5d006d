"""`lantai ocr FILES… -o OUT.pdf`: a searchable PDF straight from scans, no catalog."""

from __future__ import annotations

import pymupdf
from PIL import Image

from .runner import lantai


def test_a_jpeg_and_a_multipage_tiff_make_one_searchable_pdf_in_order(make_strips, tmp_path):
    first, second, third = make_strips(tmp_path / "strips", 3)
    tiff = tmp_path / "two-pages.tif"
    with Image.open(first) as one, Image.open(second) as two:
        one.save(tiff, save_all=True, append_images=[two], dpi=(300, 300), compression="tiff_lzw")
    out = tmp_path / "out" / "searchable.pdf"
    out.parent.mkdir()

    run = lantai("ocr", third, tiff, "-o", out, "--data-dir", tmp_path / "data")

    assert run.returncode == 0, run
    assert run.stderr.endswith(f"wrote {out} (3 page(s))\n"), run
    with pymupdf.open(out) as pdf:
        texts = [page.get_text().replace(" ", "").replace("\n", "") for page in pdf]
        assert len(texts) == 3
        assert "技能大练兵" in texts[0]  # the JPEG, then the TIFF's two frames in order
        assert "应急演练" in texts[1]
        assert "档案工作" in texts[2]
        assert pdf[1].search_for("应急演练")


def test_a_missing_input_is_named_and_nothing_is_written(tmp_path):
    missing = tmp_path / "scans" / "page-009.jpg"
    out = tmp_path / "out.pdf"

    run = lantai("ocr", missing, "-o", out, "--data-dir", tmp_path / "data")

    assert run.returncode == 2, run
    assert run.stderr == f"lantai: no such file: {missing}\n"
    assert not out.exists()


def test_a_text_file_named_jpg_is_refused_with_what_to_do(make_strips, tmp_path):
    [good] = make_strips(tmp_path / "strips", 1)
    fake = tmp_path / "notes.jpg"
    fake.write_text("minutes of the meeting\n", encoding="utf-8")
    out = tmp_path / "out.pdf"

    run = lantai("ocr", good, fake, "-o", out, "--data-dir", tmp_path / "data")
    print(run.stderr)

    assert run.returncode == 1, run
    assert run.stderr.startswith(f"lantai: {fake}: the content is not a page image (JPEG, PNG, TIFF, ")
    assert "whatever its extension says" in run.stderr and "Save or export the scan" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()
