"""Variants of corpus pages made with Pillow and numpy, for the per-page check tests, and
what the corpus manifest says each page should be flagged for."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from app.imaging.decode import open_page
from app.imaging.pageinfo import PageInfo

PAPER_TINT = (240, 230, 200)
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
# One printed line of seedA-003 (about 5 cm, ten characters).
ONE_LINE = (300, 250, 900, 320)


def manifest_faults(entry: dict) -> dict[str, str]:
    """The findings (check: verdict) that an entry of cjk-rendered/manifest.json should raise
    under the default image rules; none for a clean page."""
    faults = {}
    if entry["blank"]:
        faults["blank"] = "warning"
    if entry["rotation"]:
        faults["orientation"] = "warning"
    if entry["border"]:
        faults["border"] = "warning"
    if entry["dpi"] < 200:
        faults["resolution"] = "error"
    return faults


def rendered(corpus: Path, name: str) -> Image.Image:
    return open_page(corpus / "cjk-rendered" / name)


def info_for(image: Image.Image, dpi: float | None = 300.0) -> PageInfo:
    return PageInfo(0, image.width, image.height, (dpi, dpi) if dpi else None, image.mode, "image/png", None)


def with_noise(image: Image.Image, sigma: float, seed: int = 1) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0, sigma, pixels.shape)
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))


def tinted(image: Image.Image, tint: tuple[int, int, int] = PAPER_TINT) -> Image.Image:
    grey = image.convert("L")
    return Image.merge("RGB", [grey.point(lambda value, c=c: value * c // 255) for c in tint])


def with_bleed_through(blank: Image.Image, text: Image.Image, strength: float = 0.15) -> Image.Image:
    """``blank`` with the mirrored ink of ``text`` showing faintly through the sheet."""
    paper = np.asarray(blank, dtype=np.float32)
    ink = 1 - np.asarray(ImageOps.mirror(text.convert("L").resize(blank.size)), dtype=np.float32) / 255
    return Image.fromarray((paper * (1 - strength * ink)).astype(np.uint8))


def with_one_line(blank: Image.Image, text: Image.Image) -> Image.Image:
    page = blank.copy()
    page.paste(text.crop(ONE_LINE), (300, 1500))
    return page


def with_red_header(page: Image.Image, skew_deg: float) -> Image.Image:
    """``page`` in colour under a red title and rule (红头), tilted with the page's text."""
    header = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(header)
    font = ImageFont.truetype(CJK_FONT, 130)
    draw.text((page.width // 2, 60), "兰台市档案局文件", fill=(200, 20, 30), font=font, anchor="mt")
    draw.rectangle((200, 215, page.width - 200, 225), fill=(210, 25, 25))
    header = header.rotate(skew_deg, resample=Image.Resampling.BILINEAR, fillcolor="white")
    return ImageChops.multiply(page.convert("RGB"), header)


def rescanned(page: Image.Image, shift: tuple[int, int] = (12, -9), quality: int = 70, path: Path | None = None) -> Image.Image:
    """``page`` as a second pass of the scanner gives it: shifted, noisier, recompressed."""
    moved = ImageOps.expand(page, border=40, fill=255).crop(
        (40 - shift[0], 40 - shift[1], 40 - shift[0] + page.width, 40 - shift[1] + page.height)
    )
    noisy = with_noise(moved, 6, seed=2)
    assert path is not None
    noisy.save(path, quality=quality)
    return Image.open(path)
