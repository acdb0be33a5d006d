"""The interface language: English source texts, Simplified Chinese from Qt Linguist files.

``ui/language`` in QSettings is "zh_CN" or "en"; unset, the system locale decides (any
Chinese locale gets zh_CN). Lantai's own translations are ``resources/i18n/lantai_<lang>.qm``,
built from the ``.ts`` sources by ``scripts/setup`` (``scripts/translations`` re-extracts the
texts); Qt's own ``qtbase`` translations make the standard buttons (OK, Cancel…) match.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.paths import RESOURCES

log = logging.getLogger("lantai.ui")

LANGUAGE_KEY = "ui/language"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("zh_CN", SOURCE_LANGUAGE)
TRANSLATIONS_DIR = RESOURCES / "i18n"

_installed: list[QTranslator] = []

# lupdate only sees literal strings. These come from tables in Qt-free core modules and are
# translated by their English text at run time, so they are marked for extraction here;
# tests/ui/test_i18n.py checks that every one of them is in the .ts.
FIELD_LABELS = (  # app.catalog.description.FIELDS, label_en; shown by DescriptionForm
    QT_TRANSLATE_NOOP("DescriptionForm", "Fonds code"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Category"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Year"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Retention period"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Organisation code"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Item number"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Title"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Responsible party"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Document number"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Date"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Pages"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Secrecy"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Open status"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Remarks"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Persons"),
    QT_TRANSLATE_NOOP("DescriptionForm", "Themes"),
)
ITEM_STATES = (  # app.catalog.models.ItemState, "_" read as " "; shown by state_text
    QT_TRANSLATE_NOOP("ItemState", "collecting"),
    QT_TRANSLATE_NOOP("ItemState", "processing"),
    QT_TRANSLATE_NOOP("ItemState", "awaiting description"),
    QT_TRANSLATE_NOOP("ItemState", "ready"),
    QT_TRANSLATE_NOOP("ItemState", "committed"),
    QT_TRANSLATE_NOOP("ItemState", "needs attention"),
    QT_TRANSLATE_NOOP("ItemState", "empty"),
    QT_TRANSLATE_NOOP("ItemState", "merged"),
)


def ui_language(settings: QSettings) -> str:
    """The language chosen in ``settings``, else the system's: zh_CN or en."""
    chosen = settings.value(LANGUAGE_KEY)
    if chosen in LANGUAGES:
        return chosen
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"lantai_{language}.qm"


def install_translators(app: QCoreApplication, settings: QSettings) -> str:
    """Put ``settings``' language in force for every widget made after this; returns it.

    Earlier translators installed here are removed first, so this may be called again.
    """
    remove_translators(app)
    language = ui_language(settings)
    if language == SOURCE_LANGUAGE:
        return language
    qt_own = QTranslator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_translations):
        _install(app, qt_own)
    lantai = QTranslator(app)
    path = translation_file(language)
    if lantai.load(str(path)):
        _install(app, lantai)
    else:
        log.warning("no translation %s: the interface stays in English; run scripts/setup to build it", path)
    return language


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)
