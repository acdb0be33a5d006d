"""Page operations in the window, by keyboard: each reaches the catalog, and undo takes it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from app.catalog.models import Item, Page
from app.station import Reporter, ingest_once
from app.workspace import Workspace

ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """Item 1 of four pages, item 2 of two, item 3 of one: strips of a printed page, one folder each."""
    from PIL import Image

    root = tmp_path_factory.mktemp("page-ops-ui")
    data = root / "data"
    data.mkdir()
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\n', encoding="utf-8")
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    for folder, first, count in (("doc-1", 0, 4), ("doc-2", 4, 2), ("doc-3", 6, 1)):
        (root / "scans" / folder).mkdir(parents=True)
        for number in range(first, first + count):
            top = 240 + (number % 5) * 320 + (number // 5) * 11
            source.crop((0, top, source.width, top + 320)).save(
                root / "scans" / folder / f"page-{number - first + 1:03d}.jpg", dpi=(300, 300), quality=92)
    ws = Workspace.open(data)
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, [root / "scans"], Reporter())
    ws.catalog.close()
    return data


def _wait(qtbot, condition) -> None:
    """Until ``condition`` holds; the generous bound only stops a hung test, it times nothing."""
    qtbot.waitUntil(condition, timeout=120_000)


def _pages(workspace: Workspace, item_id: int) -> list[int]:
    with workspace.catalog.session() as session:
        return list(session.scalars(select(Page.id).where(Page.item_id == item_id).order_by(Page.position)))


def _turn(workspace: Workspace, page_id: int) -> int:
    with workspace.catalog.session() as session:
        return session.get(Page, page_id).ocr.rotation


def _state(workspace: Workspace, item_id: int) -> str:
    with workspace.catalog.session() as session:
        return session.get(Item, item_id).state


def _settled(window) -> bool:
    """No page operation queued or running, and the window shows the catalog's pages."""
    return (not window.page_ops.busy and window.detail is not None
            and [p.page_id for p in window.detail.pages] == _pages(window.workspace, window.detail.id))


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.focusWidget(), key, modifier)


def test_reorder_turn_bin_undo_and_redo_by_keys(qtbot, window, workspace):
    a, b, c, d = _pages(workspace, 1)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.focusWidget() is window.thumbnails
    _key(qtbot, window, Qt.Key.Key_Right)  # page 2
    _key(qtbot, window, Qt.Key.Key_Right, ALT)
    _wait(qtbot, lambda: _pages(workspace, 1) == [a, c, b, d])
    _wait(qtbot, lambda: _settled(window))
    assert window.thumbnails.current_page_id() == b  # the selection moved with the page

    _key(qtbot, window, Qt.Key.Key_R, CTRL)
    _wait(qtbot, lambda: _turn(workspace, b) == 90)
    _wait(qtbot, lambda: _settled(window) and window.detail.pages[2].rotation == 90)
    assert window.page_view.page.page_id == b and window.page_view.page.rotation == 90

    _key(qtbot, window, Qt.Key.Key_Right)  # page 4
    _key(qtbot, window, Qt.Key.Key_Delete)
    _wait(qtbot, lambda: _pages(workspace, 1) == [a, c, b])
    _wait(qtbot, lambda: _settled(window))
    assert window.thumbnails.model_.rowCount() == 3
    undo = window.registry.actions["edit.undo"]
    assert undo.text().endswith(": Move pages to the bin")

    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # pressed at once: they queue and run in order
    _wait(qtbot, lambda: _pages(workspace, 1) == [a, c, b, d] and _turn(workspace, b) == 0)
    _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    _wait(qtbot, lambda: _turn(workspace, b) == 90)
    _wait(qtbot, lambda: _settled(window))
    assert window.page_ops.stack.index() == 2 and window.page_ops.stack.count() == 3
    assert _state(workspace, 1) == "processing"  # its PDF is built again by the station


