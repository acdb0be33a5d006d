"""What one page of a scanner file is, as far as its headers say."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """One page of a file: size, resolution and storage of the image ``open_page`` returns."""

    index: int  # page within the file, 0-based
    width: int  # pixels as stored
    height: int
    dpi: tuple[float, float] | None  # from the file; None when it records none
    mode: str  # PIL mode: "1", "L", "RGB", "CMYK"...
    media_type: str  # of the file: image/jpeg, image/png, image/tiff, ..., application/pdf
    compression: str | None  # "jpeg", "group4", "tiff_lzw", "deflate"...; None = uncompressed
    exif_rotation: int = 0  # clockwise degrees that show the stored image upright
    has_text: bool = False  # a PDF page that already carries text
