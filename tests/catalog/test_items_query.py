"""What listing the items costs the catalog: the GUI asks for every item every few seconds, so
the statements must not grow with the items, and the pages' OCR words are never read.

One catalog of three one-page items is ingested (real OCR) per module; one item is described,
so its description is read too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import event

from app.station import Reporter, ingest_once
from app.workspace import Workspace

DESCRIPTION = dict(fonds_code="Z109", year="2023", retention="永久", org_code="BGS", item_no="7",
                   title="扬州市档案馆2023年档案工作总结", responsible="扬州市档案馆", date="2023年5月12日")
ITEMS = 3
# Text rows of cjk-rendered/seedA-003.png, as tests/conftest.py's make_strips cuts them.
STRIP_TOP, STRIP_HEIGHT = 240, 320


@pytest.fixture(scope="module")
def ws(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    root = tmp_path_factory.mktemp("items-query")
    data, scans = root / "data", root / "scans"
    data.mkdir()
    scans.mkdir()
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    for number in range(ITEMS):
        top = STRIP_TOP + number * STRIP_HEIGHT
        source.crop((0, top, source.width, top + STRIP_HEIGHT)).save(
            scans / f"page-{number + 1:03d}.jpg", dpi=(300, 300), quality=92)
    workspace = Workspace.open(data)
    ingest_once(workspace.catalog, workspace.store, workspace.settings, workspace.profile, workspace.actor,
                [scans], Reporter())
    first = workspace.items(with_text=False)[0]["id"]
    assert workspace.describe(first, DESCRIPTION) == []
    yield workspace
    workspace.catalog.close()


@pytest.fixture
def statements(ws: Workspace) -> Iterator[list[str]]:
    """The SQL of every statement the catalog runs while the test does."""
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    event.listen(ws.catalog.engine, "before_cursor_execute", count)
    yield seen
    event.remove(ws.catalog.engine, "before_cursor_execute", count)


@pytest.mark.parametrize("with_text", [False, True])
def test_listing_items_takes_as_many_statements_for_one_item_as_for_all(ws, statements, with_text):
    everything = ws.items(with_text=with_text)
    for_all = len(statements)
    statements.clear()
    described = ws.items(state=everything[0]["state"], with_text=with_text)

    assert len(everything) == ITEMS and len(described) == 1
    assert described[0]["title"] == DESCRIPTION["title"]
    assert all(page["checks"] and page["source_file"] for item in everything for page in item["pages"])
    # the items, their descriptions, pages, source files, checks (and OCR text): one each
    assert len(statements) == for_all <= 5 + with_text


def test_the_pages_ocr_words_are_not_read_for_the_list(ws, statements):
    listed = ws.items(with_text=True)
    assert all(page["text"] for item in listed for page in item["pages"])
    assert all("page_ocr.words" not in statement for statement in statements)
    statements.clear()

    ws.items(with_text=False)
    assert all("page_ocr" not in statement for statement in statements)
