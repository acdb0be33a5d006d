"""The first-run panel, shown in place of the page viewer while the catalog holds no item.

It says where to drop scans, walks through the flow with the operator's own keys, and offers
sample pages (``app.samples``) so a newcomer sees the whole flow within a minute: they are
written into the first watched folder, and the station takes them in like any scan.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.samples import write_samples
from app.ui.actions import ActionRegistry
from app.ui.workers import WorkerPool

CONTENT_WIDTH = 620


class FirstRunPanel(QWidget):
    samples_written = Signal(list)  # the sample files (Path), once all are in the folder

    def __init__(self, workers: WorkerPool, registry: ActionRegistry, folders: list[Path], parent=None):
        super().__init__(parent)
        self.workers = workers
        self.registry = registry

        title = QLabel(self.tr("Welcome to Lantai"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("&Open the folder"), self)
        self.open_button.setAutoDefault(True)  # Enter presses it, as Space does
        self.open_button.clicked.connect(self.open_folder)
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        offer = QLabel(self.tr("Or see the whole flow now with a few sample documents that Lantai makes"
                               " itself:"), self)
        offer.setWordWrap(True)
        self.load_button = QPushButton(self.tr("&Load sample pages"), self)
        self.load_button.setAutoDefault(True)
        self.load_button.setDefault(True)
        self.load_button.clicked.connect(self.load_samples)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(self.where)
        column.addWidget(self.folder_label)
        column.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addSpacing(12)
        column.addWidget(self.steps)
        column.addSpacing(12)
        column.addWidget(offer)
        column.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.status)
        content = QWidget(self)
        content.setLayout(column)
        content.setMaximumWidth(CONTENT_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.load_button)  # the newcomer's first key tries the samples
        self._describe_steps()
        self.set_folders(folders)

    def _key(self, action_id: str) -> str:
        keys = self.registry.actions[action_id].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        return f"<b>{escape(keys)}</b>"

    def _describe_steps(self) -> None:
        """The four steps, naming the keys as the operator has bound them."""
        key = self._key
        steps = [
            self.tr("Each file appears in the item list on the left while it is checked and read (OCR);"
                    " it is ready when it says <i>awaiting description</i>."),
            self.tr("%1 and %2 move between items; the page shows here, its thumbnails below.")
            .replace("%1", key("item.next")).replace("%2", key("item.previous")),
            self.tr("%1 goes to the description form. What OCR read on the first page (title, date,"
                    " document number, issuing body) is suggested under each field: %2 takes it, %3 takes"
                    " them all.")
            .replace("%1", key("focus.form")).replace("%2", key("form.accept_suggestion"))
            .replace("%3", key("form.accept_all_suggestions")),
            self.tr("%1 commits the item and opens the next one. %2 lists every key.")
            .replace("%1", key("item.commit")).replace("%2", key("help.shortcuts")),
        ]
        self.steps.setText("<ol style='margin-left: 0'>" + "".join(
            f"<li style='margin-bottom: 6px'>{step}</li>" for step in steps) + "</ol>")

    def set_folders(self, folders: list[Path]) -> None:
        """The folders the station watches (they change with the station profile)."""
        self.target = folders[0]  # where the samples go: a folder the station reads
        self.where.setText(self.tr("Nothing has been scanned yet. Let the scanner save its files into this"
                                   " folder; Lantai takes each file in as soon as it is complete:")
                           if len(folders) == 1 else
                           self.tr("Nothing has been scanned yet. Let the scanner save its files into one of"
                                   " these folders; Lantai takes each file in as soon as it is complete:"))
        self.folder_label.setText("<br>".join(f"<code>{escape(str(folder))}</code>" for folder in folders))

    def showEvent(self, event) -> None:
        self._describe_steps()  # a key may have been rebound since
        super().showEvent(event)

    def open_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.target))):
            self.status.setText(self.tr("Could not open %1 here; open it in your file manager.")
                                .replace("%1", str(self.target)))

    def load_samples(self) -> None:
        self.load_button.setEnabled(False)
        self.status.setText(self.tr("Writing the sample pages into %1…").replace("%1", str(self.target)))
        target = self.target
        self.workers.run("catalog", lambda: write_samples(target), self._written, self._failed)

    def _written(self, paths: list[Path]) -> None:
        self.status.setText(self.tr("%1 sample files are in %2. They appear in the item list as the"
                                    " station reads them, a few seconds a page.")
                            .replace("%1", str(len(paths))).replace("%2", str(self.target)))
        self.samples_written.emit(paths)

    def _failed(self, error: Exception) -> None:
        self.load_button.setEnabled(True)
        self.status.setText(self.tr("No sample pages: %1").replace("%1", str(error)))
