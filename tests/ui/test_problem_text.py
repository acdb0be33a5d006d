"""The catalog's problems in the interface language: in English exactly the core's messages, in
Chinese from the .ts, for every check ``validate`` makes; under the form's fields and in the
status bar."""

from __future__ import annotations

import ast
import inspect

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from app.catalog import description as description_module
from app.catalog.description import FIELD_BY_NAME, Description, Problem, validate
from app.ui.description_form import DescriptionForm
from app.ui.i18n import LANGUAGE_KEY, install_translators, remove_translators, translation_file
from app.ui.main_window import MainWindow
from app.ui.problem_text import PLACEHOLDER, TEMPLATES, problem_line, problem_text
from app.ui.workers import WorkerPool

THEMES = ("红色档案",)
LINKED = 2  # page images linked, for the page-count check
# Together these make every check in description.py report once.
WRONG = (
    Description(fonds_code="ZZ1", category_code="XX", year="23", retention="Q", org_code="B-1", item_no="26a",
                title="[abc", doc_no="abc", date="abc", pages="x", secrecy="公开", open_status="?", themes=["红"]),
    Description(year="1800", item_no="00001", date="20230230", pages=0, secrecy="机密★1天"),
    Description(year="2023", date="[18000101]", pages=3),
    Description(year="2023", date="20220101"),
    Description(category_code=""),
)


def wrong_problems() -> list[Problem]:
    return [problem for desc in WRONG for problem in validate(desc, pages_linked=LINKED, themes=THEMES)]


def template_key(field: str, code: str, rule: str | None) -> tuple[str, ...]:
    """The key of TEMPLATES a problem is looked up by; "is required" is the same for every field."""
    return ("*" if code == "required" else field, code) + ((rule,) if rule else ())


