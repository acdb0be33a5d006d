"""A list read from the catalog as plain dicts (what the core's lists give), shown in whole rows
and read afresh now and then: what the needs-attention list and the bin have in common."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class EntryModel(QAbstractTableModel):
    """The entries, one a row, replaced whole on each reading. ``columns`` are the headers'
    source texts (marked with QT_TRANSLATE_NOOP where they are written), looked up in ``context``."""

    def __init__(self, context: str, columns: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.context, self.columns = context, columns
        self.entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate(self.context, self.columns[section])
        return None


class EntryTable(QTableView):
    """Whole rows, several with Shift, nothing edited in place; ``stretch`` is the column that
    takes the width the others leave."""

    def __init__(self, model: EntryModel, stretch: int, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def selected_entries(self) -> list[dict]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.model().entries[row] for row in rows]

    def show_entries(self, entries: list[dict], key: Callable[[dict], Hashable]) -> None:
        """Show ``entries`` instead; those selected before (the same by ``key``) stay selected,
        else the row where the cursor was is, so that the next key acts on it at once."""
        model = self.model()
        if entries == model.entries:
            return  # a reload that found nothing new leaves the cursor alone
        kept = {key(entry) for entry in self.selected_entries()}
        current = self.currentIndex().row()
        current_key = key(model.entries[current]) if 0 <= current < len(model.entries) else None
        model.set_entries(entries)
        selection = self.selectionModel()
        keys = [key(entry) for entry in entries]
        if current_key in keys:
            current = keys.index(current_key)
            selection.setCurrentIndex(model.index(current, 0), selection.SelectionFlag.NoUpdate)
        for row, entry in enumerate(entries):
            if key(entry) in kept:
                selection.select(model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        if entries and not selection.hasSelection():
            # Flags, not selectRow: that reads the keys held, and Ctrl or Shift still down from
            # the shortcut that brought the list up would toggle the row off or extend from nowhere.
            row = min(max(current, 0), len(entries) - 1)
            selection.setCurrentIndex(model.index(row, 0), selection.SelectionFlag.ClearAndSelect
                                      | selection.SelectionFlag.Rows)
