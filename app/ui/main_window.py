"""The operator's window: inbox on the left, the page in the centre, the description right.

The flow is keyboard first: pick an item (Ctrl+Down or J/K in the list), put its pages right
(F7 for the thumbnails; ``page_actions``), type the description (F2; F8 takes a suggestion),
commit (Ctrl+Return), and the next item awaiting description opens. Everything that touches
the catalog or decodes an image runs on a ``WorkerPool``; F1 lists every key.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QThread, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog.cataloguing import CommitRefused
from app.catalog.details import ItemDetail
from app.processing import Progress
from app.ui.actions import ActionRegistry
from app.ui.attention_view import AttentionDialog
from app.ui.batch_progress import BatchProgress
from app.ui.bin_dialog import BinDialog
from app.ui.description_form import DescriptionForm
from app.ui.first_run import FirstRunPanel
from app.ui.inbox import InboxView
from app.ui.page_actions import PageActions
from app.ui.page_commands import PageOperations
from app.ui.page_view import PageView
from app.ui.problem_text import problem_line
from app.ui.settings_dialog import SettingsDialog
from app.ui.shortcuts_dialog import ShortcutsDialog
from app.ui.station_thread import StationThread
from app.ui.thumbnails import ThumbnailStrip
from app.ui.workers import WorkerPool
from app.workspace import Workspace, WorkspaceError

MENUS = (
    (QT_TRANSLATE_NOOP("MainWindow", "&File"), ("station.profile", "app.settings", "app.quit")),
    (QT_TRANSLATE_NOOP("MainWindow", "&Item"), ("item.next", "item.previous", "item.commit", "attention.show",
                                                "inbox.refresh")),
    (QT_TRANSLATE_NOOP("MainWindow", "&Edit"), ("edit.undo", "edit.redo")),
    (QT_TRANSLATE_NOOP("MainWindow", "&Pages"), ("pages.move_earlier", "pages.move_later", "pages.rotate_clockwise",
                                                 "pages.rotate_anticlockwise", "pages.bin", "pages.show_bin",
                                                 "pages.keep_blank", "pages.rerun_ocr", "pages.to_previous_item",
                                                 "pages.to_next_item", "pages.replace_with_next_scan", "item.split",
                                                 "item.merge_into_previous")),
    (QT_TRANSLATE_NOOP("MainWindow", "&View"), ("page.next", "page.previous", "view.zoom_in", "view.zoom_out",
                                                "view.fit_width")),
    (QT_TRANSLATE_NOOP("MainWindow", "&Go"), ("focus.inbox", "focus.page", "focus.thumbnails", "focus.form")),
    (QT_TRANSLATE_NOOP("MainWindow", "&Help"), ("help.shortcuts",)),
)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None, *,
                 refresh_ms: int = 2000, run_station: bool = False):
        super().__init__()
        self.workspace = workspace
        self.settings = settings or QSettings()
        self.workers = WorkerPool({"catalog": 2, "commit": 1, "pages": 1, "station": 1,
                                   "images": max(2, QThread.idealThreadCount())}, self)
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
        self.viewer = QStackedWidget(centre)  # the page, or the first-run panel while there is none
        self.viewer.addWidget(self.page_view)
        centre_layout.addWidget(self.viewer, 1)
        centre_layout.addWidget(self.thumbnails)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in (self.inbox, centre, self.form):
            splitter.addWidget(pane)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 620, 460])  # the inbox wide enough to show titles beside the 档号
        self.setCentralWidget(splitter)
        self.queue_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.queue_label)
        self.batch_progress = BatchProgress(self)
        self.statusBar().addPermanentWidget(self.batch_progress)
        self._progress_loads = self.workers.channel("catalog")
        self.attention = AttentionDialog(workspace, self.workers, self)  # hidden until asked; keeps counting
        self.attention_label = QLabel(self)
        self.attention_label.setStyleSheet("color: #c62828;")
        self.attention_label.hide()
        self.statusBar().addPermanentWidget(self.attention_label)
        self.attention.view.count_changed.connect(self._attention_counted)
        self.station_label = QLabel(self)
        self.station_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.station_label.setWordWrap(True)
        self.station_label.hide()
        self.statusBar().addWidget(self.station_label, 1)
        # 1600 x 960 where it fits; a smaller screen gets the whole of its free area
        screen = self.screen().availableGeometry()
        self.resize(min(1600, screen.width()), min(960, screen.height()))

        self.page_ops = PageOperations(workspace, self.workers, self)
        self.page_ops.changed.connect(self._pages_changed)
        self.page_ops.refused.connect(self._page_op_refused)
        self.page_actions = PageActions(self)
        self.registry = ActionRegistry(self, self.settings, {"inbox": self.inbox, "pages": centre})
        self._bind_actions()
        self.first_run = FirstRunPanel(self.workers, self.registry, workspace.watched_folders(), self.viewer)
        self.viewer.addWidget(self.first_run)
        self.first_run.samples_written.connect(lambda paths: self.statusBar().showMessage(
            self.tr("%1 sample file(s) written; they appear in the list as the station reads them")
            .replace("%1", str(len(paths))), 10000))
        self.inbox.selectionModel().currentChanged.connect(lambda *_: self._item_chosen())
        self.inbox.inbox.modelReset.connect(self._restore_selection)
        self.thumbnails.page_chosen.connect(self._page_chosen)

        self._add_profile_selector()
        self.station: StationThread | None = None
        if run_station:
            self._start_station()
        self._timer = QTimer(self, interval=refresh_ms, timeout=self.refresh)
        self._timer.start()
        self.refresh()
        self.inbox.setFocus()
        self.statusBar().showMessage(self.tr("F1 every key · F2 the form · Ctrl+↓/↑ next/previous item"), 15000)

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
        bind("focus.thumbnails", self.thumbnails.setFocus)
        bind("item.commit", self.commit)
        self.form.use_keys(bind("form.accept_suggestion", self.form.accept_suggestion),
                           bind("form.accept_all_suggestions", self.form.accept_all_suggestions))
        self.page_actions.bind(self.registry)
        bind("inbox.refresh", self.refresh)
        bind("help.shortcuts", self.show_shortcuts)
        bind("app.settings", self.show_settings)
        bind("station.profile", self._choose_profile)
        bind("attention.show", self.attention.present)
        bind("app.quit", self.close)
        for title, ids in MENUS:
            menu = self.menuBar().addMenu(self.tr(title))
            for action_id in ids:
                menu.addAction(self.registry.actions[action_id])

    # The inbox -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._inbox_loads.latest(lambda: self.workspace.items(with_text=False), self._show_items)
        self._progress_loads.latest(self.workspace.batch_progress, self.batch_progress.show_progress)
        self.attention.view.refresh()

    def _attention_counted(self, count: int) -> None:
        self.attention_label.setText(self.tr("%1 need attention (F9)").replace("%1", str(count)))
        self.attention_label.setVisible(count > 0)

    def _show_items(self, items: list[dict]) -> None:
        shown_before = self._row_of_current()
        if not self.inbox.inbox.set_items(items):
            return  # nothing changed since the last look
        self._show_first_run(not items)
        if shown_before is not None and self._row_of_current() != shown_before and not self.page_ops.busy:
            self._reload_item()  # the station moved it on: pages read, PDF rebuilt, failed
        if self.current_id is not None and self.inbox.inbox.row_of(self.current_id) < 0 and self.page_actions.follow is None:
            # the item went (merged, or all its pages moved): on to the next with work to do
            following = self.inbox.next_to_describe(None)
            self._detail_loads.renew()
            self.current_id = self.detail = None
            if following is not None:
                self.inbox.select_item(following)
            else:
                self._show_item(None)
        self.page_actions.scans_arrived(items)
        if not self._opened_first_item and self.current_id is None:
            # the operator starts on the first item with work to do (the first to arrive, on
            # an empty station), hands on the keyboard
            first = self.inbox.next_to_describe(None)
            if first is not None:
                self._opened_first_item = True
                self.inbox.select_item(first)
        busy = sum(1 for item in items if item["state"] in ("collecting", "processing"))
        waiting = sum(1 for item in items if item["state"] in ("awaiting_description", "ready"))
        self.queue_label.setText(self.tr("%1 item(s) in processing · %2 to describe or commit")
                                 .replace("%1", str(busy)).replace("%2", str(waiting)))

    def _row_of_current(self) -> dict | None:
        row = self.inbox.inbox.row_of(self.current_id) if self.current_id is not None else -1
        return self.inbox.inbox.items[row] if row >= 0 else None

    def _show_first_run(self, empty: bool) -> None:
        """On a catalog with no item, the first-run panel stands where the page would."""
        if empty == (self.viewer.currentWidget() is self.first_run):
            return
        self.viewer.setCurrentWidget(self.first_run if empty else self.page_view)
        self.thumbnails.setVisible(not empty)
        if empty:
            self.first_run.setFocus()  # Enter loads the sample pages
        elif QApplication.focusWidget() is None or self.first_run.isAncestorOf(QApplication.focusWidget()):
            self.inbox.setFocus()

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
        again = detail is not None and self.detail is not None and detail.id == self.detail.id
        if again:  # reloaded after a page operation: what was typed and selected stays
            self._keep_draft()
            selected, current = self.thumbnails.selected_page_ids(), self.thumbnails.current_page_id()
            row = self.thumbnails.currentIndex().row()
        self.detail = detail
        self.form.load(detail, self.batch_defaults)
        if detail is not None and detail.id in self.drafts:
            for name, text in self.drafts.pop(detail.id).items():
                self.form.editors[name].setText(text)
                self.form.touched.add(name)
        pages = detail.pages if detail else ()
        if again:
            self.thumbnails.show_pages(pages, selected=selected, current=current)
            if self.thumbnails.current_page_id() is None:  # it left the item: its neighbour
                self.thumbnails.select(min(max(row, 0), len(pages) - 1))
            shown = next((page for page in pages if page.page_id == self.thumbnails.current_page_id()), None)
            if self.page_view.page != shown:
                self.page_view.show_page(shown)
        else:
            self.thumbnails.show_pages(pages)
            self.page_view.show_page(pages[0] if pages else None)
            self.thumbnails.select(0)
        if self._focus_form_on_load:
            self._focus_form_on_load = False
            self.form.first_to_fill().setFocus()

    # Pages -------------------------------------------------------------------------------

    def _page_op_refused(self, reason: str) -> None:
        self.page_actions.follow = None  # a refused merge: stay where the operator is
        self.statusBar().showMessage(self.tr("Not done: %1").replace("%1", reason), 10000)
        self._pages_changed(None)  # a preview of it may be showing

    def _pages_changed(self, operation) -> None:
        """Show what the catalog holds now: the inbox and the item (pages, order, turns); once
        the operations queued are all done, so that the previews are not undone in passing."""
        if self.page_ops.busy:
            return
        follow, self.page_actions.follow = self.page_actions.follow, None
        self.refresh()
        if follow is not None and follow != self.current_id:
            self.inbox.select_item(follow)
            return
        if self.current_id is not None:
            self._reload_item()

    def _reload_item(self) -> None:
        item_id = self.current_id
        self._detail_loads.latest(lambda: self.workspace.item_detail(item_id), self._reloaded)

    def _reloaded(self, detail: ItemDetail | None) -> None:
        if not self.page_ops.busy:  # else a newer operation's preview is showing; its end reloads
            self._show_item(detail)

    def _page_chosen(self, page_id: int) -> None:
        page = next((page for page in self.detail.pages if page.page_id == page_id), None) if self.detail else None
        if page is not None and self.page_view.page != page:
            self.page_view.show_page(page)

    def _step_page(self, offset: int) -> None:
        self.thumbnails.select(self.thumbnails.currentIndex().row() + offset)

    # Committing ----------------------------------------------------------------------------

    def commit(self) -> None:
        detail = self.detail
        if detail is None or detail.state == "committed" or self.committing is not None:
            return
        if self.page_ops.busy:  # the item would be committed without the changes still queued
            self.statusBar().showMessage(self.tr("Page changes are still being saved; commit again in a moment"),
                                         5000)
            return
        errors = [p for p in self.form.reveal_all() if p.severity == "error"]
        if errors:
            self.statusBar().showMessage(self.tr("Not committed: %1").replace("%1", problem_line(errors[0])), 10000)
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
                "%1", "; ".join(problem_line(p) for p in result)), 15000)
            return
        self.batch_defaults = defaults
        self.drafts.pop(item_id, None)
        self.statusBar().showMessage(self.tr("Item %1 committed as %2").replace("%1", str(item_id))
                                     .replace("%2", result.archival_code), 10000)
        following = self.inbox.next_to_describe(item_id)
        self.refresh()
        if following is None:  # nothing left to describe: the item stays in sight, committed
            self._reload_item()
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

    def show_bin(self) -> None:
        """The bin, kept between showings: pages binned before a restart come back from here."""
        dialog = self.findChild(BinDialog) or BinDialog(self.workspace, self.workers, self.page_ops, self)
        dialog.present()

    def show_settings(self) -> None:
        if SettingsDialog(self.workspace, self.settings, self).exec():
            self.statusBar().showMessage(self.tr("Settings saved; they take effect when Lantai is restarted"), 10000)

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

    # The station ------------------------------------------------------------------------

    def _add_profile_selector(self) -> None:
        self.profile_box = QComboBox(self)
        self.profile_box.addItems(sorted(self.workspace.settings.profiles))
        self.profile_box.setCurrentText(self.workspace.profile.name)
        self.profile_box.setToolTip(self.tr("The profile new scans are taken in with, for this session;"
                                            " the default is chosen in Settings"))
        self.profile_box.activated.connect(lambda _index: self._switch_profile(self.profile_box.currentText()))
        bar = self.addToolBar(self.tr("Station"))
        bar.setObjectName("station")
        bar.setMovable(False)
        label = QLabel(self.tr("Station profile:"), bar)
        label.setBuddy(self.profile_box)
        label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(label)
        bar.addWidget(self.profile_box)

    def _choose_profile(self) -> None:
        self.profile_box.setFocus()
        self.profile_box.showPopup()

    def _start_station(self) -> None:
        self.station = StationThread(self.workspace, self)
        self.station.progress.connect(self._station_progress)
        self.station.note.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.station.stopped.connect(self._station_stopped)
        self.station_label.hide()
        self.station.start()

    def _station_stopped(self, reason: str) -> None:
        """Said where it stays in sight: until it is fixed, no scan is taken in."""
        self.statusBar().clearMessage()  # passing messages would be drawn over it
        self.station_label.setText(self.tr("Station stopped: %1").replace("%1", reason))
        self.station_label.setToolTip(reason)
        self.station_label.show()

    def _switch_profile(self, name: str) -> None:
        if name == self.workspace.profile.name:
            return
        try:
            self.workspace.switch_profile(name)
        except WorkspaceError as exc:
            self.statusBar().showMessage(str(exc), 10000)
            self.profile_box.setCurrentText(self.workspace.profile.name)
            return
        self.first_run.set_folders(self.workspace.watched_folders())
        folders = ", ".join(map(str, self.workspace.watched_folders()))
        self.statusBar().showMessage(self.tr("New scans are taken in with profile %1, from %2")
                                     .replace("%1", name).replace("%2", folders), 10000)
        if self.station is not None:  # it stops between two pages, off the GUI thread
            running, self.station = self.station, None
            self.workers.run("station", running.stop, lambda _none: (running.deleteLater(), self._start_station()),
                             lambda error: self._station_stopped(str(error)))

    def closeEvent(self, event) -> None:
        self._timer.stop()
        if self.station is not None:
            self.station.stop()
        self.workers.shutdown()
        super().closeEvent(event)