def test_several_pages_selected_by_shift_move_and_turn_together(qtbot, window, workspace):
    a, b, c, d = _pages(workspace, 1)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    _key(qtbot, window, Qt.Key.Key_Right)
    _key(qtbot, window, Qt.Key.Key_Right, SHIFT)  # pages 2 and 3
    assert window.thumbnails.selected_page_ids() == [b, c]
    _key(qtbot, window, Qt.Key.Key_Left, ALT)
    _wait(qtbot, lambda: _pages(workspace, 1) == [b, c, a, d])
    _wait(qtbot, lambda: _settled(window))
    assert window.thumbnails.selected_page_ids() == [b, c]
    _key(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    _wait(qtbot, lambda: (_turn(workspace, b), _turn(workspace, c), _turn(workspace, a)) == (270, 270, 0))


def test_a_dragged_page_lands_where_it_is_dropped(qtbot, window, workspace):
    a, b, c, d = _pages(workspace, 1)
    strip = window.thumbnails
    strip.select(3)  # page 4
    onto = strip.visualRect(strip.model_.index(0, 0)).center() - QPoint(5, 0)  # left half of page 1
    mime = strip.model_.mimeData([strip.model_.index(3, 0)])
    drop = QDropEvent(onto.toPointF(), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    drop.setDropAction(Qt.DropAction.MoveAction)
    _drop_from_the_strip(strip, drop)
    _wait(qtbot, lambda: _pages(workspace, 1) == [d, a, b, c])


def _drop_from_the_strip(strip, drop: QDropEvent) -> None:
    """A drop whose source is the strip itself, as a drag within it delivers."""
    drop.source = lambda: strip
    strip.dropEvent(drop)


def test_split_merge_and_moving_pages_between_items(qtbot, window, workspace):
    a, b, c, d = _pages(workspace, 1)
    e, f = _pages(workspace, 2)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    _key(qtbot, window, Qt.Key.Key_End)  # page 4
    _key(qtbot, window, Qt.Key.Key_Down, ALT)  # to the start of the next item
    _wait(qtbot, lambda: _pages(workspace, 2) == [d, e, f] and _pages(workspace, 1) == [a, b, c])
    _wait(qtbot, lambda: _settled(window))

    _key(qtbot, window, Qt.Key.Key_Left)  # page 2
    _key(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    _wait(qtbot, lambda: _pages(workspace, 1) == [a])
    with workspace.catalog.session() as session:
        split_off = session.scalar(select(Page.item_id).where(Page.id == b))
    assert _pages(workspace, split_off) == [b, c]
    _wait(qtbot, lambda: window.inbox.inbox.row_of(split_off) >= 0)

    window.inbox.select_item(2)
    _wait(qtbot, lambda: _settled(window) and window.detail.id == 2)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)  # item 2 into item 1
    _wait(qtbot, lambda: _pages(workspace, 1) == [a, d, e, f] and _state(workspace, 2) == "merged")
    _wait(qtbot, lambda: window.detail is not None and window.detail.id == 1)  # the window follows the pages
    _wait(qtbot, lambda: window.inbox.inbox.row_of(2) < 0)  # a merged item is not listed
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    _wait(qtbot, lambda: _pages(workspace, 2) == [d, e, f] and window.inbox.inbox.row_of(2) >= 0)


def test_a_page_is_replaced_by_the_next_scan(qtbot, window, workspace, tmp_path, corpus):
    from PIL import Image

    a, b, c, d = _pages(workspace, 1)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    _key(qtbot, window, Qt.Key.Key_Right)
    _key(qtbot, window, Qt.Key.Key_P, CTRL | SHIFT)
    assert "next scan" in window.statusBar().currentMessage()

    rescan = tmp_path / "rescan" / "again"
    rescan.mkdir(parents=True)
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    source.crop((0, 560, source.width, 880)).save(rescan / "page-001.jpg", dpi=(300, 300), quality=90)
    ingest_once(workspace.catalog, workspace.store, workspace.settings, workspace.profile, workspace.actor,
                [rescan.parent], Reporter())
    _wait(qtbot, lambda: len(_pages(workspace, 1)) == 4 and _pages(workspace, 1)[1] not in (b, None))
    new = _pages(workspace, 1)[1]
    assert _pages(workspace, 1) == [a, new, c, d]
    with workspace.catalog.session() as session:
        assert session.get(Page, b).state == "binned"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    _wait(qtbot, lambda: _pages(workspace, 1) == [a, b, c, d])


def test_a_refused_operation_says_why_and_leaves_no_history(qtbot, window, workspace):
    qtbot.keyClick(window, Qt.Key.Key_F7)
    _key(qtbot, window, Qt.Key.Key_Left, ALT)  # page 1 is already first
    _wait(qtbot, lambda: "already at the start of the item" in window.statusBar().currentMessage())
    assert window.page_ops.stack.count() == 0


def test_a_refused_merge_leaves_the_operator_on_the_item(qtbot, window, workspace):
    workspace.describe(1, {"fonds_code": "Z109", "year": "2023", "retention": "Y", "item_no": "1",
                           "title": "扬州市档案馆工作报告", "responsible": "扬州市档案馆", "date": "20230512"})
    workspace.commit(1)
    window.inbox.select_item(2)
    _wait(qtbot, lambda: _settled(window) and window.detail.id == 2)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)  # into item 1, committed: refused
    _wait(qtbot, lambda: "committed items are frozen" in window.statusBar().currentMessage())
    _wait(qtbot, lambda: _settled(window))
    assert window.detail.id == 2 and window.inbox.current_item_id() == 2
    assert _pages(workspace, 2) and _state(workspace, 2) == "awaiting_description"
