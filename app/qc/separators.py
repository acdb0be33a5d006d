"""Separator sheets: pages that start a new item and are not part of one.

A separator carries a Kodak patch T, a QR code or a Code 128 barcode. A barcode whose text is
an archival code (档号) under the profile's template also pre-fills the new item's
description. The check runs on every scanned page, so it reads a ~150 dpi copy: that decodes
Code 128 down to 2-pixel (0.007 in) modules at 300 dpi and costs a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import zxingcpp
from PIL import Image

from app.catalog.archival_code import ArchivalCodeTemplate
from app.qc.patchcode import has_patch_t

SeparatorKind = Literal["patch_t", "qr", "code128"]
Page = TypeVar("Page")

_KINDS: dict[zxingcpp.BarcodeFormat, SeparatorKind] = {
    zxingcpp.BarcodeFormat.QRCode: "qr",
    zxingcpp.BarcodeFormat.Code128: "code128",
}
# ~150 dpi on A4 (1240 px across).
_BARCODE_SHORT_SIDE = 1240


@dataclass(frozen=True)
class Separator:
    """What a separator page carries."""

    kind: SeparatorKind
    text: str  # the barcode's text; "" for a patch T
    # Description fields parsed from the text with the template; {} when it is no 档号.
    prefill: dict[str, str] = field(default_factory=dict)


def detect_separator(
    image: Image.Image, template: ArchivalCodeTemplate | None = None
) -> Separator | None:
    """The separator ``image`` carries, or None for an ordinary page."""
    gray = image.convert("L")
    factor = max(1, min(gray.size) // _BARCODE_SHORT_SIDE)
    if factor > 1:
        gray = gray.reduce(factor)
    barcodes = zxingcpp.read_barcodes(
        gray,
        formats=tuple(_KINDS),
        # Separator sheets are printed dark on light: inverted search would only cost time.
        try_invert=False,
        # At ~150 dpi the symbol is already small; smaller copies only help huge codes.
        try_downscale=False,
    )
    if barcodes:
        # A sheet may carry a URL or batch number beside the 档号: the code is what counts.
        separators = [_barcode_separator(barcode, template) for barcode in barcodes]
        return next((found for found in separators if found.prefill), separators[0])
    if has_patch_t(gray):
        return Separator("patch_t", "")
    return None


def split_at_separators(
    pages: Sequence[Page], separator_of: Callable[[Page], Separator | None]
) -> list[tuple[Separator | None, list[Page]]]:
    """``pages`` cut into items at separator pages, each with the separator that opened it.

    The first item's separator is None when no separator leads. Separator pages belong to
    no item; a separator followed by no pages (two in a row, or one at the end) still opens
    an empty item, so that the operator sees the sheet rather than losing its 档号.
    """
    groups: list[tuple[Separator | None, list[Page]]] = []
    for page in pages:
        separator = separator_of(page)
        if separator is not None:
            groups.append((separator, []))
        elif groups:
            groups[-1][1].append(page)
        else:
            groups.append((None, [page]))
    return groups


def _barcode_separator(
    barcode: zxingcpp.Barcode, template: ArchivalCodeTemplate | None
) -> Separator:
    kind = _KINDS[barcode.format]
    if template is not None:
        for text in _readings(barcode):
            fields = template.parse(text)
            if fields is not None:
                return Separator(kind, text, fields)
    return Separator(kind, barcode.text)


def _readings(barcode: zxingcpp.Barcode) -> Iterator[str]:
    """The barcode's text as decoded, then its bytes as UTF-8 and as Latin-1.

    A QR code without an ECI marker does not say its character set; zxing guesses Shift_JIS
    for lone high bytes, so the Latin-1 "·" that QR's default encoding gives turns into "ｷ".
    """
    yield barcode.text
    raw = barcode.bytes
    try:
        yield raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    yield raw.decode("latin-1")
