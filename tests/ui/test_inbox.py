"""The inbox window lists catalog items (real widgets, offscreen)."""

from __future__ import annotations

from app.station import Reporter, ingest_once
from app.ui.inbox import InboxWindow
from app.workspace import Workspace


def test_inbox_lists_ingested_items(qtbot, tmp_path, make_strips):
    ws = Workspace.open(tmp_path / "data")
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor,
                make_strips(tmp_path / "scans", 1), Reporter())
    window = InboxWindow(ws, refresh_ms=100)
    qtbot.addWidget(window)
    window.show()

    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.model.item(0, 1).text() == "awaiting description"
    assert window.model.item(0, 2).text() == "1"