def reported_in_source() -> set[tuple[str, ...]]:
    """(field, code[, rule]) of each report(...) call written in description.py."""
    keys = set()
    for node in ast.walk(ast.parse(inspect.getsource(description_module))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "report":
            field, code = (arg.value if isinstance(arg, ast.Constant) else None for arg in node.args[:2])
            rule = next((k.value.value for k in node.keywords if k.arg == "rule"), None)
            keys.add(template_key(field, code, rule))
    return keys


def shown_values(problem: Problem, separator: str) -> list[str]:
    """Each value the problem's text must show, lists as the language joins them."""
    return [separator.join(value) if isinstance(value, list) else str(value)
            for name, value in problem.params.items() if name != "rule"]


@pytest.fixture
def language(qapp, ui_settings: QSettings):
    """Choose the interface language as the settings dialog stores it, and install it."""
    assert translation_file("zh_CN").exists(), f"{translation_file('zh_CN')} is missing: run scripts/translations"

    def choose(code: str) -> str:
        ui_settings.setValue(LANGUAGE_KEY, code)
        return install_translators(qapp, ui_settings)

    yield choose
    remove_translators(qapp)


def test_every_check_in_description_py_is_made_here_and_has_a_template():
    in_source = reported_in_source()
    assert {template_key(p.field, p.code, p.params.get("rule")) for p in wrong_problems()} == in_source
    assert in_source <= TEMPLATES.keys()


def test_in_english_every_problem_reads_exactly_as_the_core_wrote_it(language):
    assert language("en") == "en"
    for problem in wrong_problems():
        assert problem_line(problem) == problem.message
        assert problem_text(problem) == problem.message.removeprefix(f"{FIELD_BY_NAME[problem.field].label}: ")


def test_in_chinese_every_problem_is_translated_and_filled(language):
    assert language("zh_CN") == "zh_CN"
    for key, template in TEMPLATES.items():
        chinese = QCoreApplication.translate("Problems", template)
        assert chinese != template, f"{key} is not translated"
        assert set(PLACEHOLDER.findall(chinese)) <= set(PLACEHOLDER.findall(template)), key
    for problem in wrong_problems():
        text, line = problem_text(problem), problem_line(problem)
        assert line == f"{FIELD_BY_NAME[problem.field].label_zh}：{text}"
        assert not PLACEHOLDER.search(line), line
        assert all(value in text for value in shown_values(problem, "、")), (text, problem.params)
        assert line != problem.message and not text.isascii(), line


def test_an_impossible_date_and_a_missing_field_in_chinese(language):
    language("zh_CN")
    problems = {p.field: p for p in validate(Description(year="2023", date="20230230", pages=1))}
    assert problem_text(problems["date"]) == "“20230230”不是实际存在的日期，请按 YYYYMMDD 填写，例如 20230512；推断的日期加 [ ]"
    assert problem_text(problems["fonds_code"]) == "必填，例如 Z109"
    assert problem_line(problems["fonds_code"]) == "全宗号：必填，例如 Z109"
    # a list of codes is joined the Chinese way
    (retention,) = validate(Description(fonds_code="Z109", year="2023", retention="Q", item_no="0001", title="T",
                                        responsible="R", date="20230512", pages=1))
    assert problem_text(retention) == "“Q”不是保管期限代码，请使用以下之一：Y 永久、D30 定期30年、D10 定期10年"


def test_a_problem_without_a_template_keeps_its_message(language):
    language("zh_CN")
    composed = Problem("archival_code", "compose", "档号 archival_code: cannot compose the archival code (档号)"
                       " from item_no '': write 4 digits such as 0026")
    assert problem_text(composed) == "cannot compose the archival code (档号) from item_no '': write 4 digits such as 0026"
    assert problem_line(composed) == composed.message
    # a translation that asks for a value the problem lacks is not shown with a hole in it
    assert problem_line(Problem("date", "format", "日期 date: 'x' is not a date")) == "日期 date: 'x' is not a date"


@pytest.mark.parametrize(("code", "date_message", "required_message"), [
    ("zh_CN", "“20230230”不是实际存在的日期，请按 YYYYMMDD 填写，例如 20230512；推断的日期加 [ ]", "必填，例如 Z109"),
    ("en", "'20230230' is not a real calendar date; write YYYYMMDD such as 20230512, in [ ] if you inferred it",
     "is required; write e.g. Z109"),
])
def test_the_form_shows_problems_in_the_interface_language(qtbot, workspace, language, code, date_message,
                                                           required_message):
    language(code)
    workers = WorkerPool({"catalog": 1})
    form = DescriptionForm(workspace, workers)
    qtbot.addWidget(form)
    form.show()
    form.load(workspace.item_detail(1))
    qtbot.keyClicks(form.editors["date"], "20230230")
    assert form.messages["date"].isVisibleTo(form)
    assert form.messages["date"].text() == date_message
    assert not form.messages["fonds_code"].isVisibleTo(form)  # not touched yet
    form.reveal_all()
    assert form.messages["fonds_code"].text() == required_message
    workers.shutdown()


def test_the_catalogs_duplicate_archival_code_in_chinese(workspace, language):
    values = {"fonds_code": "Z109", "year": "2023", "retention": "Y", "item_no": "7", "title": "Report",
              "responsible": "Archives", "date": "20230512"}
    assert workspace.describe(1, values) == []
    (duplicate,) = workspace.describe(2, values)
    assert duplicate.params == {"code": "Z109-WS·2023-Y-0007", "holder": 1}
    language("en")
    assert problem_line(duplicate) == duplicate.message
    language("zh_CN")
    assert problem_line(duplicate) == "档号：Z109-WS·2023-Y-0007 已被第 1 件使用，请修改件号"


def test_the_status_bar_says_why_an_item_is_not_committed_in_chinese(qtbot, workspace, ui_settings, language):
    language("zh_CN")
    window = MainWindow(workspace, ui_settings, refresh_ms=200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.id == 1, timeout=120_000)
    window.registry.actions["item.commit"].trigger()
    assert window.statusBar().currentMessage() == "未提交：全宗号：必填，例如 Z109"
