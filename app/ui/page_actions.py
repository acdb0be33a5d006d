"""The window's page commands: each key or drop becomes a page operation on the selection.

What the operator selects in the thumbnails (or the item shown, for split and merge) is read
here, the operation is handed to ``PageOperations`` (queued, undoable), and where it helps the
thumbnails preview it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.catalog.page_ops import (
    DeletePages,
    KeepBlank,
    MergeItems,
    ReplacePage,
    RerunOcr,
    RotatePages,
    SplitItem,
    appended,
    placed_before,
    shifted,
)
from app.ui.actions import ActionRegistry

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class PageActions(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.page_ops = window.page_ops
        self.registry: ActionRegistry | None = None
        self.follow: int | None = None  # the item to show once the operation is done (a merge's target)
        self.replacing: tuple[int, int] | None = None  # (page id, newest item id then): replaced by the next scan

    def bind(self, registry: ActionRegistry) -> None:
        self.registry = registry
        bind = registry.bind
        bind("edit.undo", self.page_ops.undo)
        bind("edit.redo", self.page_ops.redo)
        self.page_ops.stack.undoTextChanged.connect(lambda text: self._history_text("edit.undo", text))
        self.page_ops.stack.redoTextChanged.connect(lambda text: self._history_text("edit.redo", text))
        on_pages = self._on_selected_pages
        bind("pages.move_earlier", on_pages(lambda ids: lambda s: shifted(s, ids, -1), self.tr("Move pages earlier"),
                                            lambda ids: self.window.thumbnails.preview_shift(ids, -1)))
        bind("pages.move_later", on_pages(lambda ids: lambda s: shifted(s, ids, 1), self.tr("Move pages later"),
                                          lambda ids: self.window.thumbnails.preview_shift(ids, 1)))
        bind("pages.rotate_clockwise", on_pages(lambda ids: lambda s: RotatePages(ids, 1), self.tr("Turn pages clockwise")))
        bind("pages.rotate_anticlockwise",
             on_pages(lambda ids: lambda s: RotatePages(ids, -1), self.tr("Turn pages anticlockwise")))
        bind("pages.bin", on_pages(lambda ids: lambda s: DeletePages(ids), self.tr("Move pages to the bin"),
                                   self.window.thumbnails.preview_removed))
        bind("pages.show_bin", self.window.show_bin)
        bind("pages.keep_blank", on_pages(lambda ids: lambda s: KeepBlank(ids), self.tr("Keep blank pages")))
        bind("pages.rerun_ocr", on_pages(lambda ids: lambda s: RerunOcr(ids), self.tr("Read pages again")))
        bind("pages.to_previous_item", lambda: self._pages_to_neighbour(-1))
        bind("pages.to_next_item", lambda: self._pages_to_neighbour(1))
        bind("pages.replace_with_next_scan", self._replace_with_next_scan)
        bind("item.split", self._split)
        bind("item.merge_into_previous", self._merge_into_previous)
        self.window.thumbnails.pages_dropped.connect(self._dropped)

    def _dropped(self, page_ids: list[int], before: int | None) -> None:
        if page_ids and before not in page_ids:
            self.page_ops.do(lambda s: placed_before(s, page_ids, before), self.tr("Move pages"))
            self.window.thumbnails.preview_placed(page_ids, before)

    def _history_text(self, action_id: str, text: str) -> None:
        label = self.registry.label(action_id)
        self.registry.actions[action_id].setText(self.tr("%1: %2").replace("%1", label).replace("%2", text)
                                                 if text else label)

    def _on_selected_pages(self, make: Callable[[list[int]], Callable], text: str,
                           preview: Callable[[list[int]], None] | None = None) -> Callable[[], None]:
        """A command on the selected pages (the current page when none is selected); ``preview``
        shows its effect on the thumbnails at once."""
        def run() -> None:
            ids = self.window.thumbnails.selected_page_ids()
            if not ids:
                self.window.statusBar().showMessage(
                    self.tr("Select a page first (F7, then the arrows; Shift+arrows for several)"), 5000)
                return
            self.page_ops.do(make(ids), text)
            if preview is not None:
                preview(ids)
        return run

    def _neighbour(self, offset: int) -> int | None:
        """The item ``offset`` rows away in the inbox."""
        row = self.window.inbox.inbox.row_of(self.window.current_id) if self.window.current_id is not None else -1
        other = row + offset
        return self.window.inbox.inbox.items[other]["id"] if row >= 0 and 0 <= other < len(self.window.inbox.inbox.items) else None

    def _pages_to_neighbour(self, offset: int) -> None:
        target, ids = self._neighbour(offset), self.window.thumbnails.selected_page_ids()
        if target is None or not ids:
            self.window.statusBar().showMessage(self.tr("There is no item there to move the pages to"), 5000)
            return
        self.page_ops.do(lambda s: appended(s, ids, target, first=offset > 0),
                         self.tr("Move pages to item %1").replace("%1", str(target)))

    def _split(self) -> None:
        page_id = self.window.thumbnails.current_page_id()
        if self.window.current_id is None or page_id is None:
            return
        item_id = self.window.current_id
        self.page_ops.do(lambda s: SplitItem(item_id, page_id), self.tr("Split item %1").replace("%1", str(item_id)))

    def _merge_into_previous(self) -> None:
        target, source = self._neighbour(-1), self.window.current_id
        if target is None or source is None:
            self.window.statusBar().showMessage(self.tr("There is no previous item to merge into"), 5000)
            return
        self.follow = target
        self.page_ops.do(lambda s: MergeItems(target, [source]),
                         self.tr("Merge item %1 into item %2").replace("%1", str(source)).replace("%2", str(target)))

    def _replace_with_next_scan(self) -> None:
        page_id = self.window.thumbnails.current_page_id()
        if page_id is None:
            return
        newest = max((item["id"] for item in self.window.inbox.inbox.all_items or ()), default=0)
        self.replacing = (page_id, newest)
        self.window.statusBar().showMessage(self.tr("The next scan that arrives replaces this page;"
                                             " the page goes to the bin (undo brings it back)"))

    def scans_arrived(self, items: list[dict]) -> None:
        """The first item that arrived after the operator asked, once read, replaces the page."""
        if self.replacing is None:
            return
        page_id, newest = self.replacing
        scan = next((item for item in items if item["id"] > newest and item["pages"]), None)
        if scan is None or scan["state"] not in ("awaiting_description", "ready", "needs_attention"):
            return
        self.replacing = None
        with_page = scan["pages"][0]["page_id"]
        self.page_ops.do(lambda s: ReplacePage(page_id, with_page), self.tr("Replace a page with a new scan"))
