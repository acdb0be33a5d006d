"""Page images: true size, upright, bytes kept; size budget; scanner PDF pages; one font."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from app.pdf import PdfPage, write_searchable_pdf


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _only_image(doc: pymupdf.Document, page: int = 0) -> int:
    images = doc[page].get_images(full=True)
    assert len(images) == 1
    return images[0][0]


def _pixels(doc: pymupdf.Document, xref: int) -> np.ndarray:
    pix = pymupdf.Pixmap(doc, xref)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)


def test_jpeg_is_embedded_byte_for_byte_at_true_size(cjk_jpeg, tmp_path: Path) -> None:
    out = tmp_path / "page.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 200), ocr=None)], out)
    with pymupdf.open(out) as doc, Image.open(cjk_jpeg.image) as image:
        xref = _only_image(doc)
        assert _sha(doc.xref_stream_raw(xref)) == _sha(cjk_jpeg.image.read_bytes())
        assert doc.xref_get_key(xref, "Filter") == ("name", "/DCTDecode")
        assert doc[0].rect.width == pytest.approx(image.width / 300 * 72, abs=0.01)
        assert doc[0].rect.height == pytest.approx(image.height / 200 * 72, abs=0.01)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_turned_jpeg_is_shown_upright_without_re_encoding(rotation: int, cjk_jpeg, tmp_path: Path) -> None:
    with Image.open(cjk_jpeg.image) as upright:
        upright.load()
    stored = tmp_path / "stored.jpg"
    upright.rotate(rotation, expand=True).save(stored, quality=90)  # turned back by `rotation` clockwise
    out = tmp_path / "page.pdf"
    write_searchable_pdf([PdfPage(stored, (300, 300), rotation=rotation)], out)
    with pymupdf.open(out) as doc:
        assert _sha(doc.xref_stream_raw(_only_image(doc))) == _sha(stored.read_bytes())
        assert doc[0].rect.width == pytest.approx(upright.width / 300 * 72, abs=0.01)
        pix = doc[0].get_pixmap(dpi=30, colorspace=pymupdf.csGRAY)
    rendered = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width).astype(float)
    expected = np.asarray(upright.convert("L").resize((pix.width, pix.height), Image.Resampling.BOX), float)
    assert np.abs(rendered - expected).mean() < 8


def test_png_tiff_and_bmp_are_lossless(corpus: Path, tmp_path: Path) -> None:
    pages = {
        "1-bit palette PNG": corpus / "scans/linn.png",
        "LZW grey TIFF": corpus / "cjk-rendered/seedA-000.tif",
        "RGBA PNG": corpus / "scans/baiona_alpha.png",
    }
    bmp = tmp_path / "page.bmp"
    with Image.open(corpus / "scans/baiona_alpha.png") as image:
        image.convert("RGB").save(bmp)
    pages["BMP"] = bmp
    out = tmp_path / "pages.pdf"
    write_searchable_pdf([PdfPage(path, (300, 300)) for path in pages.values()], out)
    with pymupdf.open(out) as doc:
        for number, path in enumerate(pages.values()):
            xref = _only_image(doc, number)
            with Image.open(path) as image:
                expected = np.asarray(image.convert("RGB"))
            pix = pymupdf.Pixmap(doc, xref)
            if pix.alpha:
                pix = pymupdf.Pixmap(pix, 0)  # compare colour; alpha is checked below
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
            got = np.frombuffer(pix.samples, np.uint8).reshape(expected.shape)
            assert np.array_equal(got, expected), path.name
        assert doc.xref_get_key(_only_image(doc, 0), "BitsPerComponent") == ("int", "1")
        # baiona_alpha.png's alpha channel is all opaque: no soft mask needed.
        assert doc.xref_get_key(_only_image(doc, 2), "SMask")[0] == "null"
    # 1-bit stays 1-bit and deflated: the page is smaller than its PNG.
    with pymupdf.open(out) as doc:
        assert len(doc.xref_stream_raw(_only_image(doc, 0))) <= (corpus / "scans/linn.png").stat().st_size


def test_see_through_pixels_get_a_soft_mask(corpus: Path, tmp_path: Path) -> None:
    with Image.open(corpus / "scans/baiona_alpha.png") as image:
        image.load()
    alpha = np.asarray(image.getchannel("A")).copy()
    alpha[:100] = 0
    image.putalpha(Image.fromarray(alpha))
    path = tmp_path / "clear.png"
    image.save(path)
    out = tmp_path / "clear.pdf"
    write_searchable_pdf([PdfPage(path, (300, 300))], out)
    with pymupdf.open(out) as doc:
        kind, mask = doc.xref_get_key(_only_image(doc), "SMask")
        assert kind == "xref"
        stream = np.frombuffer(doc.xref_stream(int(mask.split()[0])), np.uint8)
        assert np.array_equal(stream.reshape(alpha.shape), alpha)


def test_sixteen_bit_grey_and_tiff_frames(tmp_path: Path) -> None:
    ramp = ((np.arange(300 * 200).reshape(200, 300) * 7) % 65536).astype(np.uint16)
    deep = tmp_path / "deep.tif"
    Image.fromarray(ramp).save(deep)
    frames = tmp_path / "frames.tif"
    first, second = Image.new("L", (80, 60), 30), Image.new("L", (120, 90), 200)
    first.save(frames, save_all=True, append_images=[second])
    out = tmp_path / "deep.pdf"
    write_searchable_pdf([PdfPage(deep, (300, 300)), PdfPage(frames, (300, 300), frame=1)], out)
    with pymupdf.open(out) as doc:
        xref = _only_image(doc, 0)
        assert doc.xref_get_key(xref, "BitsPerComponent") == ("int", "16")
        stream = np.frombuffer(doc.xref_stream(xref), ">u2").reshape(200, 300)
        assert np.array_equal(stream, ramp)
        assert (doc[1].rect.width, doc[1].rect.height) == pytest.approx((120 / 300 * 72, 90 / 300 * 72))
        assert _pixels(doc, _only_image(doc, 1)).max() == 200


def test_cmyk_jpeg_keeps_its_bytes_and_its_colours(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "cmyk.jpg"
    shutil.copyfile(corpus / "scans/baiona_cmyk.jpg", source)
    out = tmp_path / "cmyk.pdf"
    write_searchable_pdf([PdfPage(source, (200, 200))], out)
    with pymupdf.open(out) as doc:
        assert _sha(doc.xref_stream_raw(_only_image(doc))) == _sha(source.read_bytes())
        pix = doc[0].get_pixmap(dpi=50)
    with Image.open(source) as image:
        expected = np.asarray(image.convert("RGB").resize((pix.width, pix.height)), float)
    rendered = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).astype(float)
    assert np.abs(rendered.mean(axis=(0, 1)) - expected.mean(axis=(0, 1))).max() < 25  # not inverted


@pytest.mark.slow
def test_a_jpeg_page_costs_at_most_100_kb_over_its_bytes(rotated_full_page, tmp_path: Path) -> None:
    out = tmp_path / "page.pdf"
    page = PdfPage(rotated_full_page.image, (300, 300), rotation=90, ocr=rotated_full_page.ocr)
    write_searchable_pdf([page, page], out)
    assert len(rotated_full_page.ocr.words) > 500
    assert out.stat().st_size <= 2 * (rotated_full_page.image.stat().st_size + 100_000)


def test_one_font_serves_every_page(cjk_jpeg, english_png, tmp_path: Path) -> None:
    out = tmp_path / "three.pdf"
    write_searchable_pdf(
        [
            PdfPage(cjk_jpeg.image, (300, 300), ocr=cjk_jpeg.ocr),
            PdfPage(english_png.image, (300, 300), ocr=english_png.ocr),
            PdfPage(cjk_jpeg.image, (300, 300), ocr=cjk_jpeg.ocr),
        ],
        out,
    )
    with pymupdf.open(out) as doc:
        fonts = {font[0] for page in doc for font in page.get_fonts(full=True)}
        type0 = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype") == ("name", "/Type0")]
        assert len(fonts) == 1 and len(type0) == 1
        font = type0[0]
        assert doc.xref_get_key(font, "Encoding") == ("name", "/Identity-H")
        cid_font = int(doc.xref_get_key(font, "DescendantFonts")[1].strip("[]").split()[0])
        assert doc.xref_get_key(cid_font, "Subtype") == ("name", "/CIDFontType2")
        assert doc.xref_get_key(cid_font, "DW") == ("int", "500")
        descriptor = int(doc.xref_get_key(cid_font, "FontDescriptor")[1].split()[0])
        ttf = int(doc.xref_get_key(descriptor, "FontFile2")[1].split()[0])
        glyphless = Path(__file__).parents[2] / "app/pdf/glyphless.ttf"
        assert doc.xref_stream(ttf) == glyphless.read_bytes()
        content = doc[0].read_contents()
        assert b"3 Tr" in content


def test_a_scanner_pdf_page_with_text_is_copied_as_is(corpus: Path, cjk_jpeg, tmp_path: Path) -> None:
    source = tmp_path / "scanner.pdf"
    shutil.copyfile(corpus / "scans/multipage.pdf", source)
    out = tmp_path / "mixed.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300)), PdfPage(cjk_jpeg.image, (0, 0), source_pdf=(source, 3))], out)
    with pymupdf.open(out) as doc, pymupdf.open(source) as original:
        assert doc.page_count == 2
        assert doc[1].get_text() == original[3].get_text() != ""
        assert doc[1].read_contents() == original[3].read_contents()
        assert doc[1].rect == original[3].rect


def test_a_bad_rotation_is_refused(cjk_jpeg, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rotation"):
        write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300), rotation=45)], tmp_path / "bad.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_level_page_is_placed_without_a_turn(cjk_jpeg, tmp_path: Path) -> None:
    out = tmp_path / "page.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300), ocr=cjk_jpeg.ocr)], out)
    assert cjk_jpeg.ocr.skew == 0.0
    with pymupdf.open(out) as doc:
        width, height = doc[0].rect.width, doc[0].rect.height
        assert doc[0].read_contents().startswith(f"q {width:.4f} 0.0000 0.0000 {height:.4f} 0.0000 0.0000 cm ".encode())


@pytest.mark.parametrize("dpi", [(300, 300), (300, 150)])
def test_a_skewed_page_is_levelled_by_its_placement(dpi: tuple[int, int], cjk_jpeg, tmp_path: Path) -> None:
    # Stored tilted 1.5 degrees clockwise; its OCR was read levelled, in the frame of the level
    # crop. Unequal resolutions: the OCR turned pixels, so the PDF must turn pixels too.
    with Image.open(cjk_jpeg.image) as level:
        level.load()
    stored = tmp_path / "tilted.jpg"
    level.rotate(-1.5, resample=Image.Resampling.BICUBIC, fillcolor=255).save(stored, quality=90)
    out = tmp_path / "page.pdf"
    write_searchable_pdf([PdfPage(stored, dpi, ocr=replace(cjk_jpeg.ocr, skew=-1.5))], out)
    with pymupdf.open(out) as doc:
        assert _sha(doc.xref_stream_raw(_only_image(doc))) == _sha(stored.read_bytes())
        assert doc[0].rect.width == pytest.approx(level.width / dpi[0] * 72, abs=0.01)
        assert doc[0].rect.height == pytest.approx(level.height / dpi[1] * 72, abs=0.01)
        # Rendered at the stored pixels' own size, so a misplacement of a pixel would show.
        to_pixels = pymupdf.Matrix(level.width / doc[0].rect.width, level.height / doc[0].rect.height)
        pix = doc[0].get_pixmap(matrix=to_pixels, colorspace=pymupdf.csGRAY)
    rendered = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width).astype(float)
    # Measured: 3.6 levelled (best at no shift), 24 not levelled, 26 turned the wrong way.
    assert np.abs(rendered - np.asarray(level.convert("L"), float)).mean() < 6
