"""The first page's OCR suggestions in the description form, accepted by keyboard.

Two first pages are rendered from the seed reports as GB/T 9704 lays them out (the app's sample
renderer, as in the headless suggestion tests), ingested with the real Tesseract, and described in the real
window. The pages are A4 with a short body: the rules place the 文号 and the heading by their
height on the page, so a cropped page would not do, and a short body keeps the OCR quick.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from as_operator import type_and_tab
from PySide6.QtCore import Qt
from seed_pages import seed_sentences, write_first_page
from sqlalchemy import select

from app.catalog.models import DescriptionRecord
from app.ocr.quality import character_error_rate
from app.samples import SamplePage
from app.station import Reporter, ingest_once
from app.workspace import Workspace

pytestmark = pytest.mark.slow  # full-page OCR

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
BUREAU_HEADING = "关于2022年度全市档案工作情况的报告"
ARCHIVE_HEADING = "扬州市档案馆关于推动档案事业现代化和高质量发展工作进展情况的报告"
MAX_TITLE_CER = 0.08  # as the headless tests: a misread character stays a useful suggestion


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    """Item 1, a red-header report with its 文号 in 〔〕 and dated 2023年5月12日; item 2, a
    report without either, citing another document's 文号, dated in Chinese numerals."""
    root = tmp_path_factory.mktemp("suggestions-library")
    scans = root / "scans"
    scans.mkdir()
    write_first_page(SamplePage(
        red_header="扬州市档案局文件", doc_no="扬档发〔2023〕12号", heading=(BUREAU_HEADING,),
        addressee="扬州市人民政府：", paragraphs=(seed_sentences(seeds / "000_0dc9417f99636da7.txt", 2),),
        signature="扬州市档案局", date="2023年5月12日",
    ), scans / "page-001.png")
    write_first_page(SamplePage(
        heading=("扬州市档案馆关于推动档案事业现代化", "和高质量发展工作进展情况的报告"),
        paragraphs=(seed_sentences(seeds / "001_2ee667989489edff.txt", 1),
                    "按照省档案局苏档发〔2022〕5号文件要求，市档案馆于2022年3月1日启动接收进馆工作。"),
        signature="扬州市档案馆", date="二〇二三年十一月二十日",
    ), scans / "page-002.png")
    ws = Workspace.open(root / "data")
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, [scans], Reporter())
    ws.catalog.close()
    return root / "data"


def _wait(qtbot, condition) -> None:
    """Until ``condition`` holds; the generous bound only stops a hung test, it times nothing."""
    qtbot.waitUntil(condition, timeout=120_000)


def _shown(form) -> dict[str, str]:
    """The suggestion hints on screen, by field."""
    return {name: label.text() for name, label in form.suggestion_labels.items() if label.isVisibleTo(form)}


