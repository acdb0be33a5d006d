"""Screenshots of Lantai's main views in each language, for docs/ and the README.

    scripts/screenshots [--out DIR] [--languages en,zh_CN] [--keep DIR]

Meant to be run by ``scripts/screenshots``: on Xvfb with Qt's xcb platform, so fonts and
painting are the real ones. A fresh data directory is photographed empty (the first-run
view), then gets the sample pages (``app.samples``) and one scan cut short in its inbox; the
pipeline takes them in as the station does (ingest, QC, OCR, PDF) until the items await
description, and the other views are photographed on that catalog.

For each language, chosen as the operator chooses it (QSettings ``ui/language``, put in force
by ``install_translators``), a new window is opened and every view of ``EMPTY_VIEWS`` and
``VIEWS`` is saved as ``<out>/<language>/<name>.png``. A view is a function that brings it on
screen and returns the widget to photograph: adding one is one line in a table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere: the app package is in the repo
    sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.samples import write_samples  # noqa: E402
from app.station import Reporter, ingest_once  # noqa: E402
from app.ui.i18n import LANGUAGE_KEY, LANGUAGES, install_translators  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.settings_dialog import SettingsDialog  # noqa: E402
from app.ui.shortcuts_dialog import ShortcutsDialog  # noqa: E402
from app.ui.workers import collect_garbage_on_gui_thread  # noqa: E402
from app.workspace import Workspace  # noqa: E402

DEFAULT_OUT = REPO / "docs" / "screenshots"
WAIT_S = 120  # for a page or a list to load; only a hung window takes this long
SETTLE_S = 1.0  # for thumbnails and painting to finish once what was waited for is there


def run_events(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: gave up after {WAIT_S} s waiting for {what}")
        run_events(0.05)


@dataclass
class Shot:
    """One language's window on the catalog, and what was opened for a view."""

    workspace: Workspace
    settings: QSettings
    window: MainWindow
    made: list[QWidget] = field(default_factory=list)  # dialogs made for a view, closed after it

    def show(self, dialog: QWidget) -> QWidget:
        """Show a dialog the window would open modally (exec), without blocking here."""
        self.made.append(dialog)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        run_events(SETTLE_S)
        return dialog

    def close_made(self) -> None:
        while self.made:
            dialog = self.made.pop()
            dialog.close()
            dialog.deleteLater()


# Views ------------------------------------------------------------------------------------


def whole_window(shot: Shot) -> QWidget:
    run_events(SETTLE_S)
    return shot.window


def item_open(shot: Shot) -> QWidget:
    """The first item awaiting description: its page, thumbnails and the form's suggestions."""
    window = shot.window
    wait_until(lambda: window.detail is not None and not window.page_view.pixmap_item.pixmap().isNull(),
               "the first item's page")
    window.registry.actions["focus.form"].trigger()
    run_events(SETTLE_S)
    return window


def shortcuts_dialog(shot: Shot) -> QWidget:
    return shot.show(ShortcutsDialog(shot.window.registry, shot.window))


def settings_dialog(shot: Shot) -> QWidget:
    return shot.show(SettingsDialog(shot.workspace, shot.settings, shot.window))


def needs_attention(shot: Shot) -> QWidget:
    """The window's own list (F9): the scan cut short, with why."""
    dialog = shot.window.attention
    shot.window.registry.actions["attention.show"].trigger()
    wait_until(lambda: dialog.view.model.rowCount() > 0, "the needs-attention list")
    run_events(SETTLE_S)
    return dialog


EMPTY_VIEWS: tuple[tuple[str, Callable[[Shot], QWidget]], ...] = (
    ("first-run", whole_window),
)
VIEWS: tuple[tuple[str, Callable[[Shot], QWidget]], ...] = (
    ("main-window", item_open),
    ("shortcuts-dialog", shortcuts_dialog),
    ("settings-dialog", settings_dialog),
    ("needs-attention", needs_attention),
)


# Running ----------------------------------------------------------------------------------


def photograph(app: QApplication, workspace: Workspace, views, language: str, work: Path, out: Path) -> None:
    settings = QSettings(str(work / f"ui-{language}.ini"), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, language)
    install_translators(app, settings)  # before the window: texts are set when widgets are made
    window = MainWindow(workspace, settings)
    window.show()
    QTest.qWaitForWindowExposed(window)
    shot = Shot(workspace, settings, window)
    folder = out / language
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for name, view in views:
            path = folder / f"{name}.png"
            if not view(shot).grab().save(str(path), "PNG"):
                raise SystemExit(f"screenshots: could not write {path}")
            print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", flush=True)
            shot.close_made()
    finally:
        shot.close_made()
        window.close()
        window.deleteLater()
        run_events(0.2)


def fill_inbox(workspace: Workspace) -> None:
    """The sample pages, and a scan cut short (for the needs-attention view), taken in."""
    inbox = workspace.layout.inbox
    samples = write_samples(inbox)
    whole = samples[-1].read_bytes()
    (inbox / "scan-0042.jpg").write_bytes(whole[: len(whole) // 8])
    ingest_once(workspace.catalog, workspace.store, workspace.settings, workspace.profile, workspace.actor,
                [inbox], Reporter())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to save (default: {DEFAULT_OUT})")
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help=f"comma-separated (default: {','.join(LANGUAGES)})")
    parser.add_argument("--keep", type=Path, default=None, help="make the data directory here, in a new or empty directory, and keep it")
    args = parser.parse_args(argv)
    languages = [language.strip() for language in args.languages.split(",") if language.strip()]
    unknown = sorted(set(languages) - set(LANGUAGES))
    if unknown:
        parser.error(f"unknown language(s) {', '.join(unknown)}; known: {', '.join(LANGUAGES)}")

    app = QApplication.instance() or QApplication([sys.argv[0]])
    collect_garbage_on_gui_thread(app)
    # A fixed place and names, so that the pictures show what any station would, not
    # this machine's temporary paths and user.
    work = args.keep or Path(tempfile.gettempdir()) / "lantai-screenshots"
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: not empty; give a new or empty directory")
    shutil.rmtree(work, ignore_errors=True)  # the default scratch place, left by an earlier run
    (work / "data").mkdir(parents=True)
    (work / "data" / "settings.toml").write_text('station = "scan-01"\noperator = "王芳"\n', encoding="utf-8")
    workspace = Workspace.open(work / "data")
    try:
        for language in languages:
            photograph(app, workspace, EMPTY_VIEWS, language, work, args.out)
        fill_inbox(workspace)
        for language in languages:
            photograph(app, workspace, VIEWS, language, work, args.out)
    finally:
        workspace.catalog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
