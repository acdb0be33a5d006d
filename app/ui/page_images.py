"""Decoding page images for the screen; runs on worker threads (QImage, never QPixmap, here).

JPEG pages are decoded at the size wanted (the decoder scales while it reads), so a 300-dpi
A4 scan costs a fraction of a full decode. What Qt cannot read (PDF pages, odd TIFFs) goes
through the catalog's own decoder.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QTransform

from app.imaging.decode import open_page
from app.catalog.details import PageImage

# Long side of a page as shown: enough to zoom to about 200 % of a full-HD screen's width.
VIEW_LONG_SIDE = 2600
BADGE_COLOURS = {"ok": QColor("#2e9d4f"), "warning": QColor("#e0a100"), "error": QColor("#d32f2f")}


def load_page(page: PageImage, long_side: int = VIEW_LONG_SIDE) -> QImage:
    """The page, upright, no longer than ``long_side`` pixels (never enlarged)."""
    reader = QImageReader(str(page.path))
    reader.setAutoTransform(False)  # the catalog's rotation already counts EXIF orientation
    if page.frame and not reader.jumpToImage(page.frame):
        reader = None
    image = QImage()
    if reader is not None and reader.canRead():
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > long_side:
            reader.setScaledSize(_fitted(size, long_side))
        image = reader.read()
    if image.isNull():
        image = _via_pillow(page, long_side)
    if page.rotation % 360:
        image = image.transformed(QTransform().rotate(page.rotation))
    return image


def thumbnail(page: PageImage, long_side: int) -> QImage:
    """A small page with its quality-check badge: a dot coloured by the worst verdict."""
    image = load_page(page, long_side).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    radius = max(6, long_side // 12)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("white"))
    painter.setBrush(BADGE_COLOURS.get(page.verdict, BADGE_COLOURS["error"]))
    painter.drawEllipse(image.width() - 2 * radius - 3, 3, 2 * radius, 2 * radius)
    painter.end()
    return image


def _fitted(size: QSize, long_side: int) -> QSize:
    return size.scaled(long_side, long_side, Qt.AspectRatioMode.KeepAspectRatio)


def _via_pillow(page: PageImage, long_side: int) -> QImage:
    picture = open_page(page.path, page.frame).convert("RGB")
    picture.thumbnail((long_side, long_side))
    data = picture.tobytes()
    return QImage(data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888).copy()

