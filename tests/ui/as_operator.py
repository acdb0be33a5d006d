"""What the UI tests do as an operator would: bring a window up to type in, and type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

GIVE_UP_MS = 120_000  # only stops a hung test


def show_active(qtbot, window: QWidget) -> QWidget:
    """``window`` shown and active, as the operator's window is: shortcuts need an active window."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=GIVE_UP_MS)
    return window


def type_and_tab(qtbot, window: QWidget, text: str) -> None:
    """Types into whatever has focus, then Tab. Chinese arrives as an input method commits it
    (QTest can only press keys of ASCII characters)."""
    widget = window.focusWidget()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
