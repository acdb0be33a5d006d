"""Starting the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.ui.inbox import InboxWindow
from app.workspace import Workspace


def run(workspace: Workspace) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Lantai")
    window = InboxWindow(workspace)
    window.show()
    return app.exec()
