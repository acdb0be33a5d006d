"""Starting the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.workers import collect_garbage_on_gui_thread
from app.workspace import Workspace


def run(workspace: Workspace) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("Lantai")
    app.setApplicationName("Lantai")
    collect_garbage_on_gui_thread(app)
    window = MainWindow(workspace, run_station=True)
    window.show()
    return app.exec()