def test_suggestions_are_shown_accepted_by_key_and_committed(qtbot, window, workspace):
    form = window.form
    shown = _shown(form)
    assert set(shown) == {"title", "responsible", "doc_no", "date"}
    # shown as they will be stored, with what the OCR read, and the keys that accept them
    assert "<b>20230512</b>" in shown["date"] and "2023年5月12日" in shown["date"]
    assert "<b>扬档发〔2023〕12号</b>" in shown["doc_no"]
    assert "<b>扬州市档案局</b>" in shown["responsible"]
    assert "accept (F8)" in shown["title"] and "Shift+F8" in form.suggestion_note.text()
    # nothing is typed in for the operator: an unseen misreading cannot be committed; nor is
    # a grey example, which would pass for a value beside the suggestion
    assert all(form.editors[name].text() == form.editors[name].placeholderText() == "" for name in shown)

    qtbot.keyClick(window, Qt.Key.Key_F2)
    type_and_tab(qtbot, window, "Z109")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # category keeps its default, WS 文书
    type_and_tab(qtbot, window, "2023")
    type_and_tab(qtbot, window, "Y")
    type_and_tab(qtbot, window, "BGS")
    _wait(qtbot, lambda: form.editors["item_no"].text() == "0001")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # past the proposed 件号
    assert window.focusWidget() is form.editors["title"]

    title = window.detail.suggestions["title"].value
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F8)
    assert form.editors["title"].text() == title
    assert character_error_rate(title, BUREAU_HEADING) <= MAX_TITLE_CER
    assert "title" in form.touched and "title" not in _shown(form)
    assert window.focusWidget() is form.editors["responsible"]  # the next field to fill
    assert form.editors["doc_no"].text() == ""  # F8 takes one field

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F8, SHIFT)
    assert {name: form.editors[name].text() for name in ("responsible", "doc_no", "date")} == {
        "responsible": "扬州市档案局", "doc_no": "扬档发〔2023〕12号", "date": "20230512"}
    assert _shown(form) == {} and not form.suggestion_note.isVisibleTo(form)
    assert not any(label.isVisibleTo(form) for label in form.messages.values())  # all valid

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return, CTRL)
    _wait(qtbot, lambda: workspace.items(state="committed", with_text=False) != [])
    with workspace.catalog.session() as session:
        record = session.scalars(select(DescriptionRecord).where(DescriptionRecord.item_id == 1)).one()
        stored = (record.title, record.responsible, record.doc_no, record.date, record.archival_code)
    assert stored == (title, "扬州市档案局", "扬档发〔2023〕12号", "20230512", "Z109-WS·2023-Y-BGS-0001")

    # the next item opens with its own suggestions: the Chinese-numeral date, the 落款, and
    # no 文号, since the one in its text is another document's
    _wait(qtbot, lambda: window.detail is not None and window.detail.id == 2)
    shown = _shown(form)
    assert set(shown) == {"title", "responsible", "date"}
    assert "<b>20231120</b>" in shown["date"] and "<b>扬州市档案馆</b>" in shown["responsible"]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F8, SHIFT)
    assert form.editors["date"].text() == "20231120"
    assert character_error_rate(form.editors["title"].text(), ARCHIVE_HEADING) <= MAX_TITLE_CER


def test_stored_and_prefilled_values_win_over_suggestions(qtbot, window, workspace):
    assert workspace.describe(1, {"fonds_code": "Z109", "year": "2023", "retention": "Y", "item_no": "1",
                                  "title": "市档案局2022年度工作报告", "responsible": "扬州市档案局办公室",
                                  "date": "20230515"}) == []
    qtbot.keyClick(window, Qt.Key.Key_Down, CTRL)  # away and back: item 1 is read again
    _wait(qtbot, lambda: window.detail is not None and window.detail.id == 2)
    qtbot.keyClick(window, Qt.Key.Key_Up, CTRL)
    _wait(qtbot, lambda: window.detail is not None and window.detail.id == 1)
    form = window.form
    assert set(_shown(form)) == {"doc_no"}  # only the field the description left empty
    assert form.editors["title"].text() == "市档案局2022年度工作报告"

    qtbot.keyClick(window, Qt.Key.Key_F8, SHIFT)
    assert form.editors["doc_no"].text() == "扬档发〔2023〕12号"
    assert (form.editors["title"].text(), form.editors["date"].text()) == ("市档案局2022年度工作报告", "20230515")

    # a separator sheet's fields are loaded as the item's own
    form.load(dataclasses.replace(window.detail, description=None, prefill={"title": "扬州市档案局工作报告"}))
    assert set(_shown(form)) == {"responsible", "doc_no", "date"}
    form.editors["title"].setFocus()
    qtbot.keyClick(form.editors["title"], Qt.Key.Key_F8)  # nothing to accept here
    assert form.editors["title"].text() == "扬州市档案局工作报告"
    form.editors["title"].clear()  # the operator empties the field: the suggestion is back
    assert "title" in _shown(form)
