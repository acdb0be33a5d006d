"""The bin in the window, by keyboard: a page binned (in this session or before it) is listed,
Enter puts it back in its item, and Ctrl+Z in the window bins it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.catalog.models import Page
from app.catalog.page_ops import DeletePages, RestorePages
from app.ui.bin_dialog import BinDialog

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _wait(qtbot, condition) -> None:
    """Until ``condition`` holds; the generous bound only stops a hung test, it times nothing."""
    qtbot.waitUntil(condition, timeout=120_000)


def _pages(workspace, item_id: int) -> list[int]:
    with workspace.catalog.session() as session:
        return list(session.scalars(select(Page.id).where(Page.item_id == item_id).order_by(Page.position)))


def _bin_item_2(qtbot, window, workspace) -> int:
    """Bin item 2's only page through the core, as an earlier session would have; the inbox
    then hides the item (empty)."""
    [page_id] = _pages(workspace, 2)
    workspace.apply_page_op(lambda s: DeletePages([page_id]))
    _wait(qtbot, lambda: window.inbox.inbox.row_of(2) < 0)
    return page_id


def _open_bin(qtbot, window) -> BinDialog:
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_B, CTRL | SHIFT)
    dialog = window.findChild(BinDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_enter_restores_a_binned_page_and_ctrl_z_bins_it_again(qtbot, window, workspace):
    page_id = _bin_item_2(qtbot, window, workspace)

    dialog = _open_bin(qtbot, window)
    _wait(qtbot, lambda: dialog.model.rowCount() == 1 and dialog.table.selectionModel().hasSelection())
    _wait(qtbot, lambda: QApplication.focusWidget() is dialog.table)  # the keyboard is in the list
    assert [entry["page_id"] for entry in dialog.table.selected_entries()] == [page_id]
    assert dialog.model.item(dialog.model.entries[0]).startswith("Item 2 (empty)")
    assert dialog.model.restorable(dialog.model.entries[0]) == "Yes"
    _wait(qtbot, lambda: page_id in dialog.model.images)  # its thumbnail, from the image pool

    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _wait(qtbot, lambda: _pages(workspace, 2) == [page_id])  # back in its item, as page 1
    _wait(qtbot, lambda: dialog.model.rowCount() == 0 and not dialog.page_ops.busy)
    assert dialog.result_label.text() == "Restored 1 page(s) to their items."
    _wait(qtbot, lambda: window.inbox.inbox.row_of(2) >= 0)  # listed again

    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.activateWindow()  # as the window manager does when a dialog closes
    _wait(qtbot, window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, CTRL)  # the restore is undone like any page operation
    _wait(qtbot, lambda: _pages(workspace, 2) == [])

    assert _open_bin(qtbot, window) is dialog  # the same dialog, read afresh
    _wait(qtbot, lambda: [entry["page_id"] for entry in dialog.model.entries] == [page_id])


def test_a_page_restored_elsewhere_meanwhile_is_refused_in_the_dialog(qtbot, window, workspace):
    page_id = _bin_item_2(qtbot, window, workspace)
    dialog = _open_bin(qtbot, window)
    _wait(qtbot, lambda: dialog.model.rowCount() == 1 and dialog.table.selectionModel().hasSelection())
    workspace.apply_page_op(lambda s: RestorePages([page_id]))  # by another window, or the command line

    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _wait(qtbot, lambda: dialog.result_label.text() == f"Not restored: page {page_id} is not in the bin")
    _wait(qtbot, lambda: dialog.model.rowCount() == 0)  # read again
    assert dialog.restore_button.isEnabled() and _pages(workspace, 2) == [page_id]
