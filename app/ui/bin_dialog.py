"""The bin: pages deleted from items, each with where it came from, and Restore.

The undo stack forgets with the session; this list is read from the catalog
(``Workspace.binned_pages``), so pages binned before a restart can still come back. Restore
goes through the window's ``PageOperations`` like any page operation, so it is undone with
Ctrl+Z; the list reloads whenever a page operation is done, here or in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.catalog.details import PageImage
from app.catalog.page_ops import RestorePages
from app.ui.attention_view import local_time
from app.ui.description_form import state_text
from app.ui.entry_table import EntryModel, EntryTable
from app.ui.page_commands import PageOperations
from app.ui.page_images import load_page
from app.ui.workers import WorkerPool
from app.workspace import Workspace

COLUMNS = (QT_TRANSLATE_NOOP("BinDialog", "Page"), QT_TRANSLATE_NOOP("BinDialog", "From item"),
           QT_TRANSLATE_NOOP("BinDialog", "Source file"), QT_TRANSLATE_NOOP("BinDialog", "Binned"),
           QT_TRANSLATE_NOOP("BinDialog", "Can be restored"))
THUMB_SIDE = 72
# Why a page cannot go back, by the state of its item (app.catalog.page_ops.editable_item says the same).
BLOCKED_TEXT = {"committed": QT_TRANSLATE_NOOP("BinDialog", "item %1 is committed, and committed items are frozen"),
                "collecting": QT_TRANSLATE_NOOP("BinDialog", "item %1 is still receiving pages from the scanner;"
                                                             " restore the page once the item has closed")}
FADED = QColor("#757575")  # what cannot be restored, as the inbox fades committed items


class BinModel(EntryModel):
    def __init__(self, parent=None):
        super().__init__("BinDialog", COLUMNS, parent)
        self.images: dict[int, QPixmap] = {}  # by page id; kept across reloads

    def set_image(self, page_id: int, image: QPixmap) -> None:
        self.images[page_id] = image
        row = next((row for row, entry in enumerate(self.entries) if entry["page_id"] == page_id), None)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0), [Qt.ItemDataRole.DecorationRole])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.page(entry), self.item(entry), self.source(entry), self.binned(entry),
                    self.restorable(entry))[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self.images.get(entry["page_id"])
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry["source_path"] if index.column() == 2 else self.why_not(entry)
        if role == Qt.ItemDataRole.ForegroundRole and not entry["restorable"]:
            return QBrush(FADED)
        return None

    @staticmethod
    def page(entry: dict) -> str:
        if not entry["position"]:
            return ""
        return QCoreApplication.translate("BinDialog", "Page %1").replace("%1", str(entry["position"]))

    @staticmethod
    def item(entry: dict) -> str:
        if entry["item_id"] is None:
            return ""
        heading = QCoreApplication.translate("BinDialog", "Item %1 (%2)")
        heading = heading.replace("%1", str(entry["item_id"])).replace("%2", state_text(entry["item_state"]))
        described = " · ".join(text for text in (entry["archival_code"], entry["title"]) if text)
        return f"{heading}\n{described}" if described else heading

    @staticmethod
    def source(entry: dict) -> str:
        if entry["source_page"] == 1:
            return entry["source_file"]
        text = QCoreApplication.translate("BinDialog", "%1, page %2")
        return text.replace("%1", entry["source_file"]).replace("%2", str(entry["source_page"]))

    @staticmethod
    def binned(entry: dict) -> str:
        if entry["binned_at"] is None:
            return ""
        text = QCoreApplication.translate("BinDialog", "%1 by %2 at %3")
        return (text.replace("%1", local_time(entry["binned_at"])).replace("%2", entry["binned_by"])
                .replace("%3", entry["station"]))

    @staticmethod
    def restorable(entry: dict) -> str:
        if entry["restorable"]:
            return QCoreApplication.translate("BinDialog", "Yes")
        if entry["item_state"] is None:
            return QCoreApplication.translate("BinDialog", "No: where it was is not recorded")
        return QCoreApplication.translate("BinDialog", "No: the item is %1").replace(
            "%1", state_text(entry["item_state"]))

    @staticmethod
    def why_not(entry: dict) -> str | None:
        """The whole reason a page cannot be restored, None if it can."""
        if entry["restorable"]:
            return None
        blocked = BLOCKED_TEXT.get(entry["item_state"])
        if not blocked:
            return entry["reason"]
        return QCoreApplication.translate("BinDialog", blocked).replace("%1", str(entry["item_id"]))


class BinDialog(QDialog):
    """The bin beside the main window; kept (hidden) between showings, like the attention list."""

    def __init__(self, workspace: Workspace, workers: WorkerPool, page_ops: PageOperations,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.page_ops = workspace, page_ops
        self._loads = workers.channel("catalog")
        self._images = workers.channel("images")
        self.restoring: list[int] = []  # page ids sent to be restored, until the answer comes
        self.setWindowTitle(self.tr("The bin"))

        note = QLabel(self.tr("Pages deleted from items. Restore puts each back in its item, at the page"
                              " number it had; Undo in the main window takes it out again."), self)
        note.setWordWrap(True)
        self.model = BinModel(self)
        self.table = EntryTable(self.model, COLUMNS.index("From item"), self)
        self.table.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIDE + 8)
        self.table.doubleClicked.connect(self.restore_selected)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setToolTip(self.tr("Put the selected pages back in their items (Enter)"))
        # the default button: Enter in the list (which passes Enter on) restores
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.resize(1100, 480)

        page_ops.changed.connect(self._pages_changed)
        page_ops.refused.connect(self._refused)

    def present(self) -> None:
        """Show the bin, read afresh, with the keyboard in the list."""
        self.result_label.clear()
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    def refresh(self) -> None:
        self._loads.latest(self.workspace.binned_pages, self._show, self._failed)

    def restore_selected(self) -> None:
        entries = self.table.selected_entries()
        if not entries:
            self.result_label.setText(self.tr("Select the pages to restore first (arrow keys, Shift for several)."))
            return
        if self.restoring:
            return
        blocked = [entry for entry in entries if not entry["restorable"]]
        if blocked:
            self.result_label.setText(self.tr("Not restored: %1").replace("%1", self.model.why_not(blocked[0])))
            return
        ids = [entry["page_id"] for entry in entries]
        self.restoring = ids
        self.restore_button.setEnabled(False)
        self.result_label.setText(self.tr("Restoring %n page(s)…", "", len(ids)))
        self.page_ops.do(lambda s: RestorePages(ids), self.tr("Restore pages from the bin"))

    def _pages_changed(self, operation) -> None:
        if isinstance(operation, RestorePages) and operation.page_ids == self.restoring:
            self._restore_finished(self.tr("Restored %n page(s) to their items.", "", len(self.restoring)))
        if self.isVisible():
            self.refresh()

    def _refused(self, reason: str) -> None:
        if self.restoring:  # the window's own refusals show in its status bar
            self._restore_finished(self.tr("Not restored: %1").replace("%1", reason))
            self.refresh()  # the list was out of date (restored or committed elsewhere since)

    def _restore_finished(self, text: str) -> None:
        self.restoring = []
        self.restore_button.setEnabled(True)
        self.result_label.setText(text)

    def _failed(self, error: Exception) -> None:
        self.result_label.setText(self.tr("Could not read the bin from the catalog: %1; see the log")
                                  .replace("%1", str(error)))

    def _show(self, entries: list[dict]) -> None:
        # the next page is ready for Enter, hands on the keyboard (Ctrl+Shift+B perhaps still down)
        self.table.show_entries(entries, lambda entry: entry["page_id"])
        if not entries and not self.result_label.text():
            self.result_label.setText(self.tr("The bin is empty."))
        for entry in entries:
            if entry["page_id"] not in self.model.images:
                self._load_image(entry)

    def _load_image(self, entry: dict) -> None:
        page = PageImage(entry["page_id"], entry["position"] or 0, "binned", self.workspace.store.path(entry["image"]),
                         entry["frame"], entry["rotation"], "ok", ())
        self._images.run(lambda: load_page(page, THUMB_SIDE),
                         lambda image: self.model.set_image(page.page_id, QPixmap.fromImage(image)))
