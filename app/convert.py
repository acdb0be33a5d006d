"""``lantai ocr``: a searchable PDF straight from image files or scanner PDFs, no catalog.

Pages are recognised in parallel (one tesseract per core) and assembled in input order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from app.imaging.pdfsource import pdf_page_image, pdf_page_text
from app.imaging.probe import probe
from app.ocr.pool import OcrPool
from app.ocr.prepare import PageOcrRequest
from app.pdf import PdfMetadata, PdfPage, write_searchable_pdf
from app.processing import ASSUMED_DPI

SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif", "image/jp2": ".jp2",
          "image/bmp": ".bmp"}


def make_searchable_pdf(
    inputs: Sequence[Path], out: Path, *, languages: str = "chi_sim+eng", workers: int | None = None,
    title: str = "", on_page: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """Write ``out`` from ``inputs``; returns the number of pages. Raises UnreadableFile."""
    with tempfile.TemporaryDirectory(prefix="lantai-ocr-") as scratch, OcrPool(workers) as pool:
        pages: list[PdfPage] = []
        futures = []
        for path in inputs:
            for info in probe(path):
                if info.media_type == "application/pdf" and info.has_text:
                    pages.append(PdfPage(image=path, dpi=(72.0, 72.0), ocr=pdf_page_text(path, info.index),
                                         source_pdf=(path, info.index)))
                    futures.append(None)
                    continue
                image, frame, dpi, rotation = path, info.index, info.dpi, info.exif_rotation
                if info.media_type == "application/pdf":
                    extracted = pdf_page_image(path, info.index)
                    image = Path(scratch) / f"{len(pages):05d}{SUFFIX.get(extracted.media_type, '.png')}"
                    image.write_bytes(extracted.data)
                    frame, dpi, rotation = 0, extracted.dpi, extracted.rotation
                dpi = dpi or (ASSUMED_DPI, ASSUMED_DPI)
                pages.append(PdfPage(image=image, dpi=dpi, frame=frame))
                futures.append(pool.submit(PageOcrRequest(
                    image=image, frame=frame, dpi=dpi[0], rotation=rotation, languages=languages)))
        total = len(pages)
        for number, (page, future) in enumerate(zip(pages, futures), start=1):
            if future is not None:
                page.ocr = future.result()
                page.rotation = page.ocr.rotation
            on_page(number, total)
        write_searchable_pdf(pages, out, PdfMetadata(title=title))
        return total
