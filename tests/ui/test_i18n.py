"""The interface in Chinese and in English: the Linguist source is complete, and the window
made after the translators are installed shows its texts in the chosen language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.catalog.description import FIELDS
from app.catalog.models import ItemState
from app.ui.actions import ACTIONS
from app.ui.i18n import LANGUAGE_KEY, TRANSLATIONS_DIR, install_translators, remove_translators, translation_file
from app.ui.inbox import COLUMNS
from app.ui.main_window import MENUS, MainWindow
from app.ui.thumbnails import VERDICT_TEXT

TS = TRANSLATIONS_DIR / "lantai_zh_CN.ts"
HOW_TO_FIX = "run scripts/translations, translate what it reports in resources/i18n/lantai_zh_CN.ts, run it again"


def ts_messages() -> dict[tuple[str, str], ET.Element]:
    """Every message of the .ts by (context, source text)."""
    messages = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source"))] = message
    return messages


def translation(message: ET.Element) -> str:
    node = message.find("translation")
    forms = [form.text or "" for form in node.iter("numerusform")]
    return "".join(forms) if message.get("numerus") == "yes" else node.text or ""


def test_every_message_has_a_chinese_translation():
    unfinished = [f"{context}: {source!r}" for (context, source), message in ts_messages().items()
                  if message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                  or not translation(message).strip()]
    assert not unfinished, f"{len(unfinished)} untranslated text(s) ({HOW_TO_FIX}):\n" + "\n".join(unfinished)


def test_every_text_has_the_context_it_is_looked_up_in():
    # lupdate gives no context to a text it cannot place (tr = self.tr; tr("…")): Qt then never
    # finds its translation. Call self.tr("…") or QCoreApplication.translate("Context", "…").
    placed_nowhere = [source for context, source in ts_messages() if not context]
    assert not placed_nowhere, f"texts lupdate could not give a context: {placed_nowhere}"


def test_texts_from_tables_are_extracted_for_translation():
    # These are translated by their English text at run time, so each needs a marker
    # (QT_TRANSLATE_NOOP) that puts it in the .ts; app/ui/i18n.py holds the core tables' ones.
    wanted = {("Actions", spec.text) for spec in ACTIONS}
    wanted |= {("DescriptionForm", spec.label_en) for spec in FIELDS}
    wanted |= {("ItemState", value.replace("_", " ")) for name, value in vars(ItemState).items()
               if not name.startswith("_")}
    wanted |= {("Inbox", column) for column in COLUMNS}
    wanted |= {("ThumbnailStrip", text) for text in VERDICT_TEXT.values()}
    wanted |= {("MainWindow", title) for title, _ids in MENUS}
    missing = sorted(wanted - ts_messages().keys())
    assert not missing, f"not in {TS.name} ({HOW_TO_FIX}; mark new ones with QT_TRANSLATE_NOOP): {missing}"


@pytest.fixture
def language(qapp, ui_settings: QSettings):
    """Choose the interface language as the settings dialog stores it, and install it."""
    assert translation_file("zh_CN").exists(), \
        f"{translation_file('zh_CN')} is missing: run scripts/setup, which builds it from the .ts"

    def choose(code: str) -> str:
        ui_settings.setValue(LANGUAGE_KEY, code)
        return install_translators(qapp, ui_settings)

    yield choose
    remove_translators(qapp)


def open_window(qtbot, workspace, ui_settings) -> MainWindow:
    window = MainWindow(workspace, ui_settings, refresh_ms=200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_chinese_interface(qtbot, workspace, ui_settings, language):
    assert language("zh_CN") == "zh_CN"
    chinese = {key: translation(message) for key, message in ts_messages().items()}
    window = open_window(qtbot, workspace, ui_settings)

    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:2] == ["文件(&F)", "件(&I)"]
    assert menus == [chinese[("MainWindow", title)] for title, _ids in MENUS]
    assert window.registry.text("item.commit") == chinese[("Actions", "Commit the item")] == "提交本件"
    assert window.registry.text("item.next") == "下一件"
    header = window.inbox.model().headerData(1, Qt.Orientation.Horizontal)
    assert header == "状态"
    # the item list shows the states in Chinese once the catalog has been read
    qtbot.waitUntil(lambda: window.inbox.model().rowCount() > 0, timeout=120_000)
    assert window.inbox.model().index(0, 1).data() == "待著录"
    # Qt's own texts come from its qtbase translation
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert [button.text() for button in buttons.buttons()] == ["保存", "取消"]


def test_english_interface(qtbot, workspace, ui_settings, language):
    assert language("en") == "en"
    window = open_window(qtbot, workspace, ui_settings)
    assert [action.text() for action in window.menuBar().actions()] == [title for title, _ids in MENUS]
    assert window.registry.text("item.commit") == "Commit the item"
    assert window.inbox.model().headerData(1, Qt.Orientation.Horizontal) == "State"
