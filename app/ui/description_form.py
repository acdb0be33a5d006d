"""The description (著录) form, generated from ``FIELDS`` and checked as the operator types.

Checks are the catalog's own: every change runs ``normalize_field`` and ``validate`` and shows
each problem under its field, in the interface's language (``app.ui.problem_text``). A field's
"is required" waits until the operator has been in that field or tries to commit, so a fresh
form is not a wall of red. The 档号 is composed live from the profile's template; whether
another item holds it, and the next free 件号, are read from the catalog on a worker thread.

What the first page's OCR suggests for 题名, 责任者, 文号 and 日期 is shown under each of those
fields while it is empty, never typed into it: a misread suggestion cannot reach the catalog
unless the operator accepts it (one key for the field with focus, one for all of them).
Stored descriptions and separator-sheet prefill fill the fields first, so they win.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from app.catalog.archival_code import ArchivalCodeTemplate
from app.catalog.description import FIELDS, Description, Problem, normalize_field, validate
from app.catalog.details import ItemDetail
from app.catalog.suggestions import Suggestion
from app.ui.problem_text import problem_text
from app.ui.workers import WorkerPool
from app.workspace import Workspace

# Carried from one committed item to the next: a batch is usually one fonds, year and class.
BATCH_FIELDS = ("fonds_code", "category_code", "year", "retention", "org_code")
# The fields whose values decide which 件号 sequence an item belongs to.
SEQUENCE_FIELDS = ("fonds_code", "year", "category_code", "retention")
COLOURS = {"error": "#c62828", "warning": "#a86b00"}
# What the first page's OCR can suggest (app.catalog.suggestions), in the form's order.
SUGGESTED_FIELDS = ("title", "responsible", "doc_no", "date")
# Below this a suggestion is marked unsure: a date from the body text, a poor reading.
UNSURE_BELOW = 0.5
SUGGESTION_STYLES = {
    "sure": "color: #24476b; background: #e8f0fa; border-radius: 3px; padding: 2px 4px;",
    "unsure": "color: #5c4300; background: #fdf1dc; border-radius: 3px; padding: 2px 4px;",
}


def _label_tr(text: str) -> str:
    return QCoreApplication.translate("DescriptionForm", text)


class DescriptionForm(QScrollArea):
    def __init__(self, workspace: Workspace, workers: WorkerPool, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.template = ArchivalCodeTemplate(workspace.profile.archival_code_template)
        self._item_numbers = workers.channel("catalog")
        self._duplicates = workers.channel("catalog")
        self.item: ItemDetail | None = None
        self.touched: set[str] = set()
        self.show_required = False
        self.proposed_item_no = ""
        self.sequence_asked: tuple = ()  # the fonds/year/category/retention last looked up
        self.holder: tuple[str, int | None] = ("", None)  # (档号 checked, item holding it)
        self.code = ""

        body = QWidget()
        column = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        code_box = QFrame()
        code_box.setFrameShape(QFrame.Shape.StyledPanel)
        code_layout = QVBoxLayout(code_box)
        code_layout.addWidget(QLabel(self.tr("档号 Archival code")))
        self.code_label = QLabel("—")
        font = QFont(self.code_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code_layout.addWidget(self.code_label)
        self.code_message = self._message_label()
        code_layout.addWidget(self.code_message)
        column.addWidget(code_box)
        self.suggestion_note = self._message_label()
        self.suggestion_note.setStyleSheet(SUGGESTION_STYLES["sure"])
        column.addWidget(self.suggestion_note)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        self.editors: dict[str, QLineEdit] = {}
        self.messages: dict[str, QLabel] = {}
        self.suggestion_labels: dict[str, QLabel] = {}
        self.examples: dict[str, str] = {}  # the placeholders of the suggested fields
        self.accept_actions: tuple[QAction, QAction] | None = None  # their keys are shown in the hints
        for row, spec in enumerate(FIELDS):
            translated = _label_tr(spec.label_en)  # the Chinese name itself when the UI is in Chinese
            text = spec.label_zh if translated == spec.label_zh else f"{spec.label_zh} {translated}"
            label = QLabel(text + (" *" if spec.required else ""))
            editor = QLineEdit()
            editor.setObjectName(spec.name)
            hint = " · ".join(f"{code} {name}" if code != name else code for code, name in spec.choices)
            editor.setPlaceholderText(hint or spec.example)
            if spec.repeatable:
                editor.setToolTip(self.tr("Several entries: separate them with 、 or ,"))
            label.setBuddy(editor)
            editor.textEdited.connect(lambda _text, name=spec.name: self._edited(name))
            editor.textChanged.connect(self._recheck)
            message = self._message_label()
            grid.addWidget(label, 3 * row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(editor, 3 * row, 1)
            if spec.name in SUGGESTED_FIELDS:
                hint = self._message_label()
                hint.linkActivated.connect(lambda _link, name=spec.name: self._accept_and_move_on(name))
                grid.addWidget(hint, 3 * row + 1, 1)
                self.suggestion_labels[spec.name] = hint
                self.examples[spec.name] = editor.placeholderText()
            grid.addWidget(message, 3 * row + 2, 1)
            self.editors[spec.name] = editor
            self.messages[spec.name] = message
        column.addLayout(grid)
        column.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.load(None)

    # Filling -------------------------------------------------------------------------------

    def load(self, item: ItemDetail | None, defaults: dict | None = None) -> None:
        """Show ``item``: its description, or for a new one the batch defaults and its prefill."""
        self.item = item
        self._item_numbers.renew()  # a 件号 or a holder asked for the item before is not this one's
        self._duplicates.renew()
        profile = self.workspace.profile_named(item.profile) if item else self.workspace.profile
        self.template = ArchivalCodeTemplate(profile.archival_code_template)
        self.touched.clear()
        self.show_required = False
        self.proposed_item_no = ""
        self.sequence_asked = ()
        self.holder = ("", None)
        if item is None:
            values = {}
        elif item.description is not None:
            values = item.description
        else:
            values = {"category_code": "WS", **(defaults or {}), **item.prefill}
        for spec in FIELDS:
            value = values.get(spec.name)
            text = "、".join(value) if isinstance(value, list) else "" if value is None else str(value)
            self.editors[spec.name].setText(text)
        for editor in self.editors.values():
            editor.setEnabled(item is not None)
            editor.setReadOnly(item is not None and item.state == "committed")
        if item is not None:
            self.editors["pages"].setPlaceholderText(
                self.tr("%n page image(s) linked", "", len(item.pages)))
        self._set_heading()
        self._recheck()

    def values(self) -> dict[str, str]:
        """The raw texts, as ``Workspace.describe`` takes them."""
        return {name: editor.text() for name, editor in self.editors.items()}

    def batch_defaults(self) -> dict[str, str]:
        description = self.description()
        return {name: getattr(description, name) for name in BATCH_FIELDS}

    def description(self) -> Description:
        fields = {name: normalize_field(name, text) for name, text in self.values().items()}
        if fields["pages"] is None and self.item is not None:  # as describe_item counts them
            fields["pages"] = len(self.item.pages)
        return Description(**fields)

    # Checking ------------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Everything wrong that the form knows of, "is required" included."""
        description = self.description()
        linked = len(self.item.pages) if self.item else None
        problems = validate(description, pages_linked=linked)
        self.code = ""
        try:
            self.code = self.template.compose(description)
        except ValueError as exc:
            # While its fields are still empty, their own "is required" says all there is to say.
            if all(getattr(description, name) for name in SEQUENCE_FIELDS + ("item_no",)):
                problems.append(Problem("archival_code", "compose", str(exc)))
        if self.code and self.holder == (self.code, self.holder[1]) and self.holder[1] is not None:
            # as describe_item would report it; problem_text says it in the interface's language
            problems.append(Problem("archival_code", "duplicate", f"档号 archival_code: {self.code} is already"
                                    f" used by item {self.holder[1]}; change 件号 item_no",
                                    params={"code": self.code, "holder": self.holder[1]}))
        return problems

    def reveal_all(self) -> list[Problem]:
        """Show every problem, "is required" too (the operator asked to commit)."""
        self.show_required = True
        return self._recheck()

    def first_to_fill(self) -> QLineEdit:
        """The first field with a wrong value, else the first empty required one, else the title."""
        for problem in self.problems():
            if problem.severity == "error" and problem.code != "required" and problem.field in self.editors:
                return self.editors[problem.field]
        for spec in FIELDS:
            if spec.name == "pages" or (spec.name == "item_no" and self.sequence_asked):
                continue  # counted by the catalog, or a number is on its way
            if spec.required and not self.editors[spec.name].text().strip():
                return self.editors[spec.name]
        return self.editors["title"]

    def _edited(self, name: str) -> None:
        self.touched.add(name)

    def _recheck(self) -> list[Problem]:
        problems = self.problems()
        shown: dict[str, list[Problem]] = {}
        for problem in problems:
            if problem.code == "required" and not (self.show_required or problem.field in self.touched):
                continue
            shown.setdefault(problem.field, []).append(problem)
        for name, label in self.messages.items():
            self._show(label, shown.get(name, []))
        self._show(self.code_message, shown.get("archival_code", []))
        self.code_label.setText(self.code or "—")
        self._show_suggestions()
        self._propose_item_no()
        self._check_duplicate()
        return problems

    @staticmethod
    def _message_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.hide()
        return label

    @staticmethod
    def _show(label: QLabel, problems: list[Problem]) -> None:
        if not problems:
            label.hide()
            label.clear()
            return
        worst = "error" if any(p.severity == "error" for p in problems) else "warning"
        label.setText("\n".join(problem_text(p) for p in problems))
        label.setStyleSheet(f"color: {COLOURS[worst]};")
        label.setProperty("severity", worst)
        label.show()

    # Suggestions ---------------------------------------------------------------------------

    def use_keys(self, accept: QAction, accept_all: QAction) -> None:
        """Name the keys of these actions in the hints, as the operator has bound them."""
        self.accept_actions = (accept, accept_all)
        for action in self.accept_actions:
            action.changed.connect(self._show_suggestions)
        self._show_suggestions()

    def pending_suggestion(self, name: str) -> Suggestion | None:
        """The suggestion for field ``name`` while the field is empty and may be edited."""
        if self.item is None or self.item.state == "committed" or self.editors[name].text().strip():
            return None
        return self.item.suggestions.get(name)

    def accept_suggestion(self) -> bool:
        """Fill the field with focus from its suggestion and go on to the next field to fill."""
        focused = self.window().focusWidget()
        name = next((name for name, editor in self.editors.items() if editor is focused), None)
        if name is None or name not in SUGGESTED_FIELDS or self.pending_suggestion(name) is None:
            return False
        self._accept_and_move_on(name)
        return True

    def accept_all_suggestions(self) -> int:
        """Fill every empty field that has a suggestion; then the first field still to fill."""
        names = [name for name in SUGGESTED_FIELDS if self.pending_suggestion(name)]
        for name in names:
            self._accept(name)
        if names:
            self.first_to_fill().setFocus()
        return len(names)

    def _accept(self, name: str) -> None:
        self.touched.add(name)
        self.editors[name].setText(self.item.suggestions[name].value)

    def _accept_and_move_on(self, name: str) -> None:
        self._accept(name)
        self._next_to_fill(name).setFocus()

    def _next_to_fill(self, after: str) -> QLineEdit:
        """The next empty field after ``after`` that is required or has a suggestion."""
        names = [spec.name for spec in FIELDS]
        for spec in FIELDS[names.index(after) + 1:]:
            if spec.name == "pages" or self.editors[spec.name].text().strip():
                continue
            if spec.required or (spec.name in SUGGESTED_FIELDS and self.pending_suggestion(spec.name)):
                return self.editors[spec.name]
        return self.first_to_fill()

    def _show_suggestions(self) -> None:
        keys = [action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                for action in self.accept_actions or ()]
        pending = 0
        for name, label in self.suggestion_labels.items():
            suggestion = self.pending_suggestion(name)
            # A grey example in the empty field would pass for a value beside the suggestion.
            self.editors[name].setPlaceholderText("" if suggestion else self.examples[name])
            if suggestion is None:
                label.hide()
                continue
            pending += 1
            sure = suggestion.confidence >= UNSURE_BELOW
            text = (self.tr("Suggested: %1") if sure else self.tr("Suggested, unsure: %1")).replace(
                "%1", f"<b>{escape(suggestion.value)}</b>")
            if suggestion.source_text != suggestion.value:
                text += " " + self.tr("(read as “%1”)").replace("%1", escape(suggestion.source_text))
            accept = self.tr("accept (%1)").replace("%1", keys[0]) if keys and keys[0] else self.tr("accept")
            text += f" — <a href=\"accept\">{escape(accept)}</a>"
            if label.text() != text:
                label.setText(text)
                label.setStyleSheet(SUGGESTION_STYLES["sure" if sure else "unsure"])
                label.setToolTip(self.tr("Read from the first page by OCR, confidence %1 %")
                                 .replace("%1", str(round(suggestion.confidence * 100))))
            label.show()
        if pending and all(keys):
            self.suggestion_note.setText(self.tr(
                "The first page's OCR suggests %n field(s), shown under them: %1 accepts the one of the"
                " field with focus, %2 all of them", "", pending).replace("%1", keys[0]).replace("%2", keys[1]))
        self.suggestion_note.setVisible(bool(pending and all(keys)))

    # Catalog look-ups ----------------------------------------------------------------------

    def _propose_item_no(self) -> None:
        if self.item is None or self.item.state == "committed":
            return
        current = self.editors["item_no"].text()
        if current and current != self.proposed_item_no:
            return  # the operator's own number, or the stored one
        description = self.description()
        key = tuple(getattr(description, name) for name in SEQUENCE_FIELDS)
        if not all(key) or any(p.field in SEQUENCE_FIELDS and p.severity == "error"
                               for p in validate(description)) or key == self.sequence_asked:
            return
        self.sequence_asked = key
        self._item_numbers.latest(lambda: self.workspace.next_item_no(*key), self._set_item_no)

    def _set_item_no(self, number: str) -> None:
        editor = self.editors["item_no"]
        if editor.text() in ("", self.proposed_item_no) and number != editor.text():
            self.proposed_item_no = number
            editor.setText(number)

    def _check_duplicate(self) -> None:
        if not self.code or self.item is None or self.holder[0] == self.code:
            return
        code, item_id = self.code, self.item.id
        self._duplicates.latest(lambda: self.workspace.code_holder(code, item_id),
                                lambda holder: self._set_holder(code, holder))

    def _set_holder(self, code: str, holder: int | None) -> None:
        self.holder = (code, holder)
        if holder is not None:
            self._recheck()

    def _set_heading(self) -> None:
        if self.item is None:
            self.heading.setText(self.tr("No item selected"))
            return
        text = self.tr("Item %1 · %2 · %n page(s)", "", len(self.item.pages))
        self.heading.setText(text.replace("%1", str(self.item.id))
                             .replace("%2", state_text(self.item.state)))


def state_text(state: str) -> str:
    return QCoreApplication.translate("ItemState", state.replace("_", " "))
