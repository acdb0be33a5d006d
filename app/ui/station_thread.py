"""The headless station, run beside the window for the profile's watched folders (the data
directory's inbox when the profile names none).

The station keeps its own thread and writes the catalog as it does on its own; the window
only hears its progress lines (as signals) and reads the catalog.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.processing import Progress
from app.station import Reporter, Station
from app.workspace import Workspace

log = logging.getLogger("lantai.ui")


class _SignalReporter(Reporter):
    def __init__(self, relay: StationThread):
        super().__init__()
        self.relay = relay

    def file(self, outcome) -> None:
        if outcome.status == "ingested":
            text = QCoreApplication.translate("Station", "Taken in: %1")
        elif outcome.status == "duplicate":
            text = QCoreApplication.translate("Station", "Already in the catalog (same content): %1")
        elif outcome.status == "rejected":
            text = QCoreApplication.translate("Station", "Not taken in: %1 (F9 says why)")
        else:
            return
        self.relay.note.emit(text.replace("%1", outcome.path.name))

    def watching(self, folders, profile: str) -> None:
        self.relay.note.emit(QCoreApplication.translate("Station", "Watching %1 (profile %2)")
                             .replace("%1", ", ".join(map(str, folders))).replace("%2", profile))

    def stopped(self) -> None:
        pass  # the window stopped it, or says why it stopped

    def progress(self, progress: Progress) -> None:
        self.relay.progress.emit(progress)

    def note(self, message: str) -> None:
        self.relay.note.emit(message)


class StationThread(QObject):
    progress = Signal(object)  # app.processing.Progress
    note = Signal(str)
    stopped = Signal(str)  # the station could not go on (a watched folder is missing…): why

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.station = Station(workspace.catalog, workspace.store, workspace.settings, workspace.profile,
                               workspace.actor, workspace.watched_folders(), _SignalReporter(self))
        self._thread = threading.Thread(target=self._run, name="lantai-station", daemon=True)

    def _run(self) -> None:
        try:
            self.station.run()
        except Exception as exc:  # the window must say so: scans would pile up unread
            log.exception("the station stopped")
            self.stopped.emit(str(exc))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.station.stop()
        self._thread.join()
