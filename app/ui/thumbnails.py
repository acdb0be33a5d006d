"""The strip of page thumbnails under the viewer, each with its number and QC badge.

Thumbnails are made one page per job on the image pool; a job for an item the operator has
already left is ignored when it comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView

from app.catalog.details import PageImage
from app.ui.page_images import thumbnail
from app.ui.workers import WorkerPool

THUMB_SIDE = 112
VERDICT_TEXT = {"ok": "QC ok", "warning": "QC warning", "error": "QC error"}


class ThumbnailStrip(QListView):
    page_chosen = Signal(int)  # index into the item's pages

    def __init__(self, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self._loads = workers.channel("images")
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.setGridSize(QSize(THUMB_SIDE + 16, THUMB_SIDE + 28))
        self.setFixedHeight(THUMB_SIDE + 48)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._blank = QPixmap(THUMB_SIDE * 3 // 4, THUMB_SIDE)
        self._blank.fill(Qt.GlobalColor.lightGray)
        self.selectionModel().currentChanged.connect(
            lambda current, _previous: current.isValid() and self.page_chosen.emit(current.row()))

    def show_pages(self, pages: tuple[PageImage, ...]) -> None:
        self._loads.renew()
        self.model_.clear()
        for index, page in enumerate(pages):
            cell = QStandardItem(self._blank, str(page.number))  # full size before the image comes
            cell.setEditable(False)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            tip = [self.tr("Page %1").replace("%1", str(page.number)), self.tr(VERDICT_TEXT[page.verdict])
                   if page.verdict in VERDICT_TEXT else page.verdict, *page.problems]
            cell.setToolTip("\n".join(tip))
            cell.setData(page.verdict, Qt.ItemDataRole.UserRole)
            self.model_.appendRow(cell)
            self._loads.run(lambda page=page: thumbnail(page, THUMB_SIDE),
                            lambda image, row=index: self._set_icon(row, image))

    def _set_icon(self, row: int, image) -> None:
        cell = self.model_.item(row)
        if cell is not None:
            cell.setIcon(QPixmap.fromImage(image))

    def select(self, row: int) -> None:
        if 0 <= row < self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(row, 0))
