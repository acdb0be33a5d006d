"""The issue's whole flow, keyboard only, with the station running beside the window:
scans appear → the item opens → reorder, turn, bin, undo → the form filled with the OCR's
suggestions → commit → the catalog holds the pages in the chosen order, the turn in its PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest
from as_operator import show_active, type_and_tab
from PIL import Image
from PySide6.QtCore import Qt
from seed_pages import seed_sentences
from sqlalchemy import select

from app.catalog.models import Item, Page
from app.samples import SamplePage, render_page
from app.ui.main_window import MainWindow
from app.workspace import Workspace

pytestmark = pytest.mark.slow  # a full page is read

ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def station_window(qtbot, tmp_path: Path, ui_settings) -> MainWindow:
    data = tmp_path / "data"
    data.mkdir()
    # one folder is one item, closed a second after its last page; files count as written after half a second
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\nitem_quiet_seconds = 1.0\n'
                                        "stability_delay = 0.5\n", encoding="utf-8")
    workspace = Workspace.open(data)
    window = show_active(qtbot, MainWindow(workspace, ui_settings, refresh_ms=200, run_station=True))
    yield window
    window.close()
    workspace.catalog.close()


def _wait(qtbot, condition) -> None:
    """Until ``condition`` holds; the generous bound only stops a hung test, it times nothing."""
    qtbot.waitUntil(condition, timeout=180_000)


def _scan(folder: Path, pages: list[Image.Image]) -> None:
    """As a scanner drops pages: each written under a temporary name, then renamed."""
    folder.mkdir(parents=True)
    for number, page in enumerate(pages, start=1):
        partial = folder / f".page-{number:03d}.part"
        page.save(partial, format="JPEG", dpi=(300, 300), quality=90)
        os.replace(partial, folder / f"page-{number:03d}.jpg")


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.focusWidget(), key, modifier)


def _order(workspace: Workspace, item_id: int) -> list[str]:
    """The item's pages, by the file each was scanned to."""
    with workspace.catalog.session() as session:
        pages = session.scalars(select(Page).where(Page.item_id == item_id).order_by(Page.position))
        return [Path(page.source_file.path).name for page in pages]


def _state(workspace: Workspace, item_id: int) -> str:
    with workspace.catalog.session() as session:
        return session.get(Item, item_id).state


def test_scans_to_catalog_by_keyboard(qtbot, station_window, corpus, seeds):
    window, workspace = station_window, station_window.workspace
    letter = render_page(SamplePage(
        red_header="扬州市档案局文件", doc_no="扬档发〔2023〕12号", heading=("关于2022年度全市档案工作情况的报告",),
        addressee="扬州市人民政府：", paragraphs=(seed_sentences(seeds / "000_0dc9417f99636da7.txt", 2),),
        signature="扬州市档案局", date="2023年5月12日"), 1)
    printed = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    strips = [printed.crop((0, top, printed.width, top + 320)) for top in (240, 880)]
    _scan(workspace.watched_folders()[0] / "case-1", [letter, *strips])

    # the item arrives, is read, and opens by itself
    _wait(qtbot, lambda: window.detail is not None and window.detail.state == "awaiting_description")
    item = window.detail.id
    assert _order(workspace, item) == ["page-001.jpg", "page-002.jpg", "page-003.jpg"]

    qtbot.keyClick(window, Qt.Key.Key_F7)  # the thumbnails
    _key(qtbot, window, Qt.Key.Key_End)
    _key(qtbot, window, Qt.Key.Key_Left, ALT)  # page 3 before page 2
    _wait(qtbot, lambda: _order(workspace, item) == ["page-001.jpg", "page-003.jpg", "page-002.jpg"])
    _key(qtbot, window, Qt.Key.Key_R, CTRL)  # page 3, now second, is turned a quarter clockwise
    _key(qtbot, window, Qt.Key.Key_Right)
    _key(qtbot, window, Qt.Key.Key_Delete)  # page 2, now last, to the bin ...
    _wait(qtbot, lambda: _order(workspace, item) == ["page-001.jpg", "page-003.jpg"])
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # ... and back
    _wait(qtbot, lambda: _order(workspace, item) == ["page-001.jpg", "page-003.jpg", "page-002.jpg"])

    qtbot.keyClick(window, Qt.Key.Key_F2)
    form = window.form
    assert window.focusWidget() is form.editors["fonds_code"]
    type_and_tab(qtbot, window, "Z109")
    _key(qtbot, window, Qt.Key.Key_Tab)  # category keeps its default, WS 文书
    type_and_tab(qtbot, window, "2023")
    type_and_tab(qtbot, window, "Y")
    type_and_tab(qtbot, window, "BGS")
    _wait(qtbot, lambda: form.editors["item_no"].text() == "0001")
    _key(qtbot, window, Qt.Key.Key_F8, SHIFT)  # every suggestion read off page 1
    assert form.editors["doc_no"].text() == "扬档发〔2023〕12号"
    assert form.editors["date"].text() == "20230512"
    assert form.editors["responsible"].text() == "扬州市档案局"
    assert "档案工作" in form.editors["title"].text()

    # the station rebuilds the PDF with the new order; the commit waits for it
    _wait(qtbot, lambda: _state(workspace, item) == "awaiting_description")
    _key(qtbot, window, Qt.Key.Key_Return, CTRL)
    _wait(qtbot, lambda: _state(workspace, item) == "committed")

    assert _order(workspace, item) == ["page-001.jpg", "page-003.jpg", "page-002.jpg"]
    with workspace.catalog.session() as session:
        committed = session.get(Item, item)
        assert committed.description.archival_code == "Z109-WS·2023-Y-BGS-0001"
        assert committed.description.doc_no == "扬档发〔2023〕12号" and committed.description.pages == 3
        pdf_path = workspace.store.path(committed.pdf_file.relpath)
    with pymupdf.open(pdf_path) as pdf:
        assert pdf.page_count == 3
        turned, upright = pdf[1].rect, pdf[2].rect
        # the strips are wide and low as scanned; the turned one stands tall in the PDF
        assert turned.height > 3 * turned.width and upright.width > 3 * upright.height
        assert "关于2022年度全市档案工作情况的报告" in pdf[0].get_text()  # as read, searchable
        assert pdf[0].search_for("档案工作")
