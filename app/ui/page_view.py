"""The page viewer: one page image, zoomed and panned; decoded on a worker thread.

The image arrives already reduced to screen size (``page_images.load_page``); zooming only
changes the view's transform, so it is instant however large the scan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView

from app.catalog.details import PageImage
from app.ui.page_images import load_page
from app.ui.workers import WorkerPool

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class PageView(QGraphicsView):
    page_shown = Signal(int)  # page number, once its image is on screen

    def __init__(self, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self._loads = workers.channel("images")
        self.setScene(QGraphicsScene(self))
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)  # pan by dragging
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fit_width_mode = True  # kept across pages and window resizes until the operator zooms
        self.page: PageImage | None = None

    def show_page(self, page: PageImage | None) -> None:
        self.page = page
        if page is None:
            self._loads.renew()
            self._set_image(QImage())
            return
        self._loads.latest(lambda: load_page(page), self._set_image)

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.fit_width_mode = True
        self._fit()

    def zoom(self) -> float:
        return self.transform().m11()

    def _zoom(self, factor: float) -> None:
        self.fit_width_mode = False
        factor = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom() * factor)) / self.zoom()
        self.scale(factor, factor)

    def _fit(self) -> None:
        width = self.pixmap_item.pixmap().width()
        if not width:
            return
        scale = (self.viewport().width() - 2) / width
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(self.pixmap_item.boundingRect().center().x(), 0)

    def _set_image(self, image: QImage) -> None:
        self.pixmap_item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self.pixmap_item.boundingRect())
        if self.fit_width_mode:
            self._fit()
        if self.page is not None and not image.isNull():
            self.page_shown.emit(self.page.number)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_width_mode:
            self._fit()
