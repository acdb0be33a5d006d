"""Page images as PDF image XObjects, without loss and without needless work.

JPEG and JPEG 2000 files are embedded byte for byte (DCTDecode / JPXDecode): re-encoding would
lose quality and time. A non-interlaced PNG without alpha keeps its compressed IDAT data under
FlateDecode with the PNG predictor, so it is not even decompressed. Everything else (TIFF, BMP,
PNG with alpha) is decoded once and deflated: 1-bit stays 1-bit, 16-bit grey stays 16-bit.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image

_JPEG_MAGIC = b"\xff\xd8\xff"
_JP2_MAGIC = (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_COLOR_SPACES = {"1": "/DeviceGray", "L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}
_PNG_COLORS = {0: 1, 2: 3, 3: 1}  # PNG colour type -> samples per pixel, for types kept as is
_ZLIB_LEVEL = 6


@dataclass(frozen=True)
class ImageXObject:
    xref: int
    width: int  # stored pixels
    height: int


@dataclass(frozen=True)
class EncodedImage:
    """An image's PDF stream, ready to embed: made without a document, so on any thread."""

    width: int  # stored pixels
    height: int
    info: str  # image dictionary entries besides size, filter and parameters
    data: bytes
    filter_: str
    parms: str = ""
    alpha: bytes | None = None  # deflated soft mask (8-bit grey), if any pixel is see-through


def add_image(doc: pymupdf.Document, path: Path, frame: int = 0) -> ImageXObject:
    """Embed frame ``frame`` of the image file ``path`` in ``doc``."""
    return add_encoded(doc, encode_image(path, frame))


def encode_image(path: Path, frame: int = 0) -> EncodedImage:
    """The PDF stream of frame ``frame`` of the image file ``path``.

    Touches no document, and zlib and Pillow's decoders release the GIL, so pages can be
    encoded on several threads while the document is assembled on one.
    """
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(_JPEG_MAGIC) and frame == 0:
        return _encode_jpeg(path)
    if head.startswith(_JP2_MAGIC) and frame == 0:
        return _encode_jpx(path)
    if head.startswith(_PNG_MAGIC) and frame == 0:
        png = _png_passthrough(path.read_bytes())
        if png is not None:
            return EncodedImage(*png)
    return _encode_decoded(path, frame)


def add_encoded(doc: pymupdf.Document, image: EncodedImage) -> ImageXObject:
    """Embed ``image`` in ``doc``, with its soft mask if it has one."""
    xobject = _add_stream(doc, image.width, image.height, image.info, image.data, image.filter_, image.parms)
    if image.alpha is not None:
        mask = _add_stream(
            doc, image.width, image.height, "/ColorSpace /DeviceGray /BitsPerComponent 8", image.alpha,
            "/FlateDecode",
        )
        doc.xref_set_key(xobject.xref, "SMask", f"{mask.xref} 0 R")
    return xobject


def _encode_jpeg(path: Path) -> EncodedImage:
    with Image.open(path) as image:  # reads the header only
        width, height, mode, adobe = image.width, image.height, image.mode, "adobe" in image.info
    if mode not in _COLOR_SPACES:
        raise ValueError(f"{path}: unsupported JPEG mode {mode}")
    extra = ""
    if mode == "CMYK" and adobe:
        # Adobe (Photoshop) CMYK JPEGs store inverted ink values.
        extra = " /Decode [1 0 1 0 1 0 1 0]"
    info = f"/ColorSpace {_COLOR_SPACES[mode]} /BitsPerComponent 8{extra}"
    return EncodedImage(width, height, info, path.read_bytes(), "/DCTDecode")


def _encode_jpx(path: Path) -> EncodedImage:
    with Image.open(path) as image:
        width, height = image.size
    # JPXDecode takes colour space and depth from the codestream itself.
    return EncodedImage(width, height, "", path.read_bytes(), "/JPXDecode")


def _png_passthrough(data: bytes) -> tuple[int, int, str, bytes, str, str] | None:
    """Arguments for ``_add_stream`` that reuse the PNG's IDAT data, or None if it must be decoded."""
    chunks: dict[bytes, bytes] = {}
    idat: list[bytes] = []
    offset = len(_PNG_MAGIC)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IDAT":
            idat.append(body)
        else:
            chunks.setdefault(kind, body)
        offset += 12 + length
    width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    if interlace or color_type not in _PNG_COLORS or b"tRNS" in chunks:
        return None
    colors = _PNG_COLORS[color_type]
    if color_type == 3:
        palette = chunks[b"PLTE"]
        space = f"[/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex()}>]"
    else:
        space = "/DeviceGray" if colors == 1 else "/DeviceRGB"
    info = f"/ColorSpace {space} /BitsPerComponent {depth}"
    parms = f"<< /Predictor 15 /Colors {colors} /BitsPerComponent {depth} /Columns {width} >>"
    return width, height, info, b"".join(idat), "/FlateDecode", parms


def _encode_decoded(path: Path, frame: int) -> EncodedImage:
    with Image.open(path) as image:
        image.seek(frame)
        image.load()
        info, pixels, alpha = _samples(image)
        width, height = image.size
    return EncodedImage(
        width, height, info, zlib.compress(pixels, _ZLIB_LEVEL), "/FlateDecode",
        alpha=None if alpha is None else zlib.compress(alpha, _ZLIB_LEVEL),
    )


def _samples(image: Image.Image) -> tuple[str, bytes, bytes | None]:
    """Image dictionary entries, raw samples and, if any pixel is see-through, alpha samples."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode == "P":
        palette = bytes(image.getpalette() or [])
        space = f"[/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex()}>]"
        return f"/ColorSpace {space} /BitsPerComponent 8", image.tobytes(), None
    if image.mode.startswith("I;16"):
        samples = np.asarray(image).astype(">u2").tobytes()  # PDF samples are big-endian
        return "/ColorSpace /DeviceGray /BitsPerComponent 16", samples, None
    alpha = None
    if image.mode in ("LA", "RGBA", "PA"):
        band = image.getchannel("A")
        if band.getextrema()[0] < 255:
            alpha = band.tobytes()
        image = image.convert("L" if image.mode == "LA" else "RGB")
    if image.mode not in _COLOR_SPACES:
        image = image.convert("RGB")
    depth = 1 if image.mode == "1" else 8
    return f"/ColorSpace {_COLOR_SPACES[image.mode]} /BitsPerComponent {depth}", image.tobytes(), alpha


def _add_stream(
    doc: pymupdf.Document, width: int, height: int, info: str, data: bytes, filter_: str, parms: str = ""
) -> ImageXObject:
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} {info} >>")
    # compress=False stores the bytes as given (and drops /Filter), so the filter comes after.
    doc.update_stream(xref, data, compress=False)
    doc.xref_set_key(xref, "Filter", filter_)
    if parms:
        doc.xref_set_key(xref, "DecodeParms", parms)
    return ImageXObject(xref, width, height)
