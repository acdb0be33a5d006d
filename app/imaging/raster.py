"""Page images in raster files (JPEG, PNG, TIFF, BMP, JPEG 2000), read through Pillow."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from app.imaging.errors import UnreadableFile
from app.imaging.limits import check_size
from app.imaging.pageinfo import PageInfo

_PILLOW_FORMAT = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "image/jp2": "JPEG2000",
    "image/j2c": "JPEG2000",
}
# Only the pure turns: mirrored orientations (2, 4, 5, 7) come from no scanner or camera.
_ORIENTATION_ROTATION = {3: 180, 6: 90, 8: 270}
_BMP_COMPRESSION = {1: "bmp_rle8", 2: "bmp_rle4"}
_TAG_ORIENTATION, _TAG_X_RESOLUTION, _TAG_Y_RESOLUTION, _TAG_RESOLUTION_UNIT = 274, 282, 283, 296
_UNIT_INCH, _UNIT_CENTIMETRE = 2, 3
# What Pillow raises on damaged or cut-short data, depending on the format and where it breaks.
_DECODE_FAILURES = (OSError, SyntaxError, ValueError, EOFError, struct.error)


def probe_raster(path: Path, media_type: str, max_pixels: int | None = None) -> list[PageInfo]:
    """The pages of a raster file, from its headers only."""
    with _opened(path, media_type) as image:
        pages = []
        for index in range(_page_count(image)):
            image.seek(index)
            check_size(path, index, image.width, image.height, max_pixels)
            pages.append(_page_info(image, index, media_type))
        return pages


def open_raster(
    path: Path, media_type: str, index: int, max_pixels: int | None = None
) -> Image.Image:
    """Page ``index`` of a raster file, decoded as stored (no EXIF turn applied)."""
    with _opened(path, media_type) as image:
        count = _page_count(image)
        if not 0 <= index < count:
            raise IndexError(f"{path} has {count} page(s); there is no page index {index}")
        image.seek(index)
        check_size(path, index, image.width, image.height, max_pixels)
        image.load()
        return image


@contextmanager
def _opened(path: Path, media_type: str) -> Iterator[Image.Image]:
    """``path`` opened lazily by the one Pillow plugin its content calls for.

    We own the file object, so the decoded image holds no open file afterwards (an open
    handle would lock the scan on Windows); Pillow's failures become UnreadableFile.
    """
    try:
        with path.open("rb") as file:
            yield Image.open(file, formats=[_PILLOW_FORMAT[media_type]])
    except Image.DecompressionBombError as exc:
        raise UnreadableFile(
            path, f"the image is too large to decode safely ({exc})",
            "Rescan at a lower resolution or split the sheet",
        ) from exc
    except _DECODE_FAILURES as exc:
        raise UnreadableFile(
            path, f"the image data is damaged or cut short ({exc})",
            "Copy the file again from the scanner, or rescan the page",
        ) from exc


def _page_count(image: Image.Image) -> int:
    # Only TIFF holds pages; extra JPEG (MPO) or PNG (APNG) frames are previews or animation.
    return getattr(image, "n_frames", 1) if image.format == "TIFF" else 1


def _page_info(image: Image.Image, index: int, media_type: str) -> PageInfo:
    tags = _tags(image)
    return PageInfo(
        index=index,
        width=image.width,
        height=image.height,
        dpi=_dpi(image, tags),
        mode=image.mode,
        media_type=media_type,
        compression=_compression(image),
        exif_rotation=_ORIENTATION_ROTATION.get(tags.get(_TAG_ORIENTATION, 1), 0),
    )


def _tags(image: Image.Image) -> Mapping[int, Any]:
    """The TIFF/EXIF tags of the current frame, read without decoding pixels."""
    if image.format == "TIFF":
        return image.tag_v2  # type: ignore[attr-defined]
    if image.format == "JPEG":
        return image.getexif()
    if image.format == "PNG" and "exif" in image.info:
        # PngImageFile.getexif() decodes the whole image to look for a late eXIf chunk.
        exif = Image.Exif()
        exif.load(image.info["exif"])
        return exif
    return {}


def _dpi(image: Image.Image, tags: Mapping[int, Any]) -> tuple[float, float] | None:
    if image.format == "TIFF":
        return _tag_dpi(tags)
    if image.format == "JPEG":
        # JFIF unit 0 gives only an aspect ratio; then EXIF may record the resolution.
        unit, density = image.info.get("jfif_unit"), image.info.get("jfif_density")
        if unit in (1, 2) and density:
            return _clean(tuple(d * (2.54 if unit == 2 else 1) for d in density))
        return _tag_dpi(tags)
    # PNG pHYs in metres, BMP pixels per metre and JPEG 2000 'resc', as Pillow converts them.
    return _clean(image.info.get("dpi"))


def _tag_dpi(tags: Mapping[int, Any]) -> tuple[float, float] | None:
    """XResolution/YResolution in ResolutionUnit (TIFF and EXIF default: inches)."""
    x, y = tags.get(_TAG_X_RESOLUTION), tags.get(_TAG_Y_RESOLUTION)
    unit = tags.get(_TAG_RESOLUTION_UNIT, _UNIT_INCH)
    if x is None or unit not in (_UNIT_INCH, _UNIT_CENTIMETRE):
        return None  # unit 1 means "no absolute unit": an aspect ratio, not a resolution
    scale = 2.54 if unit == _UNIT_CENTIMETRE else 1.0
    return _clean((float(x) * scale, float(x if y is None else y) * scale))


def _clean(dpi: Any) -> tuple[float, float] | None:
    """Round away unit-conversion noise (PNG stores 300 dpi as 299.9994); drop nonsense."""
    if not dpi:
        return None
    x, y = (float(value) for value in dpi)
    if not all(math.isfinite(v) and v > 0 for v in (x, y)):
        return None
    return round(x, 2), round(y, 2)


def _compression(image: Image.Image) -> str | None:
    match image.format:
        case "JPEG":
            return "jpeg"
        case "PNG":
            return "deflate"
        case "JPEG2000":
            return "jpeg2000"
        case "BMP":
            return _BMP_COMPRESSION.get(image.info.get("compression", 0))
        case "TIFF":
            name = image.info.get("compression", "raw")
            return None if name == "raw" else name
    return None
