"""Decoding one page of a scanner file into a Pillow image, bounded against bombs."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from app.imaging.mediatype import require_media_type
from app.imaging.raster import open_raster


def open_page(path: Path, index: int = 0, *, max_pixels: int | None = None) -> Image.Image:
    """The page image ``index`` of ``path``, as stored (EXIF orientation NOT applied).

    A PDF page that is one scanned image gives that image (turn it by
    ``PageInfo.exif_rotation`` to show it as the PDF does); any other PDF page is rendered.
    The image is fully loaded and holds no open file. Pages over ``max_pixels``
    (default ``app.imaging.limits.MAX_PIXELS``) are refused before decoding. Raises
    UnreadableFile (PageTooLarge for the size) and IndexError for a page the file lacks.
    """
    media_type = require_media_type(path)
    if media_type == "application/pdf":
        # Imported here, not at the top: PyMuPDF takes about 0.6 s of CPU to import (it loads
        # its layout model's ONNX runtime), and an OCR worker that only reads image files,
        # the usual case, would pay it once per process for nothing.
        from app.imaging.pdfsource import open_pdf_page

        return open_pdf_page(path, index, max_pixels)
    return open_raster(path, media_type, index, max_pixels)
