"""Page operations on a real catalog: each applied, undone and redone, with its events.

One catalog is ingested (real OCR) per module and copied for each test, so every test starts
from the same items: doc-1 (4 pages), doc-2 (3), doc-3 (2 and a blank one), doc-4 (a rescan,
1 page) and doc-5 (1 page, committed).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import select
from sqlalchemy import text as sql

from app.catalog.cataloguing import CommitRefused
from app.catalog.models import Event, Item, ItemState, Page, PageState
from app.catalog.page_ops import (
    BINNED,
    EMPTY,
    KEPT_BLANK,
    MERGED,
    DeletePages,
    KeepBlank,
    MergeItems,
    MovePages,
    PageOperation,
    PageOpRefused,
    ReorderPages,
    ReplacePage,
    RerunOcr,
    RestorePages,
    RotatePages,
    SplitItem,
    UndoHistory,
    appended,
    placed_before,
    shifted,
)
from app.station import Reporter, ingest_once
from app.workspace import Workspace
from processor_runs import settle

DESCRIPTION = dict(fonds_code="Z109", year="2023", retention="永久", org_code="BGS", item_no="7",
                   title="扬州市档案馆2023年档案工作总结", responsible="扬州市档案馆", date="2023年5月12日")
# Text rows of cjk-rendered/seedA-003.png, as tests/conftest.py's make_strips cuts them: a
# module-scoped catalog cannot use that function-scoped fixture.
STRIP_TOP, STRIP_HEIGHT = 240, 320


def write_strips(corpus: Path, folder: Path, count: int, start: int) -> None:
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    folder.mkdir(parents=True)
    for number in range(start, start + count):
        top = STRIP_TOP + (number % 5) * STRIP_HEIGHT + (number // 5) * 11
        strip = source.crop((0, top, source.width, top + STRIP_HEIGHT))
        strip.save(folder / f"page-{number - start + 1:03d}.jpg", dpi=(300, 300), quality=92)


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("page-ops")
    data = root / "data"
    data.mkdir()
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\n', encoding="utf-8")
    scans = root / "scans"
    write_strips(corpus, scans / "doc-1", 4, start=0)
    write_strips(corpus, scans / "doc-2", 3, start=4)
    write_strips(corpus, scans / "doc-3", 2, start=7)
    Image.new("L", (2480, 320), 255).save(scans / "doc-3" / "page-003.jpg", dpi=(300, 300))
    write_strips(corpus, scans / "doc-4", 1, start=9)
    write_strips(corpus, scans / "doc-5", 1, start=10)
    ws = Workspace.open(data)
    ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, [scans], Reporter())
    committed = items(ws)["doc-5"]
    ws.describe(committed, DESCRIPTION)
    ws.commit(committed)
    ws.catalog.close()
    return data


@pytest.fixture
def ws(built: Path, tmp_path: Path) -> Iterator[Workspace]:
    with open_copy(built, tmp_path) as workspace:
        yield workspace


@contextmanager
def open_copy(built: Path, folder: Path) -> Iterator[Workspace]:
    data = folder / "data"
    shutil.copytree(built, data)
    workspace = Workspace.open(data)
    try:
        yield workspace
    finally:
        workspace.catalog.close()


def items(ws: Workspace) -> dict[str, int]:
    """Item id by the scan folder its first page came from."""
    with ws.catalog.session() as session:
        return {Path(item.pages[0].source_file.path).parent.name: item.id
                for item in session.scalars(select(Item)) if item.pages}


def pages(ws: Workspace, item_id: int) -> list[int]:
    with ws.catalog.session() as session:
        return list(session.scalars(select(Page.id).where(Page.item_id == item_id).order_by(Page.position)))


def items_state(ws: Workspace, item_id: int) -> str:
    with ws.catalog.session() as session:
        return session.get(Item, item_id).state


def snapshot(ws: Workspace) -> dict:
    """Everything an operation may change, comparable."""
    with ws.catalog.session() as session:
        page_rows = {
            page.id: (page.item_id, page.position, page.state, tuple(page.flags), page.ocr and page.ocr.rotation,
                      page.ocr and (page.ocr.width, page.ocr.height), page.ocr and str(page.ocr.words),
                      str(page.process_metadata))
            for page in session.scalars(select(Page))
        }
        searched = dict(session.execute(sql("SELECT page_id, item_id FROM search_text WHERE page_id IS NOT NULL")).all())
        item_states = dict(session.execute(select(Item.id, Item.state)).all())
    return {"pages": page_rows, "search": searched, "items": item_states}


def events(ws: Workspace, action: str) -> list[Event]:
    with ws.catalog.session() as session:
        return list(session.scalars(select(Event).where(Event.action == action).order_by(Event.id)))


OPERATIONS: dict[str, Callable[[dict, dict], PageOperation]] = {
    "reorder": lambda i, p: ReorderPages(i["doc-1"], p["doc-1"][::-1]),
    "rotate": lambda i, p: RotatePages([p["doc-1"][0], p["doc-2"][1]], 1),
    "delete": lambda i, p: DeletePages([p["doc-1"][1], p["doc-2"][0]]),
    "delete_all": lambda i, p: DeletePages(p["doc-4"]),
    "keep_blank": lambda i, p: KeepBlank([p["doc-3"][2]]),
    "split": lambda i, p: SplitItem(i["doc-1"], p["doc-1"][2]),
    "merge": lambda i, p: MergeItems(i["doc-1"], [i["doc-3"], i["doc-2"]]),
    "move": lambda i, p: MovePages([p["doc-2"][2], p["doc-2"][0]], i["doc-1"], 2),
    "rerun": lambda i, p: RerunOcr([p["doc-1"][0]]),
    "replace": lambda i, p: ReplacePage(p["doc-1"][1], p["doc-4"][0]),
}


def layout(ws: Workspace) -> tuple[dict, dict]:
    ids = items(ws)
    return ids, {name: pages(ws, item_id) for name, item_id in ids.items()}


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_is_undone_exactly_and_redone(ws, name):
    operation = OPERATIONS[name](*layout(ws))
    history = UndoHistory(ws.catalog, ws.actor)
    before = snapshot(ws)

    history.do(operation)
    after = snapshot(ws)
    assert after["pages"] != before["pages"]
    history.undo()
    undone = snapshot(ws)
    history.redo()

    assert undone["pages"] == before["pages"] and undone["search"] == before["search"]
    # items with the same pages; those whose pages changed rebuild their PDF (see page_ops)
    for item_id, state in undone["items"].items():
        assert state in (before["items"].get(item_id, MERGED), ItemState.PROCESSING)
    assert snapshot(ws) == after
    for action in (operation.action, f"{operation.action}.undone"):
        recorded = events(ws, action)
        assert recorded and {event.actor for event in recorded} == {ws.actor.name}


def test_reorder_numbers_pages_and_sends_the_item_back_to_processing(ws):
    ids, before = layout(ws)
    item = ids["doc-1"]
    order = [before["doc-1"][i] for i in (3, 0, 2, 1)]

    UndoHistory(ws.catalog, ws.actor).do(ReorderPages(item, order))

    assert pages(ws, item) == order
    with ws.catalog.session() as session:
        assert [p.position for p in session.get(Item, item).pages] == [1, 2, 3, 4]
        assert session.get(Item, item).state == ItemState.PROCESSING
    [event] = events(ws, "pages.reordered")
    assert event.item_id == item and event.details["operation"]["page_ids"] == order


def test_reorder_must_name_every_page_once(ws):
    ids, before = layout(ws)
    with pytest.raises(PageOpRefused, match="each of item .*'s 4 pages once"):
        UndoHistory(ws.catalog, ws.actor).do(ReorderPages(ids["doc-1"], before["doc-1"][:3]))


def test_undone_item_is_rebuilt_back_to_its_state_and_pdf(ws):
    ids, before = layout(ws)
    item = ids["doc-1"]
    history = UndoHistory(ws.catalog, ws.actor)
    history.do(ReorderPages(item, before["doc-1"][::-1]))
    settle(ws)
    pdf = ws.store.path(f"derived/item-{item}.pdf")
    reordered_first = pymupdf.open(pdf)[0].get_text()

    history.undo()
    settle(ws)

    assert items_state(ws, item) == ItemState.AWAITING_DESCRIPTION
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == 4 and doc[3].get_text() == reordered_first


def test_rotate_turns_the_reading_with_the_image_and_the_pdf_shows_it(ws):
    ids, before = layout(ws)
    page_id = before["doc-2"][0]
    with ws.catalog.session() as session:
        ocr = session.get(Page, page_id).ocr
        width, height, rotation = ocr.width, ocr.height, ocr.rotation
        text, left, top, right, bottom, *_ = ocr.words[0]

    UndoHistory(ws.catalog, ws.actor).do(RotatePages([page_id], 1))

    with ws.catalog.session() as session:
        page = session.get(Page, page_id)
        assert (page.ocr.width, page.ocr.height, page.ocr.rotation) == (height, width, (rotation + 90) % 360)
        assert page.ocr.words[0][:5] == [text, height - bottom, left, height - top, right]
        assert page.process_metadata["operator_rotation"] == (rotation + 90) % 360
        assert page.operations[-1] == {"op": "rotate", "clockwise_degrees": 90, "by": "operator"}
        assert page.state == PageState.DONE  # nothing to read again
    settle(ws)
    with pymupdf.open(ws.store.path(f"derived/item-{ids['doc-2']}.pdf")) as doc:
        assert doc[0].rect.height > doc[0].rect.width  # a wide strip, now standing
        assert doc[1].rect.width > doc[1].rect.height


def test_rotate_by_whole_turns_is_refused(ws):
    _, before = layout(ws)
    with pytest.raises(PageOpRefused, match="whole turns"):
        UndoHistory(ws.catalog, ws.actor).do(RotatePages(before["doc-1"][:1], 4))


def test_deleted_pages_go_to_the_bin_and_come_back_to_their_place(ws):
    ids, before = layout(ws)
    item, binned = ids["doc-1"], before["doc-1"][1]
    history = UndoHistory(ws.catalog, ws.actor)

    history.do(DeletePages([binned]))

    assert pages(ws, item) == [p for p in before["doc-1"] if p != binned]
    with ws.catalog.session() as session:
        page = session.get(Page, binned)
        assert page.item_id is None and page.state == BINNED and page.ocr is not None
    assert not indexed(ws, binned)  # search no longer finds it
    [event] = events(ws, "pages.binned")
    assert event.details["binned"] == [{"page_id": binned, "position": 2, "state": PageState.DONE}]

    history.do(RestorePages([binned]))

    assert pages(ws, item) == before["doc-1"]
    with ws.catalog.session() as session:
        assert session.get(Page, binned).state == PageState.DONE
    history.undo()
    assert pages(ws, item) == [p for p in before["doc-1"] if p != binned]


def indexed(ws: Workspace, page_id: int) -> bool:
    with ws.catalog.session() as session:
        return session.execute(sql("SELECT 1 FROM search_text WHERE page_id = :p"), {"p": page_id}).first() is not None


def test_restore_refuses_a_page_not_in_the_bin(ws):
    _, before = layout(ws)
    with pytest.raises(PageOpRefused, match="not in the bin"):
        UndoHistory(ws.catalog, ws.actor).do(RestorePages(before["doc-1"][:1]))


def test_an_item_whose_pages_all_went_is_kept_empty(ws):
    ids, before = layout(ws)
    UndoHistory(ws.catalog, ws.actor).do(DeletePages(before["doc-4"]))
    assert items_state(ws, ids["doc-4"]) == EMPTY
    settle(ws)  # the processor leaves an empty item alone
    assert items_state(ws, ids["doc-4"]) == EMPTY


def test_keep_blank_marks_only_a_page_flagged_blank(ws):
    ids, before = layout(ws)
    blank = before["doc-3"][2]
    history = UndoHistory(ws.catalog, ws.actor)
    with pytest.raises(PageOpRefused, match="not flagged blank"):
        history.do(KeepBlank([before["doc-3"][0], blank]))

    history.do(KeepBlank([blank]))

    with ws.catalog.session() as session:
        assert KEPT_BLANK in session.get(Page, blank).flags
    assert items_state(ws, ids["doc-3"]) == ItemState.AWAITING_DESCRIPTION  # the PDF is unchanged


def test_split_makes_an_item_of_the_later_pages_and_undo_merges_it_back(ws):
    ids, before = layout(ws)
    item = ids["doc-1"]
    split = SplitItem(item, before["doc-1"][2])
    history = UndoHistory(ws.catalog, ws.actor)

    history.do(split)

    assert pages(ws, item) == before["doc-1"][:2]
    assert pages(ws, split.new_item_id) == before["doc-1"][2:]
    with ws.catalog.session() as session:
        old, new = session.get(Item, item), session.get(Item, split.new_item_id)
        assert (new.batch_id, new.profile, new.group_key) == (old.batch_id, old.profile, old.group_key)
        assert new.state == old.state == ItemState.PROCESSING
    history.undo()
    assert pages(ws, item) == before["doc-1"] and items_state(ws, split.new_item_id) == MERGED
    history.redo()
    assert pages(ws, split.new_item_id) == before["doc-1"][2:]


def test_split_at_the_first_page_is_refused(ws):
    ids, before = layout(ws)
    with pytest.raises(PageOpRefused, match="first page"):
        UndoHistory(ws.catalog, ws.actor).do(SplitItem(ids["doc-1"], before["doc-1"][0]))


def test_merge_appends_the_sources_in_order_and_keeps_them_as_merged(ws):
    ids, before = layout(ws)
    history = UndoHistory(ws.catalog, ws.actor)

    history.do(MergeItems(ids["doc-2"], [ids["doc-4"], ids["doc-1"]]))

    assert pages(ws, ids["doc-2"]) == before["doc-2"] + before["doc-4"] + before["doc-1"]
    assert items_state(ws, ids["doc-1"]) == items_state(ws, ids["doc-4"]) == MERGED
    history.undo()
    assert [pages(ws, ids[name]) for name in ("doc-1", "doc-2", "doc-4")] == [
        before["doc-1"], before["doc-2"], before["doc-4"]]


def test_move_places_pages_among_the_targets_others(ws):
    ids, before = layout(ws)
    moved = [before["doc-1"][3], before["doc-2"][1]]
    history = UndoHistory(ws.catalog, ws.actor)

    history.do(MovePages(moved, ids["doc-2"], 1))

    assert pages(ws, ids["doc-2"]) == moved + [before["doc-2"][0], before["doc-2"][2]]
    assert pages(ws, ids["doc-1"]) == before["doc-1"][:3]
    with pytest.raises(PageOpRefused, match="give 1 to 5"):
        history.do(MovePages(before["doc-1"][:1], ids["doc-2"], 6))


def test_rerun_sets_pages_pending_and_the_processor_reads_them(ws):
    ids, before = layout(ws)
    page_id = before["doc-2"][1]
    UndoHistory(ws.catalog, ws.actor).do(RerunOcr([page_id]))
    with ws.catalog.session() as session:
        assert session.get(Page, page_id).state == PageState.PENDING
    assert items_state(ws, ids["doc-2"]) == ItemState.PROCESSING

    settle(ws)

    with ws.catalog.session() as session:
        assert session.get(Page, page_id).state == PageState.DONE
    assert items_state(ws, ids["doc-2"]) == ItemState.AWAITING_DESCRIPTION


def test_a_page_turned_by_the_operator_is_read_again_as_turned(ws):
    _, before = layout(ws)
    page_id = before["doc-2"][0]
    history = UndoHistory(ws.catalog, ws.actor)
    history.do(RotatePages([page_id], 2))  # the operator's word against the page's own look
    history.do(RerunOcr([page_id]))
    settle(ws)
    with ws.catalog.session() as session:
        page = session.get(Page, page_id)
        assert page.state == PageState.DONE and page.ocr.rotation == 180


def test_replace_puts_the_rescan_in_the_old_pages_place(ws):
    ids, before = layout(ws)
    old, rescan = before["doc-1"][1], before["doc-4"][0]
    history = UndoHistory(ws.catalog, ws.actor)

    history.do(ReplacePage(old, rescan))

    assert pages(ws, ids["doc-1"]) == [before["doc-1"][0], rescan, *before["doc-1"][2:]]
    assert items_state(ws, ids["doc-4"]) == EMPTY
    with ws.catalog.session() as session:
        assert session.get(Page, old).state == BINNED
    history.do(RestorePages([old]))  # the old page can come back from the bin, beside the rescan
    assert pages(ws, ids["doc-1"]) == [before["doc-1"][0], old, rescan, *before["doc-1"][2:]]


def test_committed_items_are_frozen(ws):
    ids, before = layout(ws)
    committed, page_id = ids["doc-5"], before["doc-5"][0]
    history = UndoHistory(ws.catalog, ws.actor)
    refused = [
        ReorderPages(committed, [page_id]), RotatePages([page_id], 1), DeletePages([page_id]),
        SplitItem(committed, page_id), MergeItems(ids["doc-1"], [committed]),
        MovePages([page_id], ids["doc-1"], 1), MovePages(before["doc-1"][:1], committed, 1),
        RerunOcr([page_id]), ReplacePage(page_id, before["doc-4"][0]), ReplacePage(before["doc-4"][0], page_id),
    ]
    unchanged = snapshot(ws)
    for operation in refused:
        with pytest.raises(PageOpRefused, match=f"item {committed} is committed; committed items are frozen"):
            history.do(operation)
    assert snapshot(ws) == unchanged and not history.can_undo


def test_undo_is_refused_once_the_item_is_committed(ws):
    ids, before = layout(ws)
    item = ids["doc-1"]
    history = UndoHistory(ws.catalog, ws.actor)
    history.do(ReorderPages(item, before["doc-1"][::-1]))
    settle(ws)
    ws.describe(item, {**DESCRIPTION, "item_no": "8", "pages": 4})
    ws.commit(item)

    with pytest.raises(PageOpRefused, match="committed"):
        history.undo()
    assert history.can_undo and pages(ws, item) == before["doc-1"][::-1]


def test_an_item_left_without_pages_cannot_be_described_or_committed(ws):
    ids, before = layout(ws)
    UndoHistory(ws.catalog, ws.actor).do(MergeItems(ids["doc-1"], [ids["doc-4"]]))
    problems = ws.describe(ids["doc-4"], DESCRIPTION)
    assert [(p.field, p.code) for p in problems] == [("item", "merged")]
    assert "has no pages (they were merged into another item)" in problems[0].message
    with pytest.raises(CommitRefused, match="nothing to describe or commit. Undo"):
        ws.commit(ids["doc-4"])


def test_a_commit_after_binning_a_described_page_asks_for_the_new_count(ws):
    ids, before = layout(ws)
    item = ids["doc-2"]
    settle(ws)
    assert ws.describe(item, {**DESCRIPTION, "item_no": "9"}) == []
    UndoHistory(ws.catalog, ws.actor).do(DeletePages(before["doc-2"][:1]))
    settle(ws)
    with pytest.raises(CommitRefused, match=f"described as 3 page\\(s\\) but has 2 now .*--pages 2"):
        ws.commit(item)
    assert ws.describe(item, {"pages": ""}) == []  # an empty count is the pages linked
    assert ws.commit(item).archival_code.endswith("-0009")


def test_history_is_bounded(ws):
    ids, before = layout(ws)
    with ws.catalog.session() as session:
        rotation = session.get(Page, before["doc-1"][0]).ocr.rotation
    history = UndoHistory(ws.catalog, ws.actor, limit=2)
    for turns in (1, 1, 1):
        history.do(RotatePages(before["doc-1"][:1], turns))
    history.undo()
    history.undo()
    with pytest.raises(PageOpRefused, match="nothing to undo"):
        history.undo()
    with ws.catalog.session() as session:
        assert session.get(Page, before["doc-1"][0]).ocr.rotation == (rotation + 90) % 360  # the first turn stays


KINDS = ["reorder", "rotate", "delete", "restore", "keep_blank", "split", "merge", "move", "rerun", "replace"]


def draw_operation(data: st.DataObject, ws: Workspace) -> PageOperation:
    """Any operation on the catalog as it is now; some are refused, as they would be in use."""
    with ws.catalog.session() as session:
        members: dict[int, list[int]] = {}
        for page in session.scalars(select(Page).where(Page.item_id.is_not(None)).order_by(Page.position)):
            members.setdefault(page.item_id, []).append(page.id)
        binned = list(session.scalars(select(Page.id).where(Page.state == BINNED)))
    item_ids = sorted(members)
    every_page = [page for item in item_ids for page in members[item]]
    item = data.draw(st.sampled_from(item_ids))
    some = data.draw(st.lists(st.sampled_from(every_page), min_size=1, max_size=3, unique=True))
    kind = data.draw(st.sampled_from(KINDS))
    if kind == "reorder":
        return ReorderPages(item, data.draw(st.permutations(members[item])))
    if kind == "rotate":
        return RotatePages(some, data.draw(st.integers(-3, 3)))
    if kind == "restore" and binned:
        return RestorePages(data.draw(st.lists(st.sampled_from(binned), min_size=1, max_size=2, unique=True)))
    if kind == "keep_blank":
        return KeepBlank(some)
    if kind == "split":
        return SplitItem(item, data.draw(st.sampled_from(members[item])))
    if kind == "merge":
        return MergeItems(item, data.draw(st.lists(st.sampled_from(item_ids), min_size=1, max_size=2, unique=True)))
    if kind == "move":
        return MovePages(some, item, data.draw(st.integers(1, len(members[item]) + 1)))
    if kind == "rerun":
        return RerunOcr(some)
    if kind == "replace":
        return ReplacePage(data.draw(st.sampled_from(every_page)), data.draw(st.sampled_from(every_page)))
    return DeletePages(some)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sequence_undone_restores_the_catalog_and_redone_repeats_it(built, tmp_path, data):
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder, open_copy(built, Path(folder)) as workspace:
        history = UndoHistory(workspace.catalog, workspace.actor)
        before = snapshot(workspace)
        for _ in range(data.draw(st.integers(1, 6))):
            operation = draw_operation(data, workspace)
            try:
                history.do(operation)
                event(type(operation).__name__)
            except PageOpRefused:
                event(f"{type(operation).__name__} refused")  # as a whole: nothing changed
        after = snapshot(workspace)

        while history.can_undo:
            history.undo()
        undone = snapshot(workspace)
        while history.can_redo:
            history.redo()

        assert undone["pages"] == before["pages"] and undone["search"] == before["search"]
        for item_id, state in undone["items"].items():
            assert state in (before["items"].get(item_id, MERGED), ItemState.PROCESSING)
        assert snapshot(workspace) == after


def test_shifting_moves_the_selection_a_place_and_stops_at_the_ends(ws):
    ids, before = layout(ws)
    item, order = ids["doc-1"], before["doc-1"]
    history = UndoHistory(ws.catalog, ws.actor)
    with ws.catalog.session() as session:
        operation = shifted(session, [order[2], order[1]], -1)
    history.do(operation)
    assert pages(ws, item) == [order[1], order[2], order[0], order[3]]
    with ws.catalog.session() as session:
        with pytest.raises(PageOpRefused, match="already at the start"):
            shifted(session, [order[1]], -1)
        to_the_end = shifted(session, [order[0]], 5)
    history.do(to_the_end)
    assert pages(ws, item) == [order[1], order[2], order[3], order[0]]


def test_appended_pages_go_to_the_end_or_start_of_the_other_item(ws):
    ids, before = layout(ws)
    history = UndoHistory(ws.catalog, ws.actor)
    with ws.catalog.session() as session:
        to_the_end = appended(session, [before["doc-2"][1]], ids["doc-1"])
    history.do(to_the_end)
    assert pages(ws, ids["doc-1"]) == [*before["doc-1"], before["doc-2"][1]]
    with ws.catalog.session() as session:
        to_the_start = appended(session, [before["doc-2"][2]], ids["doc-1"], first=True)
    history.do(to_the_start)
    assert pages(ws, ids["doc-1"])[0] == before["doc-2"][2]
    assert pages(ws, ids["doc-2"]) == [before["doc-2"][0]]


def test_pages_dropped_before_another_land_there_in_their_order(ws):
    ids, before = layout(ws)
    order = before["doc-1"]
    with ws.catalog.session() as session:
        dropped = placed_before(session, [order[3], order[2]], order[0])
        with pytest.raises(PageOpRefused, match="on themselves"):
            placed_before(session, [order[1]], order[1])
    UndoHistory(ws.catalog, ws.actor).do(dropped)
    assert pages(ws, ids["doc-1"]) == [order[2], order[3], order[0], order[1]]
