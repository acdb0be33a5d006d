"""The settings dialog, driven by the keyboard: what it saves is what settings.toml then says."""

from __future__ import annotations

from pathlib import Path

import pytest
from as_operator import show_active
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.config import load_settings
from app.ui.i18n import LANGUAGE_KEY
from app.ui.settings_dialog import SettingsDialog
from app.workspace import Workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot, workspace: Workspace, ui_settings: QSettings) -> SettingsDialog:
    dialog = show_active(qtbot, SettingsDialog(workspace, ui_settings))
    # Tesseract's languages are asked for in the background; the bound only stops a hung test
    qtbot.waitUntil(lambda: dialog.installed is not None, timeout=120_000)
    return dialog


def retype(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def test_changes_made_by_keyboard_are_saved(qtbot, dialog, workspace, ui_settings, tmp_path: Path):
    editor = dialog.editor
    retype(qtbot, editor.min_dpi, "250")
    editor.grouping.setFocus()
    qtbot.keyClick(editor.grouping, Qt.Key.Key_Down)
    qtbot.keyClick(editor.grouping, Qt.Key.Key_Down)  # file → folder → time_gap
    assert editor.time_gap.isEnabled()
    retype(qtbot, editor.time_gap, "120")
    scans = tmp_path / "station-2"
    scans.mkdir()
    retype(qtbot, editor.folder_edit, str(scans))
    qtbot.keyClick(editor.folder_edit, Qt.Key.Key_Return)
    assert [editor.folders.item(row).text() for row in range(editor.folders.count())] == [str(scans)]
    assert not editor.folder_note.isVisibleTo(dialog)  # the folder exists: nothing to warn about
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # system → 中文
    assert dialog.isVisible()  # Enter added the folder; it did not close the dialog

    qtbot.keyClick(dialog.language, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=120_000)

    profile = load_settings(workspace.layout.settings).profile()
    assert profile.image_rules.min_dpi == 250
    assert profile.image_rules.recommended_dpi == 300  # untouched values are kept
    assert (profile.grouping, profile.time_gap_seconds) == ("time_gap", 120.0)
    assert profile.watch == (scans,)
    assert ui_settings.value(LANGUAGE_KEY) == "zh_CN"


def test_a_wrong_archival_code_template_is_refused_with_a_message(qtbot, dialog, workspace):
    editor = dialog.editor
    assert editor.example.text() == "Z109-WS·2023-Y-BGS-0026"  # the default template, on sample values
    retype(qtbot, editor.template, "{fonds}{item}")
    message = editor.messages["archival_code_template"]
    assert message.isVisibleTo(dialog)
    assert "needs punctuation such as '-' or '·' between {fonds} and {item}" in message.text()
    assert editor.example.text() == "—"

    editor.min_dpi.setFocus()
    qtbot.keyClick(editor.min_dpi, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.status.text().startswith("Not saved: 1 problem(s) to fix")
    assert editor.template.hasFocus()  # taken straight to what is wrong
    assert not workspace.layout.settings.exists()

    retype(qtbot, editor.template, "{fonds}-{year}-{item}")
    assert not message.isVisibleTo(dialog)
    assert editor.example.text() == "Z109-2023-0026"
