"""One station profile's settings as a form: watched folders, grouping, OCR, image checks, 档号.

The editor shows a ``Profile`` and reads one back (``profile()``); fields it does not show
(ignore patterns, stability delay…) pass through unchanged. Problems found by
``app.config.profile_problems`` are shown under the field they concern.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.catalog.archival_code import PLACEHOLDERS, ArchivalCodeTemplate, TemplateError
from app.catalog.description import FIELD_BY_NAME
from app.config import Profile, SettingsProblem

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#a86b00"
# The example 档号 under the template is composed from the fields' own examples.
SAMPLE_FIELDS = {name: FIELD_BY_NAME[name].example
                 for name in ("fonds_code", "category_code", "year", "retention", "org_code", "item_no")}


def message_label() -> QLabel:
    """A hidden label for what is wrong with the field above it."""
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


class ProfileEditor(QScrollArea):
    changed = Signal()  # any value the operator changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded = Profile()
        self.messages: dict[str, QLabel] = {}  # by problem field, e.g. "image_rules.min_dpi"
        self.fields: dict[str, QWidget] = {}  # the widget to focus for a problem field
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._scans_box())
        column.addWidget(self._ocr_box())
        column.addWidget(self._checks_box())
        column.addWidget(self._code_box())
        column.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)

    # Building --------------------------------------------------------------------------------

    def _scans_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scans"))
        form = QFormLayout(box)
        self.folders = QListWidget()
        self.folders.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.folders.setMaximumHeight(self.fontMetrics().height() * 6)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("Type a folder's full path and press Enter"))
        self.folder_edit.returnPressed.connect(self.add_typed_folder)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected_folders)
        delete_key = QAction(self.folders)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.remove_selected_folders)
        self.folders.addAction(delete_key)
        adding = QHBoxLayout()
        adding.addWidget(self.folder_edit, 1)
        adding.addWidget(browse)
        adding.addWidget(remove)
        self._row(form, self.tr("&Watched folders"), "watch", self.folders)
        form.addRow("", adding)
        self.folder_note = message_label()
        form.addRow("", self.folder_note)

        self.polling = QCheckBox(self.tr("Poll the folders (for network shares, which report no changes)"))
        self.polling.toggled.connect(self.changed)
        self._row(form, "", "polling", self.polling)
        self.grouping = QComboBox()
        for rule, text in (("file", self.tr("One file is one item")),
                           ("folder", self.tr("One folder is one item")),
                           ("time_gap", self.tr("Pages scanned close together are one item"))):
            self.grouping.addItem(text, rule)
        self.grouping.currentIndexChanged.connect(self._grouping_chosen)
        self._row(form, self.tr("&Grouping"), "grouping", self.grouping)
        self.time_gap = self._seconds(0.01, 86_400)
        self._row(form, self.tr("A new item after a &pause of"), "time_gap_seconds", self.time_gap)
        self.quiet = self._seconds(0.01, 3_600)
        self._row(form, self.tr("An item is &closed after"), "item_quiet_seconds", self.quiet)
        return box

    def _ocr_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Text recognition (OCR)"))
        form = QFormLayout(box)
        self.languages = QLineEdit()
        self.languages.setPlaceholderText("chi_sim+eng")
        self.languages.textEdited.connect(self.changed)
        self._row(form, self.tr("&Languages"), "ocr_languages", self.languages)
        self.installed_note = QLabel(self.tr("Looking for Tesseract's languages…"))
        self.installed_note.setWordWrap(True)
        form.addRow("", self.installed_note)
        return box

    def _checks_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Image checks"))
        form = QFormLayout(box)
        self.min_dpi = self._number(QSpinBox, 1, 2400, " dpi")
        self._row(form, self.tr("&Minimum resolution"), "image_rules.min_dpi", self.min_dpi)
        self.recommended_dpi = self._number(QSpinBox, 1, 2400, " dpi")
        self._row(form, self.tr("&Recommended resolution"), "image_rules.recommended_dpi", self.recommended_dpi)
        self.max_skew = self._number(QDoubleSpinBox, 0.01, 45, "°")
        self._row(form, self.tr("Largest &skew"), "image_rules.max_skew_deg", self.max_skew)
        self.size_tolerance = self._number(QDoubleSpinBox, 0, 100, " mm")
        self._row(form, self.tr("Page size may differ by"), "image_rules.page_size_tolerance_mm",
                  self.size_tolerance)
        self.require_colour = self._check(self.tr("Pages must be in colour (records with red headers or seals)"))
        self._row(form, "", "image_rules.require_colour", self.require_colour)
        self.auto_rotate = self._check(self.tr("Turn pages upright"))
        self._row(form, "", "image_rules.auto_rotate", self.auto_rotate)
        self.auto_deskew = self._check(self.tr("Straighten skewed pages"))
        self._row(form, "", "image_rules.auto_deskew", self.auto_deskew)
        return box

    def _code_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Archival code (档号)"))
        form = QFormLayout(box)
        self.template = QLineEdit()
        self.template.textEdited.connect(self.changed)
        self._row(form, self.tr("&Template"), "archival_code_template", self.template)
        self.example = QLabel()
        self.example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Example"), self.example)
        hint = QLabel(self.tr("Placeholders: %1. {org} may be empty; {item} is required; put punctuation"
                              " such as - or · between them.")
                      .replace("%1", " ".join(f"{{{name}}}" for name in PLACEHOLDERS)))
        hint.setWordWrap(True)
        form.addRow("", hint)
        return box

    def _row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        form.addRow(label, widget)
        message = message_label()
        form.addRow("", message)
        self.fields[key] = widget
        self.messages[key] = message

    def _seconds(self, low: float, high: float) -> QDoubleSpinBox:
        return self._number(QDoubleSpinBox, low, high, self.tr(" s", "suffix: seconds"))

    def _number(self, kind, low, high, suffix: str):
        box = kind()
        box.setRange(low, high)
        box.setSuffix(suffix)
        if isinstance(box, QDoubleSpinBox):
            box.setDecimals(2)  # as fine as a hand-written settings file, so showing it changes nothing
        box.valueChanged.connect(self.changed)
        return box

    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.toggled.connect(self.changed)
        return box

    # Showing and reading -----------------------------------------------------------------------

    def load(self, profile: Profile) -> None:
        self.loaded = profile
        widgets = (self.folders, self.polling, self.grouping, self.time_gap, self.quiet, self.languages,
                   self.min_dpi, self.recommended_dpi, self.max_skew, self.size_tolerance,
                   self.require_colour, self.auto_rotate, self.auto_deskew, self.template)
        for widget in widgets:  # one "changed" for the whole profile, not one per field
            widget.blockSignals(True)
        self.folders.clear()
        self.folders.addItems([str(folder) for folder in profile.watch])
        self.folder_edit.clear()
        self.folder_note.hide()
        self.polling.setChecked(profile.polling)
        self.grouping.setCurrentIndex(max(0, self.grouping.findData(profile.grouping)))
        self.time_gap.setValue(profile.time_gap_seconds)
        self.quiet.setValue(profile.item_quiet_seconds)
        self.languages.setText(profile.ocr_languages)
        rules = profile.image_rules
        self.min_dpi.setValue(rules.min_dpi)
        self.recommended_dpi.setValue(rules.recommended_dpi)
        self.max_skew.setValue(rules.max_skew_deg)
        self.size_tolerance.setValue(rules.page_size_tolerance_mm)
        self.require_colour.setChecked(rules.require_colour)
        self.auto_rotate.setChecked(rules.auto_rotate)
        self.auto_deskew.setChecked(rules.auto_deskew)
        self.template.setText(profile.archival_code_template)
        for widget in widgets:
            widget.blockSignals(False)
        self._grouping_chosen()

    def profile(self) -> Profile:
        """The loaded profile with the values as the form shows them."""
        rules = replace(self.loaded.image_rules, min_dpi=self.min_dpi.value(),
                        recommended_dpi=self.recommended_dpi.value(), max_skew_deg=self.max_skew.value(),
                        page_size_tolerance_mm=self.size_tolerance.value(),
                        require_colour=self.require_colour.isChecked(), auto_rotate=self.auto_rotate.isChecked(),
                        auto_deskew=self.auto_deskew.isChecked())
        folders = tuple(Path(self.folders.item(row).text()) for row in range(self.folders.count()))
        return replace(self.loaded, watch=folders, polling=self.polling.isChecked(),
                       grouping=self.grouping.currentData(), time_gap_seconds=self.time_gap.value(),
                       item_quiet_seconds=self.quiet.value(), ocr_languages=self.languages.text().strip(),
                       archival_code_template=self.template.text(), image_rules=rules)

    def show_problems(self, problems: list[SettingsProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for key, label in self.messages.items():
            label.setVisible(key in by_field)
            label.setText("\n".join(by_field.get(key, [])))
            label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self._show_example()

    def show_installed_languages(self, installed: set[str] | None, error: str = "") -> None:
        if installed is None:
            self.installed_note.setText(self.tr("The languages cannot be checked: %1").replace("%1", error))
        else:
            self.installed_note.setText(self.tr("Installed: %1").replace("%1", " ".join(sorted(installed))))

    # Folders --------------------------------------------------------------------------------

    def add_typed_folder(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            return
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            self._folder_message(self.tr("Write the folder's whole path, such as /srv/scans/station1"),
                                 ERROR_COLOUR)
            return
        if str(folder) not in self._folder_texts():
            self.folders.addItem(str(folder))
            self.changed.emit()
        self.folder_edit.clear()
        if folder.is_dir():
            self.folder_note.hide()
        else:
            self._folder_message(self.tr("%1 does not exist yet; the station watches it once it does")
                                 .replace("%1", str(folder)), WARNING_COLOUR)

    def remove_selected_folders(self) -> None:
        for item in self.folders.selectedItems():
            self.folders.takeItem(self.folders.row(item))
        self.folder_note.hide()
        self.changed.emit()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder the scanner saves into"))
        if folder:
            self.folder_edit.setText(folder)
            self.add_typed_folder()

    def _folder_texts(self) -> list[str]:
        return [self.folders.item(row).text() for row in range(self.folders.count())]

    def _folder_message(self, text: str, colour: str) -> None:
        self.folder_note.setText(text)
        self.folder_note.setStyleSheet(f"color: {colour};")
        self.folder_note.show()

    # Live parts ------------------------------------------------------------------------------

    def _grouping_chosen(self) -> None:
        rule = self.grouping.currentData()
        self.time_gap.setEnabled(rule == "time_gap")
        self.quiet.setEnabled(rule in ("folder", "time_gap"))
        self.changed.emit()

    def _show_example(self) -> None:
        try:
            self.example.setText(ArchivalCodeTemplate(self.template.text()).compose(SAMPLE_FIELDS))
        except (TemplateError, ValueError):
            self.example.setText("—")
