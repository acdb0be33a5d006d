"""The decompression-bomb bound shared by every decoder in app.imaging."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from app.imaging.errors import PageTooLarge

MAX_PIXELS = 250_000_000
"""Largest page (width x height) decoded unless a caller passes ``max_pixels``.

An A0 sheet at 400 dpi is about 248 megapixels; anything larger is refused before decoding.
Read at call time, so assigning to this module setting takes effect at once.
"""

# Pillow refuses outright above twice its own bound (179 MP by default), which would
# shadow our larger limit; align its bound with ours but never loosen it to "no limit".
if Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS < MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def check_size(path: Path, index: int, width: int, height: int, max_pixels: int | None) -> None:
    """Refuse page ``index`` of ``path`` if it has more pixels than the limit."""
    limit = MAX_PIXELS if max_pixels is None else max_pixels
    if width * height > limit:
        raise PageTooLarge(path, index, width, height, limit)
