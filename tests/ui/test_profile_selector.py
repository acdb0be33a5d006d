"""The station-profile selector: new scans are taken in under the profile chosen, and each
item is described by its own profile's rules."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from as_operator import show_active

from app.ui.main_window import MainWindow
from app.workspace import Workspace

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot, workspace: Workspace, ui_settings) -> MainWindow:
    return show_active(qtbot, MainWindow(workspace, ui_settings, refresh_ms=200, run_station=True))


def test_a_station_that_cannot_start_says_why_in_the_window(qtbot, tmp_path: Path, ui_settings):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text(f'[profiles.default]\nwatch = ["{tmp_path / "gone"}"]\n', encoding="utf-8")
    workspace = Workspace.open(data)
    window = _open(qtbot, workspace, ui_settings)
    qtbot.waitUntil(window.station_label.isVisible, timeout=120_000)
    assert window.station_label.text().startswith("Station stopped: Scanner folder")
    assert "gone does not exist" in window.station_label.text() and "create it" in window.station_label.text()
    window.close()
    workspace.catalog.close()


def test_scans_after_a_switch_are_taken_in_and_described_under_the_chosen_profile(
        qtbot, tmp_path: Path, ui_settings, corpus: Path):
    data, office, survey = tmp_path / "data", tmp_path / "office", tmp_path / "survey"
    data.mkdir()
    office.mkdir()
    survey.mkdir()
    (data / "settings.toml").write_text(
        'default_profile = "office"\n'
        f'[profiles.office]\nwatch = ["{office}"]\nstability_delay = 0.5\n'
        f'[profiles.survey]\nwatch = ["{survey}"]\nstability_delay = 0.5\n'
        'archival_code_template = "{fonds}-{year}-{retention}-{item}"\n', encoding="utf-8")
    workspace = Workspace.open(data)
    window = _open(qtbot, workspace, ui_settings)
    assert window.profile_box.currentText() == "office"

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert QApplication.focusWidget() is window.profile_box or window.profile_box.view().isVisible()
    window.profile_box.hidePopup()
    qtbot.keyClick(window.profile_box, Qt.Key.Key_Down)  # a closed combo box steps with the arrows
    qtbot.waitUntil(lambda: workspace.profile.name == "survey", timeout=120_000)
    assert "profile survey" in window.statusBar().currentMessage()
    assert window.first_run.target == survey  # the samples would go where the station now looks
    qtbot.waitUntil(lambda: window.station is not None and window.station.station.folders == [survey],
                    timeout=120_000)

    printed = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    printed.crop((0, 240, printed.width, 560)).save(survey / "page-001.jpg", dpi=(300, 300), quality=90)
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.state == "awaiting_description",
                    timeout=180_000)
    assert window.detail.profile == "survey"
    form = window.form
    for name, text in {"fonds_code": "Z109", "year": "2023", "retention": "Y"}.items():
        form.editors[name].setText(text)
    qtbot.waitUntil(lambda: form.editors["item_no"].text() == "0001", timeout=120_000)
    assert form.code_label.text() == "Z109-2023-Y-0001"  # the survey profile's template, not the default
    window.close()
    workspace.catalog.close()
