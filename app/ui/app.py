"""Starting the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.ui.i18n import install_translators
from app.ui.main_window import MainWindow
from app.ui.workers import collect_garbage_on_gui_thread
from app.workspace import Workspace


def run(workspace: Workspace) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("Lantai")
    app.setApplicationName("Lantai")
    collect_garbage_on_gui_thread(app)
    install_translators(app, QSettings())  # before any widget, whose texts are set when it is made
    window = MainWindow(workspace, run_station=True)
    window.show()
    return app.exec()
