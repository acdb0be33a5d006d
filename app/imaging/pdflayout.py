"""Which pages of a PDF are one scanned image, read from placements and dictionaries only.

A scanner writes each page as a single image covering it, drawn upright or turned a quarter;
anything else (several images, a skewed or partial placement, masks) is a composed page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymupdf

RENDER_DPI = 300.0  # pages without a scanned image (born-digital) are rendered at this
MAX_RENDER_DPI = 600.0  # a rendered page never goes finer, whatever images it holds
# An image is "full-page" when each edge is within this share of the page size of the edge.
FULL_PAGE_TOLERANCE = 0.01
# An image covering less of the page than this is a logo or stamp: it sets no render dpi.
_SIGNIFICANT_AREA = 0.1

_PLAIN_COLOURSPACES = {"DeviceGray", "DeviceRGB", "DeviceCMYK", "ICCBased", "CalGray", "CalRGB"}
MODE_OF_COMPONENTS = {1: "L", 3: "RGB", 4: "CMYK"}
_COMPRESSION_OF_FILTER = {
    "DCTDecode": "jpeg",
    "JPXDecode": "jpeg2000",
    "JBIG2Decode": "jbig2",
    "FlateDecode": "deflate",
    "LZWDecode": "lzw",
    "RunLengthDecode": "packbits",
}


@dataclass(frozen=True)
class Scan:
    """The single image a scanned page consists of."""

    xref: int
    smask: int  # xref of its soft mask (alpha), 0 if none
    width: int
    height: int
    dpi: tuple[float, float]
    rotation: int
    mode: str
    compression: str | None
    as_stored: bool  # its JPEG / JPEG 2000 stream is usable as a file without decoding


def scan_of(doc: pymupdf.Document, page: pymupdf.Page) -> Scan | None:
    """The page's one full-page, upright-or-quarter-turned image, if that is all it draws."""
    drawn = page.get_image_info()  # placements only: no pixels are decoded
    if len(drawn) != 1:
        return None
    placed = drawn[0]
    # get_image_info gives no xref; match the placement to the one image of its shape.
    shape = (placed["width"], placed["height"], placed["bpc"])
    candidates = [item for item in page.get_images(full=True) if tuple(item[2:5]) == shape]
    if len(candidates) != 1:
        return None
    xref, smask, _, _, bpc, colourspace, *_ = candidates[0]
    rotation = _quarter_turn(placed["transform"])
    if rotation is None or not _covers_page(placed["bbox"], page):
        return None
    if colourspace not in _PLAIN_COLOURSPACES or _has_key(doc, xref, "Mask"):
        return None
    if doc.xref_get_key(xref, "ImageMask")[1] == "true":
        return None
    if smask and (int_key(doc, smask, "Width"), int_key(doc, smask, "Height")) != shape[:2]:
        return None
    mode = _mode(placed["colorspace"], bpc, bool(smask))
    if mode is None:
        return None
    filters = _filters(doc, xref)
    codec = filters[-1] if filters else None
    return Scan(
        xref=xref,
        smask=smask,
        width=placed["width"],
        height=placed["height"],
        dpi=_placed_dpi(placed),
        rotation=(rotation + page.rotation) % 360,
        mode=mode,
        compression=_compression(doc, xref, codec),
        as_stored=codec in ("DCTDecode", "JPXDecode")
        and not smask
        and not _has_key(doc, xref, "Decode")
        and "ColorTransform" not in doc.xref_get_key(xref, "DecodeParms")[1],
    )


def int_key(doc: pymupdf.Document, xref: int, key: str) -> int:
    kind, value = doc.xref_get_key(xref, key)
    return int(float(value)) if kind in ("int", "float") else 0


def _quarter_turn(transform: tuple[float, ...]) -> int | None:
    """Clockwise turn of an image placement; None if skewed or mirrored.

    In MuPDF's y-down page space the image's columns run along (a, b), its rows along (c, d).
    """
    a, b, c, d = transform[:4]
    eps = 1e-3 * max(abs(a), abs(b), abs(c), abs(d))
    if abs(b) <= eps and abs(c) <= eps:
        return 0 if a > 0 and d > 0 else 180 if a < 0 and d < 0 else None
    if abs(a) <= eps and abs(d) <= eps:
        return 90 if b > 0 and c < 0 else 270 if b < 0 and c > 0 else None
    return None


def _covers_page(bbox: tuple[float, ...], page: pymupdf.Page) -> bool:
    # Placements are in unrotated page space, whose origin is the crop box's corner.
    width, height = page.cropbox.width, page.cropbox.height
    x0, y0, x1, y1 = bbox
    tol_x, tol_y = width * FULL_PAGE_TOLERANCE, height * FULL_PAGE_TOLERANCE
    return (
        abs(x0) <= tol_x and abs(x1 - width) <= tol_x
        and abs(y0) <= tol_y and abs(y1 - height) <= tol_y
    )


def _placed_dpi(placed: dict) -> tuple[float, float]:
    """Pixels per inch along the image's own rows and columns, as placed on the page."""
    a, b, c, d = placed["transform"][:4]
    return (
        round(placed["width"] * 72 / math.hypot(a, b), 2),
        round(placed["height"] * 72 / math.hypot(c, d), 2),
    )


def _mode(components: int, bpc: int, has_alpha: bool) -> str | None:
    base = "1" if components == 1 and bpc == 1 else MODE_OF_COMPONENTS.get(components)
    if not has_alpha or base is None:
        return base
    return {"1": "LA", "L": "LA", "RGB": "RGBA"}.get(base)  # Pillow has no CMYK + alpha


def _has_key(doc: pymupdf.Document, xref: int, key: str) -> bool:
    return doc.xref_get_key(xref, key)[0] != "null"


def _filters(doc: pymupdf.Document, xref: int) -> list[str]:
    kind, value = doc.xref_get_key(xref, "Filter")
    if kind == "name":
        return [value.lstrip("/")]
    if kind == "array":
        return value.strip("[]").replace("/", " ").split()
    return []


def _compression(doc: pymupdf.Document, xref: int, codec: str | None) -> str | None:
    if codec == "CCITTFaxDecode":
        # K < 0 is pure two-dimensional coding (Group 4); K >= 0 is Group 3.
        params = doc.xref_get_key(xref, "DecodeParms/K")
        return "group4" if params[0] == "int" and int(params[1]) < 0 else "group3"
    return _COMPRESSION_OF_FILTER.get(codec or "")


def render_dpi(page: pymupdf.Page) -> float:
    """The finest resolution of the page's large images, so rendering loses none of them."""
    page_area = page.cropbox.width * page.cropbox.height
    finest = [
        max(_placed_dpi(placed))
        for placed in page.get_image_info()
        if pymupdf.Rect(placed["bbox"]).get_area() >= _SIGNIFICANT_AREA * page_area
    ]
    return min(max(finest, default=RENDER_DPI), MAX_RENDER_DPI)
