"""What pages a scanner file holds, read from its headers."""

from __future__ import annotations

from pathlib import Path

from app.imaging.mediatype import media_type_of, require_media_type
from app.imaging.pageinfo import PageInfo
from app.imaging.pdfsource import probe_pdf
from app.imaging.raster import probe_raster

__all__ = ["PageInfo", "media_type_of", "probe"]


def probe(path: Path, max_pixels: int | None = None) -> list[PageInfo]:
    """The pages of ``path``, without decoding pixels where the format allows.

    Raises UnreadableFile for a file that is missing, empty, of a format we do not take,
    damaged in its headers, password-protected, or holding a page over the pixel limit.
    Data cut short after intact headers is only found when ``open_page`` decodes it.
    """
    media_type = require_media_type(path)
    if media_type == "application/pdf":
        return probe_pdf(path, max_pixels)
    return probe_raster(path, media_type, max_pixels)
