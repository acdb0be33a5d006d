"""Every command of the window, in one registry: id, text, default shortcut, what it does.

Menus, the shortcuts dialog and rebinding all read this table, so a command has its key in
exactly one place. Rebound keys are kept in QSettings under ``shortcuts/<id>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # English source text; shown through _tr
    shortcut: str  # default key, in QKeySequence's portable form
    scope: str = "window"  # "window", or "inbox": only while the item list has focus


# Texts are English source strings, translated in the "Actions" context when the QActions are made.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("item.next", "Next item", "Ctrl+Down"),
    ActionSpec("item.previous", "Previous item", "Ctrl+Up"),
    ActionSpec("inbox.next", "Next item (in the item list)", "J", scope="inbox"),
    ActionSpec("inbox.previous", "Previous item (in the item list)", "K", scope="inbox"),
    ActionSpec("page.next", "Next page", "Ctrl+PgDown"),
    ActionSpec("page.previous", "Previous page", "Ctrl+PgUp"),
    ActionSpec("view.zoom_in", "Zoom in", "Ctrl+="),
    ActionSpec("view.zoom_out", "Zoom out", "Ctrl+-"),
    ActionSpec("view.fit_width", "Fit page width", "Ctrl+0"),
    ActionSpec("focus.form", "Go to the description form", "F2"),
    ActionSpec("focus.inbox", "Go to the item list", "F3"),
    ActionSpec("focus.page", "Go to the page", "F4"),
    ActionSpec("item.commit", "Commit the item", "Ctrl+Return"),
    ActionSpec("inbox.refresh", "Refresh the item list", "F5"),
    ActionSpec("help.shortcuts", "Keyboard shortcuts", "F1"),
    ActionSpec("app.quit", "Quit", "Ctrl+Q"),
)
SPEC_BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


class ActionRegistry(QObject):
    """The QActions of one window, made from ``ACTIONS`` with the operator's own keys."""

    def __init__(self, window: QWidget, settings: QSettings, scopes: dict[str, QWidget]):
        super().__init__(window)
        self.settings = settings
        self.actions: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = QAction(_tr(spec.text), window)
            action.setShortcut(self.shortcut(spec.id))
            if spec.scope == "window":
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                window.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                scopes[spec.scope].addAction(action)
            self.actions[spec.id] = action

    def bind(self, action_id: str, callback: Callable[[], object]) -> QAction:
        action = self.actions[action_id]
        action.triggered.connect(lambda _checked=False: callback())
        return action

    def shortcut(self, action_id: str) -> QKeySequence:
        stored = self.settings.value(f"shortcuts/{action_id}")
        return QKeySequence(SPEC_BY_ID[action_id].shortcut if stored is None else str(stored))

    def rebind(self, action_id: str, keys: QKeySequence) -> None:
        self.settings.setValue(f"shortcuts/{action_id}", keys.toString(QKeySequence.SequenceFormat.PortableText))
        self.actions[action_id].setShortcut(keys)

    def reset(self, action_id: str) -> None:
        self.settings.remove(f"shortcuts/{action_id}")
        self.actions[action_id].setShortcut(self.shortcut(action_id))

    def clashes(self, action_id: str, keys: QKeySequence) -> list[str]:
        """Other actions of the same scope already on ``keys``."""
        scope = SPEC_BY_ID[action_id].scope
        return [other for other, action in self.actions.items()
                if other != action_id and not keys.isEmpty() and action.shortcut() == keys
                and (scope == "window" or SPEC_BY_ID[other].scope in (scope, "window"))]

    def text(self, action_id: str) -> str:
        return self.actions[action_id].text()
