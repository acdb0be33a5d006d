"""Which device and software made a scan: EXIF/TIFF tags for DA/T 31 process metadata."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

_TAGS = {271: "scanner_make", 272: "scanner_model", 305: "software", 306: "scanned_at"}


def device_tags(path: Path) -> dict[str, str]:
    """Make, model, software and date the scanner wrote, where the file has them (headers only)."""
    try:
        with Image.open(path) as image:
            tags = image.getexif()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return {}  # PDFs and files Pillow cannot read carry no such tags for us
    return {name: str(tags[tag]).strip("\x00 ") for tag, name in _TAGS.items() if tags.get(tag)}
