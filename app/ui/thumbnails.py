"""The strip of page thumbnails under the viewer, each with its number and QC badge.

Thumbnails are made one page per job on the image pool; a job for an item the operator has
already left is ignored when it comes back.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView

from app.catalog.details import PageImage
from app.ui.page_images import thumbnail
from app.ui.workers import WorkerPool

THUMB_SIDE = 112
VERDICT_TEXT = {"ok": QT_TRANSLATE_NOOP("ThumbnailStrip", "QC ok"),
                "warning": QT_TRANSLATE_NOOP("ThumbnailStrip", "QC warning"),
                "error": QT_TRANSLATE_NOOP("ThumbnailStrip", "QC error")}


PAGE_ID = Qt.ItemDataRole.UserRole + 1
CACHED_THUMBNAILS = 600  # a few items' worth; a page op reloads an item without decoding again


class ThumbnailStrip(QListView):
    """Pages of the item in order. Several may be selected (Shift/Ctrl with arrows or the
    mouse) for a page operation; dragging a selection onto a page asks to put it there."""

    page_chosen = Signal(int)  # the page id shown current
    pages_dropped = Signal(list, object)  # page ids, the page id they go before (None: the end)

    def __init__(self, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self._loads = workers.channel("images")
        self._cache: OrderedDict[tuple, QPixmap] = OrderedDict()
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Snap)  # Static would forbid dragging
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.setGridSize(QSize(THUMB_SIDE + 16, THUMB_SIDE + 28))
        self.setFixedHeight(THUMB_SIDE + 48)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._blank = QPixmap(THUMB_SIDE * 3 // 4, THUMB_SIDE)
        self._blank.fill(Qt.GlobalColor.lightGray)
        self.selectionModel().currentChanged.connect(
            lambda current, _previous: current.isValid() and self.page_chosen.emit(current.data(PAGE_ID)))

    def show_pages(self, pages: tuple[PageImage, ...], *, selected: list[int] = (), current: int | None = None) -> None:
        """Show ``pages``; ``selected`` and ``current`` (page ids) are selected again if still there."""
        self._loads.renew()
        self.model_.clear()
        for page in pages:
            key = (page.path, page.frame, page.rotation, page.verdict)
            cached = self._cache.get(key)
            label = str(page.number) if page.state != "pending" else self.tr("%1 · reading").replace("%1", str(page.number))
            cell = QStandardItem(cached or self._blank, label)  # full size before the image comes
            cell.setEditable(False)
            cell.setDropEnabled(False)  # a drop goes between pages, never into one
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            tip = [self.tr("Page %1").replace("%1", str(page.number)), self.tr(VERDICT_TEXT[page.verdict])
                   if page.verdict in VERDICT_TEXT else page.verdict, *page.problems]
            cell.setToolTip("\n".join(tip))
            cell.setData(page.verdict, Qt.ItemDataRole.UserRole)
            cell.setData(page.page_id, PAGE_ID)
            self.model_.appendRow(cell)
            if cached is None:
                self._loads.run(lambda page=page: thumbnail(page, THUMB_SIDE),
                                lambda image, page_id=page.page_id, key=key: self._set_icon(page_id, key, image))
            else:
                self._cache.move_to_end(key)
        if current is not None:
            self._reselect(list(selected), current, -1)

    def _set_icon(self, page_id: int, key: tuple, image) -> None:
        pixmap = QPixmap.fromImage(image)
        self._cache[key] = pixmap
        while len(self._cache) > CACHED_THUMBNAILS:
            self._cache.popitem(last=False)
        ids = self._ids()  # by page, not row: a preview may have moved it meanwhile
        if page_id in ids:
            self.model_.item(ids.index(page_id)).setIcon(pixmap)

    def select(self, row: int) -> None:
        if 0 <= row < self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(row, 0))

    def selected_page_ids(self) -> list[int]:
        """The selected pages in page order; the current page when none is selected."""
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [self.model_.item(row).data(PAGE_ID) for row in rows]

    def current_page_id(self) -> int | None:
        index = self.currentIndex()
        return self.model_.item(index.row()).data(PAGE_ID) if index.isValid() else None

    # Previews: a page operation shows at once; the catalog's answer replaces it when it comes,
    # so the next key acts on what the operator sees, not on the picture before.

    def _ids(self) -> list[int]:
        return [self.model_.item(row).data(PAGE_ID) for row in range(self.model_.rowCount())]

    def preview_order(self, order: list[int]) -> None:
        """Put the rows in ``order`` (page ids), keeping the selection and the current page."""
        selected, current = self.selected_page_ids(), self.current_page_id()
        cells = {self.model_.item(row).data(PAGE_ID): row for row in range(self.model_.rowCount())}
        self.selectionModel().blockSignals(True)  # rows in passing are no page to show
        taken = [self.model_.takeRow(0)[0] for _ in range(self.model_.rowCount())]
        by_id = {cell.data(PAGE_ID): cell for cell in taken}
        for page_id in order:
            self.model_.appendRow(by_id.pop(page_id))
        for leftover in sorted(by_id, key=cells.get):  # not named: at the end, as they were
            self.model_.appendRow(by_id[leftover])
        self.selectionModel().blockSignals(False)
        self.setCurrentIndex(self.model_.index(-1, 0))  # so that setting it again is a change
        self._reselect(selected, current, 0)

    def preview_shift(self, page_ids: list[int], offset: int) -> None:
        order = self._ids()
        others = [page_id for page_id in order if page_id not in page_ids]
        start = order.index(page_ids[0]) if page_ids and page_ids[0] in order else 0
        cut = max(0, min(len(others), start + offset))
        self.preview_order(others[:cut] + list(page_ids) + others[cut:])

    def preview_placed(self, page_ids: list[int], before: int | None) -> None:
        others = [page_id for page_id in self._ids() if page_id not in page_ids]
        cut = others.index(before) if before in others else len(others)
        self.preview_order(others[:cut] + list(page_ids) + others[cut:])

    def preview_removed(self, page_ids: list[int]) -> None:
        row = self.currentIndex().row()
        for page_id in page_ids:
            ids = self._ids()
            if page_id in ids:
                self.model_.removeRow(ids.index(page_id))
        self.select(min(max(row, 0), self.model_.rowCount() - 1))

    def _reselect(self, selected: list[int], current: int | None, fallback: int) -> None:
        ids = self._ids()
        if current in ids:
            self.setCurrentIndex(self.model_.index(ids.index(current), 0))
        else:
            self.select(fallback)
        selection = self.selectionModel()
        for page_id in selected:
            if page_id in ids:
                selection.select(self.model_.index(ids.index(page_id), 0), selection.SelectionFlag.Select)

    # Dragging: the drop is a request; the pages move when the catalog has moved them.

    def dragEnterEvent(self, event) -> None:
        if event.source() is self:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.source() is self:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if event.source() is not self:
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the model is reloaded, never moved by the view
        event.accept()
        self.pages_dropped.emit(self.selected_page_ids(), self._page_before(event.position().toPoint()))

    def _page_before(self, point) -> int | None:
        """The page a drop at ``point`` goes in front of: the one under it, or the next one
        when the drop is on its right half; ``None`` past the last page."""
        index = self.indexAt(point)
        if not index.isValid():
            return None
        row = index.row() + (point.x() > self.visualRect(index).center().x())
        return self.model_.item(row).data(PAGE_ID) if row < self.model_.rowCount() else None
