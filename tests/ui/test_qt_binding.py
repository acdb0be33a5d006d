"""The Qt binding itself: a window makes millions of Qt calls in a shift."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    # PySide6 6.12.0 lost a reference to None on each such call; at zero, Python aborts.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(300):
        label.setText(str(number))
    assert sys.getrefcount(None) >= before - 10
