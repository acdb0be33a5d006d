"""Raster scanner files: what probe reports and what open_page returns, on real files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, TiffImagePlugin

from app.imaging.decode import open_page
from app.imaging.pdfsource import extract_pdf_page_image
from app.imaging.probe import media_type_of, probe

from imaging_samples import page_image


def test_jpeg_exif_orientation_is_reported_not_applied(scan):
    path = scan("cjk-photos/rapidocr_img_exif_orientation.jpg")
    [info] = probe(path)
    assert (info.media_type, info.compression, info.exif_rotation) == ("image/jpeg", "jpeg", 180)
    assert info.dpi == (72.0, 72.0)  # JFIF says "aspect only"; EXIF records 72 dpi
    image = open_page(path)
    assert image.size == (info.width, info.height) == (752, 306)
    with Image.open(path) as stored:
        assert image.tobytes() == stored.tobytes()  # not turned


def test_cmyk_jpeg(scan):
    path = scan("scans/baiona_cmyk.jpg")
    [info] = probe(path)
    assert (info.mode, info.dpi, info.width, info.height) == ("CMYK", (200.0, 200.0), 640, 682)
    assert open_page(path).mode == "CMYK"


def test_png_with_alpha_and_no_resolution(scan):
    path = scan("scans/baiona_alpha.png")
    [info] = probe(path)
    assert (info.mode, info.media_type, info.compression, info.dpi) == (
        "RGBA", "image/png", "deflate", None,
    )
    assert open_page(path).mode == "RGBA"


def test_png_phys_resolution(tmp_path):
    path = tmp_path / "page.png"
    page_image().save(path, dpi=(300, 300))  # pHYs stores 11811 px/m = 299.9994 dpi
    assert probe(path)[0].dpi == (300.0, 300.0)


def test_jpeg_jfif_density_in_centimetres(tmp_path):
    path = tmp_path / "page.jpg"
    page_image().save(path, dpi=(300, 150))
    _patch_jfif(path, unit=2, x=118, y=59)  # dots per cm
    assert probe(path)[0].dpi == (299.72, 149.86)


def test_jpeg_resolution_from_exif_only(tmp_path):
    path = tmp_path / "page.jpg"
    exif = Image.Exif()
    exif[282] = TiffImagePlugin.IFDRational(11811, 100)  # 118.11 px/cm = 300 dpi
    exif[283] = TiffImagePlugin.IFDRational(11811, 100)
    exif[296] = 3  # centimetres
    exif[274] = 6
    page_image().save(path, exif=exif.tobytes())  # JFIF unit 0: no resolution of its own
    [info] = probe(path)
    assert info.dpi == (300.0, 300.0)
    assert info.exif_rotation == 90


def test_jpeg_without_any_resolution(tmp_path):
    path = tmp_path / "page.jpg"
    page_image().save(path)
    assert probe(path)[0].dpi is None


def test_multipage_tiff_mixed_compression(tmp_path):
    path = tmp_path / "batch.tif"
    per_cm = {282: 118.11, 283: 59.055, 296: 3}  # ResolutionUnit 3: centimetres
    no_unit = {282: 300.0, 283: 300.0, 296: 1}  # ResolutionUnit 1: an aspect ratio only
    pages = [
        (page_image("1"), {"compression": "group4", "dpi": (300, 300)}),
        (page_image("1"), {"compression": "raw", "dpi": (200, 200)}),
        (page_image("L"), {"compression": "tiff_lzw", "tiffinfo": per_cm}),
        (page_image("RGB"), {"compression": "jpeg", "dpi": (400, 400), "tiffinfo": {274: 8}}),
        (page_image("L"), {"compression": "tiff_lzw", "tiffinfo": no_unit}),
    ]
    with TiffImagePlugin.AppendingTiffWriter(str(path), new=True) as writer:
        for image, options in pages:
            image.save(writer, "TIFF", **options)
            writer.newFrame()
    infos = probe(path)
    assert [i.index for i in infos] == [0, 1, 2, 3, 4]
    assert [(i.mode, i.compression) for i in infos] == [
        ("1", "group4"), ("1", None), ("L", "tiff_lzw"), ("RGB", "jpeg"), ("L", "tiff_lzw"),
    ]
    assert [i.dpi for i in infos] == [
        (300.0, 300.0), (200.0, 200.0), (300.0, 150.0), (400.0, 400.0), None,
    ]
    assert [i.exif_rotation for i in infos] == [0, 0, 0, 270, 0]
    for info, (original, _) in zip(infos, pages):
        image = open_page(path, info.index)
        assert (image.mode, image.size) == (info.mode, (info.width, info.height))
        if info.compression != "jpeg":
            assert image.tobytes() == original.tobytes()  # lossless codecs round-trip
    with pytest.raises(IndexError):
        open_page(path, 5)


def test_corpus_tiff(scan):
    [info] = probe(scan("cjk-rendered/seedA-000.tif"))
    assert (info.mode, info.compression, info.dpi) == ("L", "tiff_lzw", (300.0, 300.0))


def test_bmp_resolution(tmp_path):
    path = tmp_path / "page.bmp"
    page_image("RGB").save(path, dpi=(300, 300))
    [info] = probe(path)
    assert (info.media_type, info.mode, info.compression) == ("image/bmp", "RGB", None)
    assert info.dpi == pytest.approx((300.0, 300.0), abs=0.01)
    assert open_page(path).size == (240, 320)


def test_bmp_without_resolution(tmp_path):
    path = tmp_path / "page.bmp"
    page_image("RGB").save(path)
    data = bytearray(path.read_bytes())
    data[38:46] = bytes(8)  # biXPelsPerMeter, biYPelsPerMeter = 0: not recorded
    path.write_bytes(bytes(data))
    assert probe(path)[0].dpi is None


def test_jpeg2000_files(tmp_path, scan):
    made = tmp_path / "page.jp2"
    page_image("RGB").save(made, "JPEG2000")
    [info] = probe(made)
    assert (info.media_type, info.compression, info.mode, info.dpi) == (
        "image/jp2", "jpeg2000", "RGB", None,
    )
    assert open_page(made).size == (240, 320)
    # The JPEG 2000 stream a PDF holds, written out as a file of its own.
    extracted = extract_pdf_page_image(scan("scans/lichtenstein.pdf"), 0)
    stream = tmp_path / "lichtenstein.jp2"
    stream.write_bytes(extracted.data)
    [info] = probe(stream)
    assert (info.width, info.height, info.mode) == (512, 512, "L")
    assert open_page(stream).getextrema() != (0, 0)


def test_media_type_by_content_not_extension(tmp_path):
    png_named_jpg = tmp_path / "page.jpg"
    page_image().save(png_named_jpg, "PNG")
    assert media_type_of(png_named_jpg) == "image/png"
    assert probe(png_named_jpg)[0].media_type == "image/png"
    text = tmp_path / "notes.tif"
    text.write_text("BM this is text, not a bitmap\n")
    assert media_type_of(text) is None


def test_open_page_leaves_no_file_open(tmp_path):
    path = tmp_path / "batch.tif"
    page_image("1").save(path, compression="group4", save_all=True, append_images=[page_image("1")])
    before = len(os.listdir("/proc/self/fd"))
    image = open_page(path, 1)
    assert len(os.listdir("/proc/self/fd")) == before
    assert image.convert("L").tobytes() == page_image("1").convert("L").tobytes()


def _patch_jfif(path: Path, unit: int, x: int, y: int) -> None:
    """Rewrite the JFIF density of a Pillow-written JPEG (APP0 right after SOI)."""
    data = bytearray(path.read_bytes())
    assert data[6:11] == b"JFIF\x00"
    data[13] = unit
    data[14:16] = x.to_bytes(2, "big")
    data[16:18] = y.to_bytes(2, "big")
    path.write_bytes(bytes(data))
    assert Image.open(io.BytesIO(bytes(data))).info["jfif_unit"] == unit
