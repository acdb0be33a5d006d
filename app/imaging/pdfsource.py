"""Scanner PDFs: their pages, the scanned image of each, and the text they already carry.

Nothing here decodes an image before its dimensions, read from the PDF object, have been
checked against the pixel limit.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PIL import Image

from app.imaging.errors import UnreadableFile
from app.imaging.limits import check_size
from app.imaging.mediatype import media_type_of_bytes
from app.imaging.pageinfo import PageInfo
from app.imaging.pdflayout import MODE_OF_COMPONENTS, Scan, int_key, render_dpi, scan_of
from app.ocr.engine import OcrPage, OcrWord

# PyMuPDF does not support concurrent use from several threads, and open_page is called
# concurrently by OCR code: serialise every MuPDF call in this process.
_MUPDF_LOCK = threading.RLock()

# What MuPDF, and Pillow on an embedded stream, raise on damaged data.
_MUPDF_FAILURES = (RuntimeError, pymupdf.mupdf.FzErrorBase, OSError, SyntaxError, ValueError)


@dataclass(frozen=True)
class ExtractedImage:
    """The stored image of a scanned PDF page, as a standalone image file."""

    index: int  # page within the PDF, 0-based
    data: bytes  # JPEG/JPEG 2000 stream as stored, else a lossless PNG or TIFF (G4 for 1-bit)
    media_type: str
    dpi: tuple[float, float]  # image pixels / placed size in inches
    width: int
    height: int
    rotation: int = 0  # clockwise degrees the PDF turns the image by to show the page


def probe_pdf(path: Path, max_pixels: int | None = None) -> list[PageInfo]:
    """The pages of a PDF, without decoding any scanned image."""
    with _MUPDF_LOCK, _opened(path) as doc:
        return [_page_info(doc, page, path, max_pixels) for page in doc]


def open_pdf_page(path: Path, index: int, max_pixels: int | None = None) -> Image.Image:
    """Page ``index``: its scanned image as stored, or the page rendered if it is not one."""
    with _MUPDF_LOCK, _opened(path) as doc:
        page = _page(doc, path, index, max_pixels)
        scan = scan_of(doc, page)
        if scan is None:
            return _render(page, path, max_pixels)
        if scan.as_stored:
            image = Image.open(io.BytesIO(doc.extract_image(scan.xref)["image"]))
            image.load()
        else:
            image = _decode(doc, scan)
        # What the PDF places it at; an embedded JPEG's own JFIF density is often a default.
        image.info["dpi"] = scan.dpi
        return image


def extract_pdf_page_image(
    path: Path, index: int, max_pixels: int | None = None
) -> ExtractedImage | None:
    """The image of a scanned page without re-encoding it; None if the page is not one image.

    JPEG and JPEG 2000 streams come out byte for byte; other filters (Flate, CCITT, JBIG2)
    are decoded and stored losslessly: 1-bit as TIFF G4, CMYK as TIFF, the rest as PNG.
    """
    with _MUPDF_LOCK, _opened(path) as doc:
        page = _page(doc, path, index, max_pixels)
        scan = scan_of(doc, page)
        if scan is None:
            return None
        data = doc.extract_image(scan.xref)["image"] if scan.as_stored else None
        media_type = media_type_of_bytes(data) if data else None
        if data is None or media_type is None:
            data, media_type = _lossless_file(_decode(doc, scan), scan.dpi)
        return ExtractedImage(
            index, data, media_type, scan.dpi, scan.width, scan.height, scan.rotation
        )


def pdf_page_image(path: Path, index: int, max_pixels: int | None = None) -> ExtractedImage:
    """The page's scanned image (``extract_pdf_page_image``) or, for a page that is not one
    image (born-digital, collaged), the page rendered and stored losslessly."""
    extracted = extract_pdf_page_image(path, index, max_pixels)
    if extracted is not None:
        return extracted
    image = open_pdf_page(path, index, max_pixels)
    dpi = image.info["dpi"]
    data, media_type = _lossless_file(image, dpi)
    return ExtractedImage(index, data, media_type, dpi, image.width, image.height)


def pdf_page_text(path: Path, index: int) -> OcrPage:
    """The words a page already carries, boxes in points (72 dpi) on the page as shown.

    ``rotation`` is the page's /Rotate: the boxes are on the unrotated page turned by it.
    The file gives no confidence; its text is taken as certain (100).
    """
    with _MUPDF_LOCK, _opened(path) as doc:
        page = _page(doc, path, index, max_pixels=None)
        line_of: dict[tuple[int, int], int] = {}
        words = []
        for x0, y0, x1, y1, text, block, line, _ in page.get_text("words"):
            box = pymupdf.Rect(x0, y0, x1, y1) * page.rotation_matrix
            number = line_of.setdefault((block, line), len(line_of))
            words.append(
                OcrWord(
                    text,
                    (math.floor(box.x0), math.floor(box.y0), math.ceil(box.x1), math.ceil(box.y1)),
                    100.0,
                    block,
                    number,
                )
            )
        return OcrPage(
            width=math.ceil(page.rect.width),
            height=math.ceil(page.rect.height),
            words=words,
            rotation=page.rotation,
            engine="pymupdf",
            source="pdf-text",
        )


@contextmanager
def _opened(path: Path) -> Iterator[pymupdf.Document]:
    """The PDF at ``path``; MuPDF's failures on a damaged file become UnreadableFile."""
    try:
        with pymupdf.open(path, filetype="pdf") as doc:
            if doc.needs_pass:
                raise UnreadableFile(
                    path, "the PDF is password-protected",
                    "Ask the supplier for a copy without a password and import that",
                )
            if doc.page_count == 0:
                raise UnreadableFile(
                    path, "the PDF has no pages", "Export it again from the scanner"
                )
            yield doc
    except _MUPDF_FAILURES as exc:
        raise UnreadableFile(
            path, f"the PDF is damaged or cannot be read ({exc})",
            "Copy it again from the scanner, or export it again",
        ) from exc


