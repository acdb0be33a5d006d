"""Scanner PDFs: pages, resolution, stored images and existing text, on real files."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image

from app.imaging.decode import open_page
from app.imaging.pdfsource import extract_pdf_page_image, pdf_page_text
from app.imaging.probe import probe

from imaging_samples import page_image

# file: [(width, height, dpi, mode, compression, rotation)] for each page
SCANNER_PDFS = {
    "scans/linn.pdf": [(2550, 3300, (300.0, 300.0), "1", "jbig2", 0)],
    "scans/jbig2.pdf": [(2550, 3300, (300.0, 300.0), "1", "jbig2", 0)],
    "scans/ccitt.pdf": [(2550, 3300, (300.0, 300.0), "1", "group4", 0)],
    "scans/epson.pdf": [(2480, 3507, (300.1, 300.24), "1", "group4", 0)],
    "scans/c02-22.pdf": [(800, 981, (150.0, 150.0), "RGB", "jpeg", 0)],
    "scans/2400dpi.pdf": [(4000, 2864, (2400.0, 2400.0), "L", "deflate", 0)],
    "scans/lichtenstein.pdf": [(512, 512, (96.0, 96.0), "L", "jpeg2000", 0)],
    "scans/stress/aspect.pdf": [(1000, 400, (200.0, 100.0), "RGBA", "deflate", 0)],
    "scans/cardinal.pdf": [
        (2550, 3300, (300.0, 300.0), "1", "jbig2", turn) for turn in (0, 90, 180, 270)
    ],
    # Six stacked CMYK JPEGs under a text layer: not one scan, so the page is rendered.
    "scans/stress/cmyk.pdf": [(900, 900, (300.0, 300.0), "RGB", None, 0)],
}


@pytest.mark.parametrize("relative", sorted(SCANNER_PDFS))
def test_scanner_pdf_pages(scan, relative):
    path = scan(relative)
    infos = probe(path)
    assert [(i.width, i.height, i.dpi, i.mode, i.compression, i.exif_rotation) for i in infos] == (
        SCANNER_PDFS[relative]
    )
    assert all(i.media_type == "application/pdf" for i in infos)
    image = open_page(path, len(infos) - 1)
    assert (image.size, image.mode) == ((infos[-1].width, infos[-1].height), infos[-1].mode)


def test_multipage_mixed(scan):
    path = scan("scans/multipage.pdf")
    infos = probe(path)
    assert [(i.width, i.height, i.compression) for i in infos] == [
        (800, 981, "jpeg"),
        (9000, 9000, "deflate"),
        (958, 400, "deflate"),
        (958, 400, "jpeg"),
        (612, 792, "deflate"),
        (1622, 1253, None),  # an image on part of the page: rendered at the image's 147 dpi
    ]
    assert [i.has_text for i in infos] == [False, False, False, True, False, False]
    assert infos[5].dpi == (147.41, 147.41)
    for index in (0, 2, 3, 4, 5):  # page 1 is the 81 MP one; see the limits tests
        image, info = open_page(path, index), infos[index]
        assert (image.size, image.mode) == ((info.width, info.height), info.mode)


def test_jpeg_page_extracted_byte_for_byte(scan):
    path = scan("scans/c02-22.pdf")
    extracted = extract_pdf_page_image(path, 0)
    with pymupdf.open(path) as doc:
        [xref] = [item[0] for item in doc[0].get_images()]
        assert extracted.data == doc.xref_stream_raw(xref)
    assert (extracted.media_type, extracted.dpi, extracted.width, extracted.height) == (
        "image/jpeg", (150.0, 150.0), 800, 981,
    )


def test_jpeg2000_page_extracted_as_stored(scan):
    extracted = extract_pdf_page_image(scan("scans/lichtenstein.pdf"), 0)
    assert extracted.media_type == "image/jp2"
    assert Image.open(io.BytesIO(extracted.data)).size == (512, 512)


@pytest.mark.parametrize("relative", ["scans/ccitt.pdf", "scans/linn.pdf", "scans/jbig2.pdf"])
def test_bilevel_page_extracted_as_g4_tiff(scan, relative):
    path = scan(relative)
    extracted = extract_pdf_page_image(path, 0)
    assert extracted.media_type == "image/tiff"
    stored = Image.open(io.BytesIO(extracted.data))
    assert (stored.mode, stored.info["compression"]) == ("1", "group4")
    assert stored.info["dpi"] == (300.0, 300.0)
    assert stored.tobytes() == open_page(path).tobytes()


def test_decoded_scan_matches_what_the_pdf_shows(scan):
    """CCITT polarity (BlackIs1) and a quarter-turned placement, against MuPDF's rendering."""
    for relative, index in (("scans/ccitt.pdf", 0), ("scans/cardinal.pdf", 1)):
        path = scan(relative)
        info = probe(path)[index]
        shown = open_page(path, index).convert("L").rotate(-info.exif_rotation, expand=True)
        with pymupdf.open(path) as doc:
            pixmap = doc[index].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
        rendered = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
        assert shown.tobytes() == rendered.tobytes()


@pytest.mark.parametrize(
    "relative", ["scans/skew.pdf", "scans/masks.pdf", "scans/stress/cmyk.pdf"]
)
def test_page_that_is_not_one_full_page_image_is_not_extracted(scan, relative):
    assert extract_pdf_page_image(scan(relative), 0) is None


def test_page_text(scan):
    path = scan("scans/multipage.pdf")
    page = pdf_page_text(path, 3)
    assert page.source == "pdf-text"
    assert (page.width, page.height, page.rotation) == (719, 300, 0)
    assert len(page.words) == 21 and "Percentage" in page.text
    assert sorted({w.line for w in page.words}) == list(range(len(page.lines())))
    for left, top, right, bottom in (word.box for word in page.words):
        assert 0 <= left < right <= 719 and 0 <= top < bottom <= 300
    assert pdf_page_text(path, 0).words == []


def test_page_text_on_a_rotated_page(tmp_path):
    path = tmp_path / "rotated.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=200, height=100)
        page.insert_text((10, 50), "hello archive", fontsize=12)
        page.set_rotation(90)
        doc.save(path)
    text = pdf_page_text(path, 0)
    assert (text.width, text.height, text.rotation) == (100, 200, 90)
    hello = text.words[0]
    assert hello.text == "hello"
    left, top, right, bottom = hello.box  # turned a quarter: the line now runs downwards
    assert bottom - top > right - left and 40 <= left and right <= 70 and top <= 12


def test_rotated_page_with_scan(tmp_path):
    """/Rotate adds to the placement's own turn; dpi stays along the image's axes."""
    path = tmp_path / "turned.pdf"
    buffer = io.BytesIO()
    page_image("L", (400, 200)).save(buffer, "PNG")
    with pymupdf.open() as doc:
        page = doc.new_page(width=200, height=100)  # 400 x 200 px on 200 x 100 pt: 144 dpi
        page.insert_image(page.rect, stream=buffer.getvalue())
        page.set_rotation(270)
        doc.save(path)
    [info] = probe(path)
    assert (info.width, info.height, info.dpi) == (400, 200, (144.0, 144.0))
    assert info.exif_rotation == 270
    assert open_page(path).tobytes() == page_image("L", (400, 200)).tobytes()
