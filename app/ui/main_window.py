"""The operator's window: inbox on the left, the page in the centre, the description right.

The flow is keyboard first: pick an item (Ctrl+Down or J/K in the list), read the page, type
the description (F2), commit (Ctrl+Return), and the next item awaiting description opens.
Everything that touches the catalog or decodes an image runs on a ``WorkerPool``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QThread, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from app.catalog.cataloguing import CommitRefused
from app.processing import Progress
from app.ui.actions import ActionRegistry
from app.catalog.details import ItemDetail
from app.ui.description_form import DescriptionForm
from app.ui.inbox import InboxView
from app.ui.page_view import PageView
from app.ui.shortcuts_dialog import ShortcutsDialog
from app.ui.station_thread import StationThread
from app.ui.thumbnails import ThumbnailStrip
from app.ui.workers import WorkerPool
from app.workspace import Workspace, WorkspaceError

MENUS = (
    ("&File", ("app.quit",)),
    ("&Item", ("item.next", "item.previous", "item.commit", "inbox.refresh")),
    ("&View", ("page.next", "page.previous", "view.zoom_in", "view.zoom_out", "view.fit_width")),
    ("&Go", ("focus.inbox", "focus.page", "focus.form")),
    ("&Help", ("help.shortcuts",)),
)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None, *,
                 refresh_ms: int = 2000, run_station: bool = False):
        super().__init__()
        self.workspace = workspace
        self.settings = settings or QSettings()
        self.workers = WorkerPool({"catalog": 2, "commit": 1, "images": max(2, QThread.idealThreadCount())},
                                  self)
        self._inbox_loads = self.workers.channel("catalog")
        self._detail_loads = self.workers.channel("catalog")
        self.current_id: int | None = None  # the item chosen, whose detail may still be loading
        self.detail: ItemDetail | None = None
        self.drafts: dict[int, dict[str, str]] = {}  # typed but not committed, per item
        self.batch_defaults: dict[str, str] = {}
        self.committing: int | None = None
        self._opened_first_item = False
        self._focus_form_on_load = False

        self.setWindowTitle(self.tr("Lantai 兰台 — %1").replace("%1", str(workspace.layout.root)))
        self.inbox = InboxView(self)
        self.page_view = PageView(self.workers, self)
        self.thumbnails = ThumbnailStrip(self.workers, self)
        self.form = DescriptionForm(workspace, self.workers, self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.page_view, 1)
        centre_layout.addWidget(self.thumbnails)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in (self.inbox, centre, self.form):
            splitter.addWidget(pane)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 700, 480])
        self.setCentralWidget(splitter)
        self.queue_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.queue_label)
        # 1600 x 960 where it fits; a smaller screen gets the whole of its free area
        screen = self.screen().availableGeometry()
        self.resize(min(1600, screen.width()), min(960, screen.height()))

        self.registry = ActionRegistry(self, self.settings, {"inbox": self.inbox})
        self._bind_actions()
        self.inbox.selectionModel().currentChanged.connect(lambda *_: self._item_chosen())
        self.inbox.inbox.modelReset.connect(self._restore_selection)
        self.thumbnails.page_chosen.connect(self._page_chosen)

        self.station = None
        if run_station and workspace.profile.watch:
            self.station = StationThread(workspace, self)
            self.station.progress.connect(self._station_progress)
            self.station.note.connect(lambda text: self.statusBar().showMessage(text, 5000))
            self.station.start()
        self._timer = QTimer(self, interval=refresh_ms, timeout=self.refresh)
        self._timer.start()
        self.refresh()
        self.inbox.setFocus()
        self.statusBar().showMessage(self.tr("Ctrl+Down and Ctrl+Up (J and K in the list) change the item,"
                                             " F2 goes to the form, F1 lists every key"))

    def _bind_actions(self) -> None:
        bind = self.registry.bind
        bind("item.next", lambda: self.inbox.step(1))
        bind("item.previous", lambda: self.inbox.step(-1))
        bind("inbox.next", lambda: self.inbox.step(1))
        bind("inbox.previous", lambda: self.inbox.step(-1))
        bind("page.next", lambda: self._step_page(1))
        bind("page.previous", lambda: self._step_page(-1))
        bind("view.zoom_in", self.page_view.zoom_in)
        bind("view.zoom_out", self.page_view.zoom_out)
        bind("view.fit_width", self.page_view.fit_width)
        bind("focus.form", lambda: self.form.first_to_fill().setFocus())
        bind("focus.inbox", self.inbox.setFocus)
        bind("focus.page", self.page_view.setFocus)
        bind("item.commit", self.commit)
        bind("inbox.refresh", self.refresh)
        bind("help.shortcuts", self.show_shortcuts)
        bind("app.quit", self.close)
        for title, ids in MENUS:
            menu = self.menuBar().addMenu(self.tr(title))
            for action_id in ids:
                menu.addAction(self.registry.actions[action_id])

    # The inbox -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._inbox_loads.latest(lambda: self.workspace.items(with_text=False), self._show_items)

    def _show_items(self, items: list[dict]) -> None:
        self.inbox.inbox.set_items(items)
        if not self._opened_first_item and self.current_id is None:
            # the operator starts on the first item with work to do, hands on the keyboard
            self._opened_first_item = True
            first = self.inbox.next_to_describe(None)
            if first is not None:
                self.inbox.select_item(first)
        pending = sum(1 for item in items for page in item["pages"] if page["state"] == "pending")
        busy = sum(1 for item in items if item["state"] in ("collecting", "processing"))
        waiting = sum(1 for item in items if item["state"] in ("awaiting_description", "ready"))
        self.queue_label.setText(
            self.tr("OCR queue: %1 page(s) · %2 item(s) in processing · %3 to describe or commit")
            .replace("%1", str(pending)).replace("%2", str(busy)).replace("%3", str(waiting)))

    def _restore_selection(self) -> None:
        if self.current_id is not None:
            self.inbox.select_item(self.current_id)

    def _item_chosen(self) -> None:
        item_id = self.inbox.current_item_id()
        if item_id is None or item_id == self.current_id:
            return  # a refresh restoring the same selection
        self._keep_draft()
        self.current_id, self.detail = item_id, None
        self._detail_loads.latest(lambda: self.workspace.item_detail(item_id), self._show_item)

    def _keep_draft(self) -> None:
        if self.form.item is not None and self.form.touched and self.form.item.state != "committed":
            self.drafts[self.form.item.id] = self.form.values()

    def _show_item(self, detail: ItemDetail | None) -> None:
        self.detail = detail
        self.form.load(detail, self.batch_defaults)
        if detail is not None and detail.id in self.drafts:
            for name, text in self.drafts.pop(detail.id).items():
                self.form.editors[name].setText(text)
                self.form.touched.add(name)
        pages = detail.pages if detail else ()
        self.thumbnails.show_pages(pages)
        self.page_view.show_page(pages[0] if pages else None)
        self.thumbnails.select(0)
        if self._focus_form_on_load:
            self._focus_form_on_load = False
            self.form.first_to_fill().setFocus()

    # Pages -------------------------------------------------------------------------------

    def _page_chosen(self, row: int) -> None:
        if self.detail and 0 <= row < len(self.detail.pages):
            page = self.detail.pages[row]
            if self.page_view.page != page:
                self.page_view.show_page(page)

    def _step_page(self, offset: int) -> None:
        self.thumbnails.select(self.thumbnails.currentIndex().row() + offset)

    # Committing ----------------------------------------------------------------------------

    def commit(self) -> None:
        detail = self.detail
        if detail is None or detail.state == "committed" or self.committing is not None:
            return
        errors = [p for p in self.form.reveal_all() if p.severity == "error"]
        if errors:
            self.statusBar().showMessage(self.tr("Not committed: %1").replace("%1", errors[0].message), 10000)
            self.form.first_to_fill().setFocus()
            return
        values, defaults = self.form.values(), self.form.batch_defaults()
        self.committing = detail.id
        self.statusBar().showMessage(self.tr("Committing item %1…").replace("%1", str(detail.id)))

        def describe_and_commit():
            problems = [p for p in self.workspace.describe(detail.id, values) if p.severity == "error"]
            return problems or self.workspace.commit(detail.id)

        self.workers.run("commit", describe_and_commit,
                         lambda result: self._committed(detail.id, defaults, result), self._commit_failed)

    def _committed(self, item_id: int, defaults: dict, result) -> None:
        self.committing = None
        if isinstance(result, list):  # the catalog found errors the form could not (a duplicate 档号)
            self.statusBar().showMessage(self.tr("Not committed: %1").replace(
                "%1", "; ".join(p.message for p in result)), 15000)
            return
        self.batch_defaults = defaults
        self.drafts.pop(item_id, None)
        self.statusBar().showMessage(self.tr("Item %1 committed as %2").replace("%1", str(item_id))
                                     .replace("%2", result.archival_code), 10000)
        following = self.inbox.next_to_describe(item_id)
        self.refresh()
        if following is None:
            self.current_id = self.detail = None
            self.form.load(None)
            self.inbox.setFocus()
            return
        self._focus_form_on_load = True
        self.inbox.select_item(following)

    def _commit_failed(self, error: Exception) -> None:
        self.committing = None
        if isinstance(error, (CommitRefused, WorkspaceError)):
            text = str(error)
        else:
            text = self.tr("commit failed: %1; see the log").replace("%1", repr(error))
        self.statusBar().showMessage(self.tr("Not committed: %1").replace("%1", text), 15000)

    # Elsewhere ---------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.registry, self).exec()

    def _station_progress(self, progress: Progress) -> None:
        if progress.kind == "page_done":
            text = self.tr("OCR done: item %1 page %2")
        elif progress.kind == "item_ready":
            text = self.tr("Item %1 is ready to describe")
        else:
            text = self.tr("Item %1 needs attention: ") + progress.message
        self.statusBar().showMessage(text.replace("%1", str(progress.item_id))
                                     .replace("%2", str(progress.page)), 5000)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        if self.station is not None:
            self.station.stop()
        self.workers.shutdown()
        super().closeEvent(event)
