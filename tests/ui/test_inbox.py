"""The inbox lists the catalog's items with state and page count, kept current."""

from __future__ import annotations

from app.ui.inbox import InboxView


def test_inbox_lists_ingested_items(window):
    model = window.inbox.inbox
    assert [model.index(row, 1).data() for row in range(model.rowCount())] == ["awaiting description"] * 3
    assert model.index(0, 2).data() == 1
    assert "3 to describe or commit" in window.queue_label.text()


def test_a_refresh_keeps_the_selected_item(qtbot, window):
    window.inbox.setFocus()
    qtbot.keyClick(window.inbox, "j")
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.id == 2, timeout=120_000)
    with qtbot.waitSignal(window.inbox.inbox.modelReset):
        window.refresh()
    assert isinstance(window.inbox, InboxView) and window.inbox.current_item_id() == 2
