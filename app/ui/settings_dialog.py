"""The settings dialog: the station, its profiles and the interface language.

It edits what ``settings.toml`` says, read afresh from the file, and writes it back in one go
with ``Workspace.save_settings`` (which keeps the previous file and records the change). Each
change is checked as it is made; Save is refused while anything is wrong. The running window
keeps the settings it started with: everything takes effect when Lantai is restarted.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings, SettingsError, SettingsProblem, load_settings, settings_problems
from app.ocr.tesseract import installed_languages
from app.ui.i18n import LANGUAGE_KEY
from app.ui.profile_editor import ERROR_COLOUR, ProfileEditor, message_label
from app.ui.workers import WorkerPool
from app.workspace import Workspace

# Language names are written in their own language, as every program shows them.
LANGUAGE_CHOICES = (("zh_CN", "中文"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, ui_settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ui_settings = ui_settings
        self.workers = WorkerPool({"settings": 1}, self)
        self.installed: set[str] | None = None  # Tesseract's languages, once known
        self.saving = False
        self.setWindowTitle(self.tr("Settings"))
        try:
            self.saved = load_settings(workspace.layout.settings)
            note = ""
        except SettingsError as exc:  # a file edited by hand; saving replaces it (and keeps it as .bak)
            self.saved = workspace.settings
            note = self.tr("The settings file cannot be read, so these are the ones Lantai started with: %1")\
                .replace("%1", str(exc))
        self.profiles = dict(self.saved.profiles)
        self.current = ""

        layout = QVBoxLayout(self)
        layout.addWidget(self._station_box())
        splitter = QSplitter(self)
        splitter.addWidget(self._profiles_column())
        self.editor = ProfileEditor(self)
        self.editor.changed.connect(self._recheck)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 780])
        layout.addWidget(splitter, 1)
        self.status = QLabel(note, self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter adds a folder or a profile; Ctrl+S saves
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self._show_profile(workspace.profile.name if workspace.profile.name in self.profiles
                           else self.saved.default_profile)
        screen = self.screen().availableGeometry()
        self.resize(min(980, screen.width()), min(820, screen.height()))
        self.workers.run("settings", installed_languages, self._languages_found,
                         lambda error: self._languages_found(None, str(error)))

    # Building --------------------------------------------------------------------------------

    def _station_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Station"), self)
        form = QFormLayout(box)
        self.station = QLineEdit(self.saved.station)
        self.operator = QLineEdit(self.saved.operator)
        self.default_profile = QComboBox()
        self.default_profile.addItems(list(self.profiles))
        self.default_profile.setCurrentText(self.saved.default_profile)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), None)
        for code, name in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ui_settings.value(LANGUAGE_KEY))))
        self.top_fields = {"station": self.station, "operator": self.operator,
                           "default_profile": self.default_profile}
        self.top_messages: dict[str, QLabel] = {}
        for key, label in (("station", self.tr("Station &name")), ("operator", self.tr("&Operator")),
                           ("default_profile", self.tr("&Default profile"))):
            form.addRow(label, self.top_fields[key])
            self.top_messages[key] = message_label()
            self.top_messages[key].setStyleSheet(f"color: {ERROR_COLOUR};")
            form.addRow("", self.top_messages[key])
        for line in (self.station, self.operator):
            line.textEdited.connect(self._recheck)
        form.addRow(self.tr("Interface &language"), self.language)
        form.addRow("", QLabel(self.tr("The interface language changes when Lantai is restarted.")))
        return box

    def _profiles_column(self) -> QWidget:
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Profiles")))
        self.profile_list = QListWidget()
        self.profile_list.addItems(list(self.profiles))
        self.profile_list.currentTextChanged.connect(self._show_profile)
        layout.addWidget(self.profile_list, 1)
        self.new_profile = QLineEdit()
        self.new_profile.setPlaceholderText(self.tr("New profile name, then Enter"))
        self.new_profile.setToolTip(self.tr("The new profile starts as a copy of the one shown"))
        self.new_profile.returnPressed.connect(self.add_profile)
        layout.addWidget(self.new_profile)
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Add"))
        add.clicked.connect(self.add_profile)
        remove = QPushButton(self.tr("Remo&ve"))
        remove.clicked.connect(self.remove_profile)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addLayout(row)
        self.profile_note = message_label()
        self.profile_note.setStyleSheet(f"color: {ERROR_COLOUR};")
        layout.addWidget(self.profile_note)
        return column

    # Profiles ---------------------------------------------------------------------------------

    def _show_profile(self, name: str) -> None:
        if not name or name == self.current:
            return
        self._keep_current()
        self.current = name
        self.editor.load(self.profiles[name])
        self.profile_list.setCurrentItem(self.profile_list.findItems(name, Qt.MatchFlag.MatchExactly)[0])
        self._recheck()

    def _keep_current(self) -> None:
        if self.current in self.profiles:
            self.profiles[self.current] = self.editor.profile()

    def add_profile(self) -> None:
        name = self.new_profile.text().strip()
        if not name:
            return
        if name in self.profiles:
            self._profile_message(self.tr("There is already a profile named %1").replace("%1", name))
            return
        self._keep_current()
        self.profiles[name] = replace(self.profiles[self.current], name=name)
        self.profile_list.addItem(name)
        self.default_profile.addItem(name)
        self.new_profile.clear()
        self.profile_note.hide()
        self._show_profile(name)

    def remove_profile(self) -> None:
        if len(self.profiles) == 1:
            self._profile_message(self.tr("A station needs at least one profile"))
            return
        name = self.current
        del self.profiles[name]
        self.current = ""
        self.default_profile.removeItem(self.default_profile.findText(name))
        self.profile_list.takeItem(self.profile_list.currentRow())  # shows the next profile
        self.profile_note.hide()

    def _profile_message(self, text: str) -> None:
        self.profile_note.setText(text)
        self.profile_note.show()

    # Checking and saving -------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings as the dialog shows them."""
        self._keep_current()
        return replace(self.saved, station=self.station.text().strip(), operator=self.operator.text().strip(),
                       default_profile=self.default_profile.currentText(), profiles=dict(self.profiles))

    def _recheck(self) -> list[SettingsProblem]:
        problems = settings_problems(self.settings(), self.installed)
        self.editor.show_problems([p for p in problems if p.profile == self.current])
        for key, label in self.top_messages.items():
            texts = [p.message for p in problems if not p.profile and p.field == key]
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        return problems

    def _languages_found(self, installed: set[str] | None, error: str = "") -> None:
        self.installed = installed
        self.editor.show_installed_languages(installed, error)
        self._recheck()

    def save(self) -> None:
        if self.saving:
            return
        problems = self._recheck()
        if problems:
            first = problems[0]
            if first.profile and first.profile != self.current:
                self._show_profile(first.profile)
            widget = (self.editor.fields if first.profile else self.top_fields).get(first.field)
            if widget is not None:
                widget.setFocus()
                if first.profile:
                    self.editor.ensureWidgetVisible(widget)
            where = self.tr("profile %1").replace("%1", first.profile) if first.profile else self.tr("station")
            self.status.setText(self.tr("Not saved: %n problem(s) to fix, marked in red. First, in %1: %2", "",
                                        len(problems)).replace("%1", where).replace("%2", first.message))
            return
        settings = self.settings()
        self.saving = True
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.workers.run("settings", lambda: self.workspace.save_settings(settings), self._saved, self._not_saved)

    def _saved(self, _changed: list[str]) -> None:
        self.saving = False
        language = self.language.currentData()
        if language is None:
            self.ui_settings.remove(LANGUAGE_KEY)
        else:
            self.ui_settings.setValue(LANGUAGE_KEY, language)
        self.accept()

    def _not_saved(self, error: Exception) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))

    def reject(self) -> None:
        if not self.saving:  # a save on its way finishes first
            super().reject()

    def done(self, result: int) -> None:
        self.workers.shutdown()
        super().done(result)
