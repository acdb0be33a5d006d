"""The inbox: every item with its state, refreshed from the catalog while the station works.

Catalog reads run on a worker thread (``QThreadPool``) and come back through a signal, so a
busy database never stalls the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView

from app.workspace import Workspace

COLUMNS = ("ID", "State", "Pages", "Archival code 档号", "Title 题名")


class _ItemsLoaded(QObject):
    loaded = Signal(list)


class _LoadItems(QRunnable):
    def __init__(self, workspace: Workspace, signal: _ItemsLoaded):
        super().__init__()
        self.workspace = workspace
        self.signal = signal

    def run(self) -> None:
        self.signal.loaded.emit(self.workspace.items(with_text=False))


class InboxWindow(QMainWindow):
    def __init__(self, workspace: Workspace, refresh_ms: int = 2000):
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(self.tr("Lantai 兰台 — %s") % workspace.layout.root)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.setCentralWidget(self.table)
        self.resize(960, 600)
        self._loaded = _ItemsLoaded(self)
        self._loaded.loaded.connect(self.show_items)
        self._timer = QTimer(self, interval=refresh_ms, timeout=self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        QThreadPool.globalInstance().start(_LoadItems(self.workspace, self._loaded))

    def show_items(self, items: list[dict]) -> None:
        self.model.setRowCount(0)
        for item in items:
            row = [item["id"], item["state"].replace("_", " "), item["page_count"],
                   item["archival_code"] or "", item["title"] or ""]
            cells = [QStandardItem(str(value)) for value in row]
            for cell in cells:
                cell.setEditable(False)
            cells[0].setData(item["id"], Qt.ItemDataRole.UserRole)
            self.model.appendRow(cells)
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(self.tr("%n item(s)", "", len(items)))
