"""The inbox lists the catalog's items with state and page count, kept current."""

from __future__ import annotations

from app.ui.inbox import InboxView


def test_inbox_lists_ingested_items(window):
    model = window.inbox.inbox
    assert [model.index(row, 1).data() for row in range(model.rowCount())] == ["awaiting description"] * 3
    assert model.index(0, 2).data() == 1
    assert "3 to describe or commit" in window.queue_label.text()


def test_a_refresh_keeps_the_selected_item_and_an_unchanged_one_costs_nothing(qtbot, window, workspace):
    window.inbox.setFocus()
    qtbot.keyClick(window.inbox, "j")
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.id == 2, timeout=120_000)
    model = window.inbox.inbox
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.dataChanged, wait=500):
        window.refresh()  # nothing changed in the catalog

    workspace.describe(1, {"fonds_code": "Z109", "year": "2023", "retention": "Y", "item_no": "7",
                           "title": "扬州市档案馆2023年工作总结", "responsible": "扬州市档案馆", "date": "20230512"})
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged, timeout=120_000):
        window.refresh()
    assert model.index(0, 4).data() == "扬州市档案馆2023年工作总结"
    assert isinstance(window.inbox, InboxView) and window.inbox.current_item_id() == 2
