"""The operator's flow, by keyboard only, on real widgets and a real catalog."""

from __future__ import annotations

from as_operator import type_and_tab
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.ui.actions import ACTIONS
from app.ui.shortcuts_dialog import ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _wait(qtbot, condition) -> None:
    """Until ``condition`` holds; the generous bound only stops a hung test, it times nothing."""
    qtbot.waitUntil(condition, timeout=120_000)


def _showing(window) -> int | None:
    """The item whose pages and description are on screen."""
    return window.detail.id if window.detail else None


def test_describe_and_commit_by_keyboard_then_the_next_item_opens(qtbot, window, workspace):
    qtbot.keyClick(window.inbox, Qt.Key.Key_Down, CTRL)  # the window opened on item 1
    _wait(qtbot, lambda: _showing(window) == 2)
    qtbot.keyClick(window.inbox, "k")
    _wait(qtbot, lambda: _showing(window) == 1)
    form = window.form
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.focusWidget() is form.editors["fonds_code"]

    type_and_tab(qtbot, window, "z109")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # category keeps its default, WS 文书
    type_and_tab(qtbot, window, "2023")
    type_and_tab(qtbot, window, "Y")
    type_and_tab(qtbot, window, "BGS")
    _wait(qtbot, lambda: form.editors["item_no"].text() == "0001")
    assert form.code_label.text() == "Z109-WS·2023-Y-BGS-0001"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # past the proposed 件号
    type_and_tab(qtbot, window, "扬州市档案馆关于2023年档案工作情况的报告")
    type_and_tab(qtbot, window, "扬州市档案馆")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # no 文号
    assert window.focusWidget() is form.editors["date"]
    qtbot.keyClicks(form.editors["date"], "20230230")
    assert form.messages["date"].isVisibleTo(form)
    assert "not a real calendar date" in form.messages["date"].text()
    form.editors["date"].clear()
    qtbot.keyClicks(form.editors["date"], "2023-5-12")
    assert not form.messages["date"].isVisibleTo(form)

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return, CTRL)
    _wait(qtbot, lambda: workspace.items(state="committed", with_text=False) != [])
    committed = workspace.items(state="committed", with_text=False)
    assert [(i["id"], i["archival_code"]) for i in committed] == [(1, "Z109-WS·2023-Y-BGS-0001")]
    _wait(qtbot, lambda: _showing(window) == 2)
    assert window.inbox.current_item_id() == 2
    # the batch's fonds, year, retention and org are carried over, and the next 件号 proposed
    assert form.editors["fonds_code"].text() == "Z109" and form.editors["org_code"].text() == "BGS"
    _wait(qtbot, lambda: form.editors["item_no"].text() == "0002")
    assert window.focusWidget() is form.editors["title"]


def test_a_duplicate_archival_code_is_shown_before_commit(qtbot, window, workspace):
    workspace.describe(1, {"fonds_code": "Z109", "year": "2023", "retention": "Y", "item_no": "7",
                           "title": "Report", "responsible": "Archives", "date": "20230512"})
    qtbot.keyClick(window.inbox, "j")
    _wait(qtbot, lambda: _showing(window) == 2)
    for name, text in {"fonds_code": "Z109", "year": "2023", "retention": "Y"}.items():
        qtbot.keyClicks(window.form.editors[name], text)
    item_no = window.form.editors["item_no"]
    _wait(qtbot, lambda: item_no.text() == "0008")  # proposed: one past item 1's
    qtbot.keyClick(item_no, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(item_no, "7")
    assert window.form.code_label.text() == "Z109-WS·2023-Y-0007"
    _wait(qtbot, lambda: "already used by item 1" in window.form.code_message.text())


def test_the_page_is_shown_and_fits_the_width(qtbot, window):
    view = window.page_view
    _wait(qtbot, lambda: not view.pixmap_item.pixmap().isNull())
    assert window.thumbnails.model_.rowCount() == 1
    _wait(qtbot, lambda: not window.thumbnails.model_.item(0).icon().isNull())
    fitted = view.mapFromScene(view.pixmap_item.boundingRect()).boundingRect().width()
    assert abs(fitted - view.viewport().width()) <= 4

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.zoom() > view.viewport().width() / view.pixmap_item.pixmap().width()
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert abs(view.mapFromScene(view.pixmap_item.boundingRect()).boundingRect().width()
               - view.viewport().width()) <= 4


def test_every_shortcut_is_unique_and_listed(qtbot, window):
    registry = window.registry
    for spec in ACTIONS:
        assert registry.clashes(spec.id, registry.actions[spec.id].shortcut()) == [], spec.id
    dialog = ShortcutsDialog(registry, window)
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())}
    assert listed == {registry.text(spec.id) for spec in ACTIONS}
    assert dialog.table.item(0, 1).text() != ""


def test_a_rebound_shortcut_works_and_is_remembered(qtbot, window, ui_settings):
    dialog = ShortcutsDialog(window.registry, window)
    qtbot.addWidget(dialog)
    row = [spec.id for spec in ACTIONS].index("focus.form")
    dialog.table.selectRow(row)
    dialog.key_edit.setKeySequence(QKeySequence("F6"))
    dialog.key_edit.editingFinished.emit()
    assert dialog.table.item(row, 1).text() == "F6"

    window.inbox.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.focusWidget() is window.inbox  # F2 is free now
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.focusWidget() in window.form.editors.values()
    assert ui_settings.value("shortcuts/focus.form") == "F6"


def test_a_taken_key_is_refused(qtbot, window):
    dialog = ShortcutsDialog(window.registry, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([spec.id for spec in ACTIONS].index("focus.form"))
    dialog.key_edit.setKeySequence(QKeySequence("Ctrl+Return"))
    dialog.key_edit.editingFinished.emit()
    assert "Commit the item" in dialog.note.text()
    assert window.registry.actions["focus.form"].shortcut() == QKeySequence("F2")
