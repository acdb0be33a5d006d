"""The bin read from a real catalog: what was binned, from where, by whom, and whether it can go
back, the same after a restart as before it.

One catalog is ingested (real OCR) per module and copied for each test: doc-1 (2 pages) and
doc-2 (1 page), strips of cjk-rendered/seedA-003.png as tests/catalog/test_page_ops.py cuts them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.catalog.models import Item, Page
from app.catalog.page_ops import DeletePages, PageOpRefused, ReplacePage, RestorePages, UndoHistory
from app.station import Reporter, ingest_once
from app.workspace import Workspace
from processor_runs import settle

DESCRIPTION = dict(fonds_code="Z109", year="2023", retention="永久", org_code="BGS", item_no="7",
                   title="扬州市档案馆2023年档案工作总结", responsible="扬州市档案馆", date="2023年5月12日")
STRIP_TOP, STRIP_HEIGHT = 240, 320


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bin")
    data = root / "data"
    data.mkdir()
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\n', encoding="utf-8")
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    for folder, rows in (("doc-1", (0, 1)), ("doc-2", (2,))):
        (root / "scans" / folder).mkdir(parents=True)
        for number, row in enumerate(rows, start=1):
            top = STRIP_TOP + row * STRIP_HEIGHT
            source.crop((0, top, source.width, top + STRIP_HEIGHT)).save(
                root / "scans" / folder / f"page-{number:03d}.jpg", dpi=(300, 300), quality=92)
    ws = Workspace.open(data)
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, [root / "scans"], Reporter())
    ws.catalog.close()
    return data


@pytest.fixture
def data(built: Path, tmp_path: Path) -> Path:
    return shutil.copytree(built, tmp_path / "data")


@pytest.fixture
def ws(data: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(data)
    yield workspace
    workspace.catalog.close()


def layout(ws: Workspace) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Item ids and their page ids, by the scan folder the item came from."""
    with ws.catalog.session() as session:
        found = {Path(item.pages[0].source_file.path).parent.name: item for item in session.scalars(select(Item))}
        return ({name: item.id for name, item in found.items()},
                {name: [page.id for page in item.pages] for name, item in found.items()})


def pages(ws: Workspace, item_id: int) -> list[int]:
    with ws.catalog.session() as session:
        return list(session.scalars(select(Page.id).where(Page.item_id == item_id).order_by(Page.position)))


def test_the_bin_outlives_the_session_and_restores_each_page_to_its_place(data):
    ws = Workspace.open(data)
    ids, before = layout(ws)
    history = UndoHistory(ws.catalog, ws.actor)
    history.do(DeletePages([before["doc-1"][1]]))
    history.do(DeletePages(before["doc-2"]))  # its only page: the item is left empty
    ws.catalog.close()

    ws = Workspace.open(data)  # a restart: the undo history is gone, the bin is not
    try:
        binned = ws.binned_pages()
        assert [(e["page_id"], e["item_id"], e["position"], e["item_state"]) for e in binned] == [
            (before["doc-2"][0], ids["doc-2"], 1, "empty"),  # the newest first
            (before["doc-1"][1], ids["doc-1"], 2, "processing"),
        ]
        newest = binned[0]
        assert newest["source_file"] == "page-001.jpg" and newest["source_path"].endswith("doc-2/page-001.jpg")
        assert (newest["binned_by"], newest["station"]) == (ws.actor.name, ws.actor.station)
        assert datetime.fromisoformat(newest["binned_at"].removesuffix("Z")) <= datetime.utcnow()
        assert ws.store.path(newest["image"]).is_file()
        assert all(e["restorable"] and e["reason"] is None and e["archival_code"] is None for e in binned)

        ws.apply_page_op(lambda s: RestorePages([e["page_id"] for e in binned]))

        assert ws.binned_pages() == []
        assert pages(ws, ids["doc-1"]) == before["doc-1"] and pages(ws, ids["doc-2"]) == before["doc-2"]
    finally:
        ws.catalog.close()


def test_a_page_whose_item_was_committed_since_says_why_it_cannot_go_back(ws):
    ids, before = layout(ws)
    item, binned = ids["doc-1"], before["doc-1"][1]
    UndoHistory(ws.catalog, ws.actor).do(DeletePages([binned]))
    settle(ws)  # the item's PDF is rebuilt without the page
    assert ws.describe(item, {**DESCRIPTION, "pages": ""}) == []
    code = ws.commit(item).archival_code

    [entry] = ws.binned_pages()

    assert (entry["page_id"], entry["item_state"], entry["archival_code"], entry["title"]) == (
        binned, "committed", code, DESCRIPTION["title"])
    assert not entry["restorable"]
    assert entry["reason"] == f"item {item} is committed; committed items are frozen"
    with pytest.raises(PageOpRefused, match=entry["reason"]):  # what RestorePages says too
        ws.apply_page_op(lambda s: RestorePages([binned]))


def test_a_replaced_page_is_in_the_bin_and_an_undone_bin_is_not(ws):
    ids, before = layout(ws)
    history = UndoHistory(ws.catalog, ws.actor)
    history.do(ReplacePage(before["doc-1"][0], before["doc-2"][0]))

    [entry] = ws.binned_pages()
    assert (entry["page_id"], entry["item_id"], entry["position"]) == (before["doc-1"][0], ids["doc-1"], 1)

    history.undo()
    assert ws.binned_pages() == []
