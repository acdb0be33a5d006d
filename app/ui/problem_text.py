"""The catalog's problems with a description, in the interface language.

``app.catalog`` writes its problems in English (the CLI, JSON output and logs show them as
they are) and gives each the values its message interpolates, ``Problem.params``. Here each
kind of problem has an English template that reads exactly like the core's message, marked
for Qt Linguist and filled with those values once translated. A problem with no template
(the 档号 template's own reasons) or whose translation asks for a value it does not have is
shown with its English message, so nothing is lost: a new check in the core needs its
template here to be translated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.catalog.description import FIELDS, Problem

# How a problem on a line of its own names its field, as the core's messages do ("件号 item_no").
FIELD_NAMES_ZH = {spec.name: spec.label_zh for spec in FIELDS} | {"archival_code": "档号"}

# By (field, code), (field, code, params["rule"]) where one code has two messages, or ("*", code);
# {name} stands for params[name]; '{value}' quotes as the core's repr() does (but for a value
# holding ' or \, which repr() writes otherwise).
TEMPLATES: dict[tuple[str, ...], str] = {
    ("*", "required"): QT_TRANSLATE_NOOP("Problems", "is required; write e.g. {example}"),
    ("fonds_code", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' does not match this archive's fonds codes ({pattern}); write e.g. Z109"),
    ("category_code", "unknown_code"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a category code; use one of {choices}"),
    ("year", "format"): QT_TRANSLATE_NOOP("Problems", "'{value}' is not a year; write 4 digits such as 2023"),
    ("year", "range"): QT_TRANSLATE_NOOP("Problems", "{value} is outside {earliest}–{latest}; check the year"),
    ("retention", "unknown_code"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a retention code; use one of {choices}"),
    ("org_code", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' may hold only letters, digits or Chinese characters, because it becomes"
        " part of the 档号; write e.g. BGS"),
    ("item_no", "format"): QT_TRANSLATE_NOOP("Problems", "'{value}' is not a number; write 4 digits such as 0026"),
    ("item_no", "range"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is outside 0001–9999; write 4 digits such as 0026"),
    ("title", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' has an unpaired bracket; put a title you supplied wholly in [ ]"),
    ("doc_no", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' does not look like issuer〔year〕serial号 such as 国办发〔2024〕1号;"
        " check it against the document"),
    ("date", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a date; write YYYYMMDD such as 20230512, in [ ] if you inferred it"),
    ("date", "format", "calendar"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a real calendar date; write YYYYMMDD such as 20230512,"
        " in [ ] if you inferred it"),
    ("date", "range"): QT_TRANSLATE_NOOP(
        "Problems", "{value} is outside the years {earliest}–{latest}; check the date"),
    ("date", "year_mismatch"): QT_TRANSLATE_NOOP(
        "Problems", "{value} is in {date_year} but 年度 year is {year}; check one of them"),
    ("pages", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a number; write the page count such as 12"),
    ("pages", "range"): QT_TRANSLATE_NOOP("Problems", "{value} must be 1 or more"),
    ("pages", "pages_mismatch"): QT_TRANSLATE_NOOP(
        "Problems", "says {value} but {linked} page images are linked; scan or unlink pages, or correct the count"),
    ("secrecy", "unknown_code"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not a secrecy level; use one of {choices}, optionally with a term such as"
        " 机密★10年, or leave it empty when unclassified"),
    ("secrecy", "format"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' has a term that is not like 10年, 6个月 or 长期; write e.g. 机密★10年"),
    ("open_status", "unknown_code"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not an open status; use one of {choices}"),
    ("themes", "unknown_code"): QT_TRANSLATE_NOOP(
        "Problems", "'{value}' is not one of this archive's thematic collections ({choices});"
        " pick one or ask for it to be added"),
    ("archival_code", "duplicate"): QT_TRANSLATE_NOOP(
        "Problems", "{code} is already used by item {holder}; change 件号 item_no"),
    ("item", "committed"): QT_TRANSLATE_NOOP("Problems", "item {item} is committed; its description is frozen"),
    ("item", "merged"): QT_TRANSLATE_NOOP(
        "Problems", "item {item} has no pages (they were merged into another item); there is nothing to"
        " describe or commit. Undo the page operation to bring them back"),
    ("item", "empty"): QT_TRANSLATE_NOOP(
        "Problems", "item {item} has no pages (they were binned or moved); there is nothing to describe"
        " or commit. Undo the page operation to bring them back"),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def problem_text(problem: Problem) -> str:
    """What is wrong and what to write, as shown under the field (which names it already)."""
    text = _translated(problem)
    if text is None:
        name = FIELD_NAMES_ZH.get(problem.field)
        return problem.message.removeprefix(f"{name} {problem.field}: ") if name else problem.message
    return text


def problem_line(problem: Problem) -> str:
    """The same naming its field first, for a line of its own such as the status bar."""
    text = _translated(problem)
    if text is None:
        return problem.message
    if problem.field not in FIELD_NAMES_ZH:
        return text
    line = QCoreApplication.translate("Problems", "{field_zh} {field}: {text}",
                                      "a problem on a line of its own: field_zh is the Chinese name of the field")
    values = {"field_zh": FIELD_NAMES_ZH[problem.field], "field": problem.field, "text": text}
    return _filled(line, values) or text  # a translation asking for other values: the text alone


def _translated(problem: Problem) -> str | None:
    rule = problem.params.get("rule")
    for key in ((problem.field, problem.code, rule), (problem.field, problem.code), ("*", problem.code)):
        if key in TEMPLATES:
            return _filled(QCoreApplication.translate("Problems", TEMPLATES[key]), problem.params)
    return None


def _filled(template: str, values: dict) -> str | None:
    """``template`` with each {name} replaced by its value; None if one has no value."""
    if any(name not in values for name in PLACEHOLDER.findall(template)):
        return None
    return PLACEHOLDER.sub(lambda match: _shown(values[match[1]]), template)


def _shown(value: object) -> str:
    if isinstance(value, list):
        separator = QCoreApplication.translate("Problems", ", ", "between the entries of a list")
        return separator.join(map(str, value))
    return str(value)
