"""The status bar's view of the station's work: a progress bar per batch, and the OCR queue.

It only shows rows it is handed: the window reads ``Workspace.batch_progress()`` on its
catalog pool and passes the result to ``show_progress`` on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.ui.attention_view import local_time

BAR_WIDTH = 240


class BatchProgress(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: dict[int, QProgressBar] = {}
        self.queue_label = QLabel(self)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.queue_label)
        self.show_progress([])

    def show_progress(self, rows: list[dict]) -> None:
        """One bar per batch in ``rows`` (``Workspace.batch_progress()``), oldest first."""
        for batch_id in set(self.bars) - {row["batch_id"] for row in rows}:
            bar = self.bars.pop(batch_id)
            self._layout.removeWidget(bar)
            bar.deleteLater()
        for row in rows:
            bar = self.bars.get(row["batch_id"]) or self._new_bar(row["batch_id"])
            self._show_row(bar, row)
        pending = sum(row["pages_pending"] for row in rows)
        self.queue_label.setText(self.tr("OCR queue: %1 page(s)").replace("%1", str(pending)))

    def _new_bar(self, batch_id: int) -> QProgressBar:
        bar = QProgressBar(self)
        bar.setFixedWidth(BAR_WIDTH)
        bar.setTextVisible(True)
        self.bars[batch_id] = bar
        # batches come oldest first, so a new one goes last, before the queue count
        self._layout.insertWidget(self._layout.indexOf(self.queue_label), bar)
        return bar

    def _show_row(self, bar: QProgressBar, row: dict) -> None:
        total, done, failed = row["pages_total"], row["pages_done"], row["pages_failed"]
        bar.setRange(0, max(total, 1))  # 0..0 would make Qt show a "busy" bar
        bar.setValue(done + failed)  # a failed page is finished with, for the station
        text = (self.tr("Batch %1: %2/%3 pages read").replace("%1", str(row["batch_id"]))
                .replace("%2", str(done)).replace("%3", str(total)))
        if failed:
            text += self.tr(", %1 failed").replace("%1", str(failed))
        bar.setFormat(text)
        bar.setToolTip(
            self.tr("Batch %1, started %2: %3 item(s) in processing, %4 to describe or commit,"
                    " %5 committed, %6 need attention")
            .replace("%1", str(row["batch_id"])).replace("%2", local_time(row["started"]))
            .replace("%3", str(row["items_processing"])).replace("%4", str(row["items_awaiting"]))
            .replace("%5", str(row["items_committed"])).replace("%6", str(row["items_attention"])))