def _page(
    doc: pymupdf.Document, path: Path, index: int, max_pixels: int | None
) -> pymupdf.Page:
    """Page ``index``, once the images it uses have passed the pixel limit."""
    if not 0 <= index < doc.page_count:
        raise IndexError(f"{path} has {doc.page_count} page(s); there is no page index {index}")
    page = doc[index]
    _check_images(doc, page, path, max_pixels)
    return page


def _check_images(
    doc: pymupdf.Document, page: pymupdf.Page, path: Path, max_pixels: int | None
) -> None:
    """Refuse the page if any image it uses is over the limit, from the image dictionaries.

    Runs before anything that interprets the page: MuPDF decodes some images (JPEG 2000)
    as soon as the page's content uses them.
    """
    for xref, *_ in page.get_images(full=True):
        width, height = (int_key(doc, xref, key) for key in ("Width", "Height"))
        check_size(path, page.number, width, height, max_pixels)


def _page_info(
    doc: pymupdf.Document, page: pymupdf.Page, path: Path, max_pixels: int | None
) -> PageInfo:
    _check_images(doc, page, path, max_pixels)
    has_text = bool(page.get_text("text").strip())  # an invisible OCR layer counts too
    scan = scan_of(doc, page)
    if scan is not None:
        return PageInfo(
            page.number, scan.width, scan.height, scan.dpi, scan.mode, "application/pdf",
            scan.compression, scan.rotation, has_text,
        )
    dpi = render_dpi(page)
    size = _render_rect(page, dpi)
    check_size(path, page.number, size.width, size.height, max_pixels)
    return PageInfo(
        page.number, size.width, size.height, (dpi, dpi), "RGB", "application/pdf",
        None, 0, has_text,
    )


def _decode(doc: pymupdf.Document, scan: Scan) -> Image.Image:
    """The scan's pixels as MuPDF decodes them (Decode arrays and BlackIs1 applied)."""
    pixmap = pymupdf.Pixmap(doc, scan.xref)
    if pixmap.alpha:
        pixmap = pymupdf.Pixmap(pixmap, 0)  # the soft mask is added below, from its own xref
    # samples_mv lends MuPDF's buffer, so the pixels exist twice at most, never three times.
    image = Image.frombytes(
        MODE_OF_COMPONENTS[pixmap.n], (pixmap.width, pixmap.height), pixmap.samples_mv
    )
    del pixmap
    if scan.mode == "1":
        # MuPDF widens 1-bit samples to 0/255 bytes; thresholding them back is exact.
        image = image.convert("1", dither=Image.Dither.NONE)
    if scan.smask:
        mask = pymupdf.Pixmap(doc, scan.smask)
        image.putalpha(Image.frombytes("L", (mask.width, mask.height), mask.samples_mv))
    return image


def _lossless_file(image: Image.Image, dpi: tuple[float, float]) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if image.mode == "1":
        image.save(buffer, "TIFF", compression="group4", dpi=dpi)
        return buffer.getvalue(), "image/tiff"
    if image.mode == "CMYK":
        image.save(buffer, "TIFF", compression="tiff_adobe_deflate", dpi=dpi)
        return buffer.getvalue(), "image/tiff"
    image.save(buffer, "PNG", dpi=dpi)
    return buffer.getvalue(), "image/png"


def _render_rect(page: pymupdf.Page, dpi: float) -> pymupdf.IRect:
    return (page.rect * pymupdf.Matrix(dpi / 72, dpi / 72)).irect


def _render(page: pymupdf.Page, path: Path, max_pixels: int | None) -> Image.Image:
    dpi = render_dpi(page)
    size = _render_rect(page, dpi)
    check_size(path, page.number, size.width, size.height, max_pixels)
    pixmap = page.get_pixmap(
        matrix=pymupdf.Matrix(dpi / 72, dpi / 72), colorspace=pymupdf.csRGB, alpha=False
    )
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples_mv)
    image.info["dpi"] = (dpi, dpi)
    return image
