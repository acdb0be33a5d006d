"""Needs attention: rejected files, failed pages and stuck items, each with why, and Retry.

The list is read from the catalog on the catalog pool, like the inbox; Retry (the button or
Ctrl+R) runs on that pool too, says what became of each entry under the list, and reloads it.
``count_changed`` lets the window show how many entries wait. ``AttentionDialog`` holds the
list in a window of its own, where its Ctrl+R is not the main window's (turn pages).
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.workers import WorkerPool
from app.workspace import Workspace

COLUMNS = (QT_TRANSLATE_NOOP("AttentionView", "Kind"), QT_TRANSLATE_NOOP("AttentionView", "What"),
           QT_TRANSLATE_NOOP("AttentionView", "Reason"), QT_TRANSLATE_NOOP("AttentionView", "When"))
KIND_TEXT = {"file": QT_TRANSLATE_NOOP("AttentionView", "File not taken in"),
             "page": QT_TRANSLATE_NOOP("AttentionView", "Page not read"),
             "item": QT_TRANSLATE_NOOP("AttentionView", "Item not finished")}
# app.catalog.attention.REMEDIES, shown as each row's tooltip
REMEDY_TEXT = {"file": QT_TRANSLATE_NOOP("AttentionView", "Put a readable scan at the same path"
                                                          " (or fix the settings), then retry"),
               "page": QT_TRANSLATE_NOOP("AttentionView", "Retry reads the page again; if it fails again,"
                                                          " replace it with a rescan or bin it"),
               "item": QT_TRANSLATE_NOOP("AttentionView", "Retry builds the item's PDF again")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttentionView", text)


def local_time(when: str | None) -> str:
    """A catalog time (UTC, ISO 8601) as the station's clock shows it."""
    if not when:
        return ""
    moment = datetime.fromisoformat(when).replace(tzinfo=timezone.utc).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def entry_key(entry: dict) -> tuple[str, int]:
    return entry["kind"], entry["id"]


class AttentionModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (_tr(KIND_TEXT[entry["kind"]]), self.what(entry), self.reason(entry),
                    local_time(entry["when"]))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry['reason']}\n\n{_tr(REMEDY_TEXT[entry['kind']])}"
        return None

    @staticmethod
    def reason(entry: dict) -> str:
        # the file is named in the column before; the tooltip keeps the whole message
        return entry["reason"].replace(f"{entry['path']}: ", "") if entry["path"] else entry["reason"]

    @staticmethod
    def what(entry: dict) -> str:
        if entry["kind"] == "file":
            return entry["path"]
        if entry["kind"] == "page":
            return (_tr("Item %1, page %2 (%3)").replace("%1", str(entry["item_id"]))
                    .replace("%2", str(entry["page"])).replace("%3", entry["path"]))
        return _tr("Item %1").replace("%1", str(entry["item_id"]))


class AttentionView(QWidget):
    count_changed = Signal(int)

    def __init__(self, workspace: Workspace, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.workers = workers
        self._loads = workers.channel("catalog")
        self.count: int | None = None
        self.retrying = False
        self.setWindowTitle(self.tr("Needs attention"))

        self.model = AttentionModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.retry_action = QAction(self.tr("Retry"), self)
        self.retry_action.setShortcut(QKeySequence("Ctrl+R"))
        # only while the list (or its button) has focus: elsewhere Ctrl+R may mean something else
        self.retry_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retry_action.triggered.connect(self.retry_selected)
        self.addAction(self.retry_action)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Try the selected entries again (%1)")
                                     .replace("%1", self.retry_action.shortcut().toString(
                                         QKeySequence.SequenceFormat.NativeText)))
        self.retry_button.clicked.connect(self.retry_selected)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def refresh(self) -> None:
        self._loads.latest(self.workspace.attention_list, self._show, self._failed)

    def selected_entries(self) -> list[dict]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entries[row] for row in rows]

    def retry_selected(self) -> None:
        entries = self.selected_entries()
        if not entries:
            self.result_label.setText(self.tr("Select what to retry first (arrow keys, Shift for several)."))
            return
        if self.retrying:
            return
        self.retrying = True
        self.retry_button.setEnabled(False)
        self.result_label.setText(self.tr("Retrying %1 entry(s)…").replace("%1", str(len(entries))))

        def retry_each():
            return [self.workspace.retry(entry["kind"], entry["id"]) for entry in entries]

        self.workers.run("catalog", retry_each, self._retried, self._failed)

    def _retried(self, outcomes: list) -> None:
        self._retry_finished()
        lines = [(self.tr("Done: %1") if outcome.ok else self.tr("Not done: %1")).replace("%1", outcome.message)
                 for outcome in outcomes]
        self.result_label.setText("\n".join(lines))
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self._retry_finished()
        self.result_label.setText(self.tr("Could not read or change the catalog: %1; see the log")
                                  .replace("%1", str(error)))

    def _retry_finished(self) -> None:
        self.retrying = False
        self.retry_button.setEnabled(True)

    def _show(self, entries: list[dict]) -> None:
        kept = {entry_key(entry) for entry in self.selected_entries()}
        current = self.table.currentIndex().row()
        self.model.set_entries(entries)
        selection = self.table.selectionModel()
        for row, entry in enumerate(entries):
            if entry_key(entry) in kept:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        if entries and not selection.hasSelection():
            # the operator can retry at once, hands on the keyboard
            self.table.selectRow(min(max(current, 0), len(entries) - 1))
        if len(entries) != self.count:
            self.count = len(entries)
            self.count_changed.emit(self.count)


class AttentionDialog(QDialog):
    """The list beside the main window; kept (hidden) so that it keeps counting."""

    def __init__(self, workspace: Workspace, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self.view = AttentionView(workspace, workers, self)
        self.setWindowTitle(self.view.windowTitle())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 420)

    def present(self) -> None:
        """Show the list, read afresh, with the keyboard in it."""
        self.view.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.view.table.setFocus()
