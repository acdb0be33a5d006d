"""The inbox: every item with its state, page count, 档号 and title, kept current.

The list is read from the catalog on a worker thread and replaced in one go; the window's
selection is restored by item id, so a refresh never disturbs the operator.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.ui.description_form import state_text

COLUMNS = (QT_TRANSLATE_NOOP("Inbox", "Item"), QT_TRANSLATE_NOOP("Inbox", "State"),
           QT_TRANSLATE_NOOP("Inbox", "Pages"), QT_TRANSLATE_NOOP("Inbox", "档号"),
           QT_TRANSLATE_NOOP("Inbox", "题名 Title"))
# Work still to do stands out; committed items fade.
STATE_COLOURS = {"awaiting_description": "#1565c0", "ready": "#2e7d32", "needs_attention": "#c62828",
                 "committed": "#757575"}
WORK_STATES = ("awaiting_description", "ready")
# Items whose pages all went elsewhere: kept in the catalog so that undo finds them, not listed.
PAGELESS_STATES = ("empty", "merged")


class InboxModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[dict] = []  # as listed
        self.all_items: list[dict] | None = None  # pageless ones too; None: not read yet

    def set_items(self, items: list[dict]) -> bool:
        """Show ``items``; False when nothing changed. The list is refreshed every two seconds
        and holds hundreds of items: an unchanged list costs nothing, changed rows and rows
        added at the end are told to the view as such, and only other changes reset it."""
        if items == self.all_items:
            return False
        listed = [item for item in items if item["state"] not in PAGELESS_STATES]
        before = [item["id"] for item in self.items]
        after = [item["id"] for item in listed]
        self.all_items = items
        if after[:len(before)] == before and before:
            self.items[:] = listed[:len(before)]
            self.dataChanged.emit(self.index(0, 0), self.index(len(before) - 1, len(COLUMNS) - 1))
            if len(after) > len(before):
                self.beginInsertRows(QModelIndex(), len(before), len(after) - 1)
                self.items[len(before):] = listed[len(before):]
                self.endInsertRows()
        else:
            self.beginResetModel()
            self.items = listed
            self.endResetModel()
        return True

    def row_of(self, item_id: int) -> int:
        return next((row for row, item in enumerate(self.items) if item["id"] == item_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("Inbox", COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (item["id"], state_text(item["state"]), item["page_count"],
                    item["archival_code"] or "", item["title"] or "")[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and item["state"] in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[item["state"]]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item["id"]
        return None


class InboxView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.inbox = InboxModel(self)
        self.setModel(self.inbox)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        # Widths from the font, not from the rows: sizing to contents reads every row again
        # on each refresh, which stalled the window by 100 ms and more at a few hundred items.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The title takes what is left; a long 档号 keeps its fonds and its item number in
        # sight, elided in the middle.
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        metrics, pad = self.fontMetrics(), 16
        samples = ("0000", max((state_text(state) for state in STATE_COLOURS), key=metrics.horizontalAdvance),
                   "000", "Z109-WS·2023-0001")
        for column, sample in enumerate(samples):
            header_text = QCoreApplication.translate("Inbox", COLUMNS[column])
            header.resizeSection(column, pad + max(metrics.horizontalAdvance(sample),
                                                   metrics.horizontalAdvance(header_text)))

    def current_item_id(self) -> int | None:
        index = self.currentIndex()
        return self.inbox.items[index.row()]["id"] if index.isValid() else None

    def select_item(self, item_id: int) -> bool:
        row = self.inbox.row_of(item_id)
        if row >= 0:
            self.setCurrentIndex(self.inbox.index(row, 0))
        return row >= 0

    def step(self, offset: int) -> None:
        """Move the selection ``offset`` rows, stopping at either end."""
        if not self.inbox.items:
            return
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1 if offset > 0 else 0
        self.setCurrentIndex(self.inbox.index(max(0, min(len(self.inbox.items) - 1, row + offset)), 0))

    def next_to_describe(self, after: int | None) -> int | None:
        """The first item after ``after`` that awaits description or commit, wrapping round."""
        row = self.inbox.row_of(after) if after is not None else -1
        ordered = self.inbox.items[row + 1:] + self.inbox.items[:row + 1]
        return next((item["id"] for item in ordered if item["state"] in WORK_STATES and item["id"] != after),
                    None)
