"""The first-run panel on a fresh data directory: where to drop scans, and the sample pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from as_operator import show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.ui.actions import ACTIONS, ActionRegistry
from app.ui.first_run import FirstRunPanel
from app.ui.main_window import MainWindow
from app.ui.station_thread import StationThread
from app.ui.workers import WorkerPool
from app.workspace import Workspace

SAMPLE_FILES = {"lantai-sample-1.pdf", "lantai-sample-2.jpg", "lantai-sample-3.jpg"}


@pytest.fixture
def fresh(tmp_path: Path) -> Workspace:
    """A data directory as a first start leaves it: default settings, empty catalog."""
    ws = Workspace.open(tmp_path / "data")
    yield ws
    ws.catalog.close()


@pytest.fixture
def panel(qtbot, fresh: Workspace, ui_settings) -> FirstRunPanel:
    host = QWidget()
    workers = WorkerPool({"catalog": 1}, host)
    # the panel only names keys: every scoped action may as well live on the host
    registry = ActionRegistry(host, ui_settings, {spec.scope: host for spec in ACTIONS if spec.scope != "window"})
    panel = FirstRunPanel(workers, registry, fresh.watched_folders(), host)
    QVBoxLayout(host).addWidget(panel)
    show_active(qtbot, host)
    panel.setFocus()
    yield panel
    workers.shutdown()


def test_a_fresh_install_watches_its_inbox(fresh: Workspace) -> None:
    assert fresh.layout.inbox.is_dir()
    assert fresh.watched_folders() == [fresh.layout.inbox]
    assert StationThread(fresh).station.folders == [fresh.layout.inbox]


def test_enter_writes_the_sample_pages_into_the_inbox(qtbot, panel: FirstRunPanel, fresh: Workspace) -> None:
    inbox = fresh.layout.inbox
    assert str(inbox) in panel.folder_label.text()
    assert QApplication.focusWidget() is panel.load_button  # the first key a newcomer presses
    with qtbot.waitSignal(panel.samples_written, timeout=120_000) as written:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert {path.name for path in inbox.iterdir()} == SAMPLE_FILES  # whole files only, no .part left
    assert sorted(written.args[0]) == sorted(inbox.iterdir())
    assert "3" in panel.status.text() and str(inbox) in panel.status.text()
    assert not panel.load_button.isEnabled()  # loaded once: a second load would only make duplicates


def test_the_steps_name_the_keys_as_bound(panel: FirstRunPanel) -> None:
    assert "Ctrl+Return" in panel.steps.text() and "F2" in panel.steps.text()
    panel.registry.rebind("item.commit", QKeySequence("Ctrl+S"))
    panel.hide()
    panel.show()
    assert "Ctrl+S" in panel.steps.text() and "Ctrl+Return" not in panel.steps.text()


@pytest.mark.slow
def test_a_newcomer_loads_the_samples_with_enter_and_the_first_item_opens(qtbot, fresh: Workspace, ui_settings) -> None:
    window = show_active(qtbot, MainWindow(fresh, ui_settings, refresh_ms=200, run_station=True))
    # the bounds below only stop a hung test
    qtbot.waitUntil(lambda: window.viewer.currentWidget() is window.first_run, timeout=120_000)
    assert window.first_run.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is window.first_run
    assert not window.thumbnails.isVisible()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.viewer.currentWidget() is window.page_view, timeout=300_000)

    def ready() -> list[dict]:
        return [item for item in fresh.items(with_text=False) if item["state"] == "awaiting_description"]

    qtbot.waitUntil(lambda: len(ready()) == 3 and window.detail is not None, timeout=300_000)
    assert sorted(item["page_count"] for item in ready()) == [1, 1, 2]  # the notice with its annex
    assert window.thumbnails.isVisible() and window.detail.suggestions  # the first item opened, read
    window.close()
