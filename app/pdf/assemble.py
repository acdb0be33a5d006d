"""Searchable PDF assembly: each page is its stored image at true size, upright and levelled,
with the OCR text invisibly on top; the file appears atomically or not at all.

Turning and levelling are done by the image's placement, never to its pixels: a JPEG keeps
its bytes, and the master's pixels reach the PDF as they are. Levelling turns the image by
the OCR's ``skew`` about the page centre on the upright page, so the corners it turns past
the page edge are cut off (margins) and the text layer, read on the levelled page, lies on
the ink (DA/T 31: skew is corrected in the use copy).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from app.ocr.engine import OcrPage
from app.pdf.glyphless import GlyphlessFont
from app.pdf.images import EncodedImage, ImageXObject, add_encoded, encode_image
from app.pdf.metadata import PdfMetadata, write_metadata
from app.pdf.textlayer import FONT_NAME, text_layer_operators

IMAGE_NAME = "Im0"
# Page images encoded ahead of the page being assembled, per core: enough to keep every core
# busy deflating decoded TIFF pages (about 0.7 s each for a 300-dpi A4 page) even when JPEG
# and PNG pages, embedded as they are, come between them; few enough that the encoded pages
# waiting for their turn stay a handful (tens of MB).
PREFETCH_PER_CORE = 4


@dataclass
class PdfPage:
    image: Path  # file holding the page image as stored (JPEG/PNG/TIFF/BMP/JP2)
    dpi: tuple[float, float]  # x, y resolution of the stored image; gives the page's size
    frame: int = 0  # frame within a multi-page TIFF
    rotation: int = 0  # clockwise degrees (0/90/180/270) that turn the stored image upright
    ocr: OcrPage | None = None  # boxes on the upright page levelled by ocr.skew
    source_pdf: tuple[Path, int] | None = None  # (file, 0-based page) copied as is; image unused


def write_searchable_pdf(pages: Sequence[PdfPage], out: Path, metadata: PdfMetadata | None = None) -> None:
    """Write ``pages`` to ``out`` as one searchable PDF, replacing ``out`` atomically."""
    with contextlib.ExitStack() as stack:
        doc = stack.enter_context(pymupdf.open())
        font: GlyphlessFont | None = None
        sources: dict[Path, pymupdf.Document] = {}
        images = _encoded_images([page for page in pages if page.source_pdf is None])
        for page in pages:
            if page.source_pdf is not None:
                path, number = page.source_pdf
                if path not in sources:
                    sources[path] = stack.enter_context(pymupdf.open(path))
                doc.insert_pdf(sources[path], from_page=number, to_page=number)
                continue
            if page.ocr is not None and font is None:
                font = GlyphlessFont(doc)  # created on first need, then shared by every page
            _add_image_page(doc, page, next(images), font)
        if font is not None:
            font.finish()
        write_metadata(doc, metadata or PdfMetadata())
        with _atomic_output(out) as temporary:
            # garbage=3 drops unused objects and merges duplicates; deflate only touches
            # streams still uncompressed, so the embedded JPEG bytes are left alone.
            doc.save(temporary, garbage=3, deflate=True)


def page_size(page: PdfPage, image: ImageXObject) -> tuple[float, float]:
    """Upright page width and height in points, from the stored pixels and resolution."""
    width_pt = image.width / page.dpi[0] * 72
    height_pt = image.height / page.dpi[1] * 72
    if page.rotation % 180:
        return height_pt, width_pt
    return width_pt, height_pt


def image_matrix(rotation: int, width_pt: float, height_pt: float) -> tuple[float, ...]:
    """The ``cm`` mapping the image's unit square onto the upright page.

    Turning the placement instead of the pixels keeps a JPEG's bytes untouched.
    """
    matrices = {
        0: (width_pt, 0, 0, height_pt, 0, 0),
        90: (0, -height_pt, width_pt, 0, 0, height_pt),
        180: (-width_pt, 0, 0, -height_pt, width_pt, height_pt),
        270: (0, height_pt, -width_pt, 0, width_pt, 0),
    }
    if rotation not in matrices:
        raise ValueError(f"rotation must be 0, 90, 180 or 270, not {rotation}")
    return matrices[rotation]


def levelling_matrix(ocr: OcrPage, width_pt: float, height_pt: float) -> pymupdf.Matrix:
    """The turn of the upright page about its centre that ``ocr`` was read after.

    The OCR turned pixels, so the turn is made in OCR pixels: with unequal x and y
    resolutions a turn in points would not match it.
    """
    to_pixels = pymupdf.Matrix(ocr.width / width_pt, ocr.height / height_pt)
    centre = pymupdf.Matrix(1, 0, 0, 1, width_pt / 2, height_pt / 2)
    # PDF y grows upwards, so a positive angle turns anticlockwise as seen, like PIL's rotate.
    return ~centre * to_pixels * pymupdf.Matrix(-ocr.skew) * ~to_pixels * centre


def _encoded_images(pages: Sequence[PdfPage]) -> Iterator[EncodedImage]:
    """The encoded image of each of ``pages``, in order, encoded on a thread per core.

    Decoding and deflating a TIFF page is most of the assembly's time, and it would run on one
    core after all the OCR is done; a bounded window of pages is encoded ahead instead.
    """
    workers = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lantai-pdf-image") as pool:
        pending: deque[Future[EncodedImage]] = deque()
        queued = iter(pages)
        try:
            for page in queued:
                pending.append(pool.submit(encode_image, page.image, page.frame))
                if len(pending) >= workers * PREFETCH_PER_CORE:
                    break
            while pending:
                image = pending.popleft().result()
                for page in queued:
                    pending.append(pool.submit(encode_image, page.image, page.frame))
                    break
                yield image
        finally:
            for future in pending:
                future.cancel()


def _add_image_page(
    doc: pymupdf.Document, page: PdfPage, encoded: EncodedImage, font: GlyphlessFont | None
) -> None:
    image = add_encoded(doc, encoded)
    width_pt, height_pt = page_size(page, image)
    placement = image_matrix(page.rotation, width_pt, height_pt)
    if page.ocr is not None and page.ocr.skew:
        placement = tuple(pymupdf.Matrix(placement) * levelling_matrix(page.ocr, width_pt, height_pt))
    matrix = " ".join(f"{value:.4f}" for value in placement)
    content = f"q {matrix} cm /{IMAGE_NAME} Do Q"
    resources = f"/XObject << /{IMAGE_NAME} {image.xref} 0 R >>"
    if page.ocr is not None and font is not None:
        content += "\n" + text_layer_operators(page.ocr, width_pt, height_pt, font)
        resources += f" /Font << /{FONT_NAME} {font.xref} 0 R >>"
    pdf_page = doc.new_page(width=width_pt, height=height_pt)
    contents = doc.get_new_xref()
    doc.update_object(contents, "<< >>")
    doc.update_stream(contents, content.encode("ascii"))
    doc.xref_set_key(pdf_page.xref, "Resources", f"<< {resources} >>")
    doc.xref_set_key(pdf_page.xref, "Contents", f"{contents} 0 R")


@contextlib.contextmanager
def _atomic_output(out: Path) -> Iterator[Path]:
    """A temporary path whose file replaces ``out`` only once it is completely on disk."""
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    # Created here with 0o666 so the final file gets the user's umask, as a plain file would.
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temporary
        with temporary.open("rb+") as file:
            os.fsync(file.fileno())
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if os.name == "posix":  # make the rename itself durable
        directory = os.open(out.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
