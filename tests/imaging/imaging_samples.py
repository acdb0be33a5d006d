"""Small page images made with Pillow, for formats and options the corpus lacks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image, ImageDraw


def page_image(mode: str = "L", size: tuple[int, int] = (240, 320)) -> Image.Image:
    """A small page with dark marks, so every codec has something to keep."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for top in range(20, size[1] - 20, 24):
        draw.rectangle((20, top, size[0] - 40, top + 10), fill=0)
    draw.rectangle((0, 0, 30, 30), fill=128)
    return image.convert(mode) if mode != "L" else image


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
