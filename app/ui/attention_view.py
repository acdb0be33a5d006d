"""Needs attention: rejected files, failed pages and stuck items, each with why, and Retry.

The list is read from the catalog on the catalog pool, like the inbox; Retry (the button or
Ctrl+R) runs on that pool too, says what became of each entry under the list, and reloads it.
``count_changed`` lets the window show how many entries wait. ``AttentionDialog`` holds the
list in a window of its own, where its Ctrl+R is not the main window's (turn pages).
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.entry_table import EntryModel, EntryTable
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


def local_time(when: str | None) -> str:
    """A catalog time (UTC, ISO 8601) as the station's clock shows it."""
    if not when:
        return ""
    moment = datetime.fromisoformat(when).replace(tzinfo=timezone.utc).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def entry_key(entry: dict) -> tuple[str, int]:
    return entry["kind"], entry["id"]


class AttentionModel(EntryModel):
    def __init__(self, parent=None):
        super().__init__("AttentionView", COLUMNS, parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = QCoreApplication.translate("AttentionView", KIND_TEXT[entry["kind"]])
            return (kind, self.what(entry), self.reason(entry), local_time(entry["when"]))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            remedy = QCoreApplication.translate("AttentionView", REMEDY_TEXT[entry["kind"]])
            return f"{entry['reason']}\n\n{remedy}"
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
            return (QCoreApplication.translate("AttentionView", "Item %1, page %2 (%3)")
                    .replace("%1", str(entry["item_id"]))
                    .replace("%2", str(entry["page"])).replace("%3", entry["path"]))
        return QCoreApplication.translate("AttentionView", "Item %1").replace("%1", str(entry["item_id"]))


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
        self.table = EntryTable(self.model, COLUMNS.index("Reason"), self)

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
        self._loads.latest(self.workspace.attention_list, self._show, self._load_failed)

    def retry_selected(self) -> None:
        entries = self.table.selected_entries()
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
        self._load_failed(error)

    def _load_failed(self, error: Exception) -> None:
        self.result_label.setText(self.tr("Could not read or change the catalog: %1; see the log")
                                  .replace("%1", str(error)))

    def _retry_finished(self) -> None:
        self.retrying = False
        self.retry_button.setEnabled(True)

    def _show(self, entries: list[dict]) -> None:
        self.table.show_entries(entries, entry_key)  # the operator can retry at once, hands on the keyboard
        if len(entries) != self.count:
            self.count = len(entries)
            self.count_changed.emit(self.count)


class AttentionDialog(QDialog):
    """The list beside the main window; kept (hidden) so that it keeps counting."""

    def __init__(self, workspace: Workspace, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self.view = AttentionView(workspace, workers, self)
        self.setWindowTitle(self.view.windowTitle())
        # Retry sits with Close in one row of buttons
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.view.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
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
