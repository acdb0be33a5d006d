"""Every command of the window, in one registry: id, text, default shortcut, what it does.

Menus, the shortcuts dialog and rebinding all read this table, so a command has its key in
exactly one place. Rebound keys are kept in QSettings under ``shortcuts/<id>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # English source text; shown through _tr
    shortcut: str  # default key, in QKeySequence's portable form
    # "window"; "inbox": only while the item list has focus; "pages": the page or its thumbnails
    scope: str = "window"


# Texts are English source strings, translated in the "Actions" context when the QActions are made;
# QT_TRANSLATE_NOOP marks them for lupdate.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("item.next", QT_TRANSLATE_NOOP("Actions", "Next item"), "Ctrl+Down"),
    ActionSpec("item.previous", QT_TRANSLATE_NOOP("Actions", "Previous item"), "Ctrl+Up"),
    ActionSpec("inbox.next", QT_TRANSLATE_NOOP("Actions", "Next item (in the item list)"), "J", scope="inbox"),
    ActionSpec("inbox.previous", QT_TRANSLATE_NOOP("Actions", "Previous item (in the item list)"), "K", scope="inbox"),
    ActionSpec("page.next", QT_TRANSLATE_NOOP("Actions", "Next page"), "Ctrl+PgDown"),
    ActionSpec("page.previous", QT_TRANSLATE_NOOP("Actions", "Previous page"), "Ctrl+PgUp"),
    ActionSpec("view.zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom in"), "Ctrl+="),
    ActionSpec("view.zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom out"), "Ctrl+-"),
    ActionSpec("view.fit_width", QT_TRANSLATE_NOOP("Actions", "Fit page width"), "Ctrl+0"),
    ActionSpec("focus.form", QT_TRANSLATE_NOOP("Actions", "Go to the description form"), "F2"),
    ActionSpec("focus.inbox", QT_TRANSLATE_NOOP("Actions", "Go to the item list"), "F3"),
    ActionSpec("focus.page", QT_TRANSLATE_NOOP("Actions", "Go to the page"), "F4"),
    ActionSpec("focus.thumbnails", QT_TRANSLATE_NOOP("Actions", "Go to the page thumbnails (select pages)"), "F7"),
    ActionSpec("item.commit", QT_TRANSLATE_NOOP("Actions", "Commit the item"), "Ctrl+Return"),
    # Not Ctrl+Space: Chinese input methods (fcitx, Microsoft Pinyin) take it to switch on and off.
    ActionSpec("form.accept_suggestion", QT_TRANSLATE_NOOP("Actions", "Accept the suggestion for this field"), "F8"),
    ActionSpec("form.accept_all_suggestions", QT_TRANSLATE_NOOP("Actions", "Accept all suggestions"), "Shift+F8"),
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("Actions", "Undo the last page operation"), "Ctrl+Z"),
    ActionSpec("edit.redo", QT_TRANSLATE_NOOP("Actions", "Redo the page operation"), "Ctrl+Shift+Z"),
    ActionSpec("pages.move_earlier", QT_TRANSLATE_NOOP("Actions", "Move the selected pages earlier"), "Alt+Left"),
    ActionSpec("pages.move_later", QT_TRANSLATE_NOOP("Actions", "Move the selected pages later"), "Alt+Right"),
    ActionSpec("pages.rotate_clockwise", QT_TRANSLATE_NOOP("Actions", "Turn the selected pages clockwise"), "Ctrl+R"),
    ActionSpec("pages.rotate_anticlockwise", QT_TRANSLATE_NOOP("Actions", "Turn the selected pages anticlockwise"),
               "Ctrl+Shift+R"),
    ActionSpec("pages.bin", QT_TRANSLATE_NOOP("Actions", "Move the selected pages to the bin"), "Delete",
               scope="pages"),
    ActionSpec("pages.show_bin", QT_TRANSLATE_NOOP("Actions", "Show the bin (restore pages)"), "Ctrl+Shift+B"),
    ActionSpec("pages.keep_blank", QT_TRANSLATE_NOOP("Actions", "Keep the selected blank pages"), "Ctrl+B"),
    ActionSpec("pages.rerun_ocr", QT_TRANSLATE_NOOP("Actions", "Read the selected pages again (OCR)"), "Ctrl+Shift+O"),
    ActionSpec("pages.to_previous_item", QT_TRANSLATE_NOOP("Actions", "Move the selected pages to the previous item"),
               "Alt+Up"),
    ActionSpec("pages.to_next_item", QT_TRANSLATE_NOOP("Actions", "Move the selected pages to the next item"),
               "Alt+Down"),
    ActionSpec("pages.replace_with_next_scan",
               QT_TRANSLATE_NOOP("Actions", "Replace this page with the next scan that arrives"), "Ctrl+Shift+P"),
    ActionSpec("item.split", QT_TRANSLATE_NOOP("Actions", "Split the item before this page"), "Ctrl+Shift+S"),
    ActionSpec("item.merge_into_previous", QT_TRANSLATE_NOOP("Actions", "Merge this item into the previous one"),
               "Ctrl+Shift+M"),
    ActionSpec("inbox.refresh", QT_TRANSLATE_NOOP("Actions", "Refresh the item list"), "F5"),
    ActionSpec("attention.show", QT_TRANSLATE_NOOP("Actions", "What needs attention (retry failed files and pages)"),
               "F9"),
    ActionSpec("station.profile", QT_TRANSLATE_NOOP("Actions", "Choose the station profile"), "Ctrl+P"),
    ActionSpec("app.settings", QT_TRANSLATE_NOOP("Actions", "Settings…"), "Ctrl+,"),
    ActionSpec("help.shortcuts", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "F1"),
    ActionSpec("app.quit", QT_TRANSLATE_NOOP("Actions", "Quit"), "Ctrl+Q"),
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
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
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

    @staticmethod
    def label(action_id: str) -> str:
        """The action's own text, translated, whatever its QAction shows now."""
        return _tr(SPEC_BY_ID[action_id].text)
