"""The list of every command and its key, where a key can be changed or reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.ui.actions import ACTIONS, ActionRegistry


class ShortcutsDialog(QDialog):
    def __init__(self, registry: ActionRegistry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(ACTIONS), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Key")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.key_edit = QKeySequenceEdit(self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.editingFinished.connect(self._apply)
        reset = QPushButton(self.tr("Reset to default"), self)
        reset.clicked.connect(self._reset)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        editing = QHBoxLayout()
        editing.addWidget(QLabel(self.tr("New key for the selected command:"), self))
        editing.addWidget(self.key_edit, 1)
        editing.addWidget(reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(editing)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self._fill()
        self.table.selectRow(0)

    def action_id(self) -> str:
        return ACTIONS[max(0, self.table.currentRow())].id

    def _fill(self) -> None:
        for row, spec in enumerate(ACTIONS):
            self.table.setItem(row, 0, QTableWidgetItem(self.registry.text(spec.id)))
            keys = self.registry.actions[spec.id].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            cell = QTableWidgetItem(keys)
            cell.setData(Qt.ItemDataRole.UserRole, spec.id)
            self.table.setItem(row, 1, cell)

    def _apply(self) -> None:
        keys = self.key_edit.keySequence()
        if keys.isEmpty():
            return
        clashes = self.registry.clashes(self.action_id(), keys)
        if clashes:
            names = ", ".join(self.registry.text(other) for other in clashes)
            self.note.setText(self.tr("%1 is already the key of: %2. Choose another key.")
                              .replace("%1", keys.toString(QKeySequence.SequenceFormat.NativeText))
                              .replace("%2", names))
            return
        self.registry.rebind(self.action_id(), keys)
        self.note.clear()
        self._refresh_row()

    def _reset(self) -> None:
        self.registry.reset(self.action_id())
        self.key_edit.clear()
        self._refresh_row()

    def _refresh_row(self) -> None:
        row = self.table.currentRow()
        self._fill()
        self.table.selectRow(row)
