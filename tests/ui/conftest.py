"""A catalog of three one-page items, ingested once per module; each test works on a copy."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from as_operator import show_active

from app.station import Reporter, ingest_once
from app.ui.main_window import MainWindow
from app.ui.workers import collect_garbage_on_gui_thread
from app.workspace import Workspace

ITEMS = 3


@pytest.fixture(autouse=True)
def _garbage_on_gui_thread(qapp):
    """As ``app.ui.app.run`` arranges it: a worker thread must never free a widget."""
    timer = collect_garbage_on_gui_thread(qapp)
    yield
    timer.stop()
    gc.unfreeze()  # what was alive when the test began (module fixtures too) may be garbage by now
    gc.collect()
    gc.enable()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    # make_strips is function-scoped, so this writes its pages the same way: bands of four
    # printed lines of cjk-rendered/seedA-003.png, at 300 dpi; one file is one item.
    root = tmp_path_factory.mktemp("ui-library")
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    scans = root / "scans"
    scans.mkdir()
    for number in range(ITEMS):
        top = 240 + number * 320
        source.crop((0, top, source.width, top + 320)).save(
            scans / f"page-{number + 1:03d}.jpg", dpi=(300, 300), quality=92)
    ws = Workspace.open(root / "data")
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, [scans], Reporter())
    ws.catalog.close()
    return root / "data"


@pytest.fixture
def workspace(library: Path, tmp_path: Path) -> Workspace:
    ws = Workspace.open(shutil.copytree(library, tmp_path / "data"))
    yield ws
    ws.catalog.close()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, workspace: Workspace, ui_settings: QSettings) -> MainWindow:
    window = show_active(qtbot, MainWindow(workspace, ui_settings, refresh_ms=200))
    # the first item awaiting description opens by itself; the bound only stops a hung test
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.id == 1, timeout=120_000)
    return window
