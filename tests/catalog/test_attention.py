"""Needs attention and batch progress, on a real catalog through the workspace."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, select

from app.catalog.events import record
from app.catalog.models import Event, Item, ItemState, Page, PageState
from app.scanning.ingest import Ingestor
from app.station import Reporter, ingest_once
from app.workspace import Workspace


@pytest.fixture
def workspace(data_dir: Path) -> Workspace:
    ws = Workspace.open(data_dir)
    yield ws
    ws.catalog.close()


def take_in(ws: Workspace, *paths: Path) -> list:
    """Ingest without OCR: what the station's watcher does before the processor runs."""
    ingestor = Ingestor(ws.catalog, ws.store, ws.profile, ws.actor)
    outcomes = [ingestor.ingest(path) for path in paths]
    ingestor.close_batch()
    return outcomes


def actions(ws: Workspace) -> list[tuple[str, str]]:
    with ws.catalog.session() as session:
        return [(e.action, e.actor) for e in session.scalars(select(Event).order_by(Event.id))]


def test_a_rejected_file_is_listed_and_retry_takes_in_its_replacement(workspace, make_strips, tmp_path):
    good = make_strips(tmp_path / "good", 1)[0]
    scan = tmp_path / "in" / "scan-7.jpg"
    scan.parent.mkdir()
    scan.write_bytes(b"this is not a JPEG")
    take_in(workspace, scan)

    [entry] = workspace.attention_list()
    assert entry["kind"] == "file" and entry["path"] == str(scan)
    assert str(scan) in entry["reason"] and "not a page image" in entry["reason"]
    assert entry["when"].endswith("Z") and entry["remedy"]

    scan.unlink()  # gone: said so, and the rejection stays
    gone = workspace.retry("file", entry["id"])
    assert not gone.ok and "no longer there" in gone.message
    assert workspace.attention_list() == [entry]

    scan.write_bytes(b"still not an image")  # still broken: read again, rejected again, listed
    broken = workspace.retry("file", entry["id"])
    assert not broken.ok and broken.message.startswith("still not readable") and str(scan) in broken.message
    [again] = workspace.attention_list()
    assert again["kind"] == "file" and again["path"] == str(scan)

    shutil.copy(good, scan)  # the operator puts a good scan at the same path
    taken = workspace.retry("file", again["id"])

    assert taken.ok, taken.message
    assert workspace.attention_list() == []
    [item] = workspace.items()
    assert item["id"] == taken.item_id and item["source_files"] == [str(scan)]
    assert [p["state"] for p in item["pages"]] == [PageState.PENDING]
    retried = [who for action, who in actions(workspace) if action == "file.retried"]
    assert retried == [workspace.actor.name] * 2


def test_a_rejection_is_no_longer_listed_once_a_rescan_at_its_path_is_taken_in(workspace, make_strips, tmp_path):
    scan = tmp_path / "in" / "page-001.jpg"
    scan.parent.mkdir()
    scan.write_bytes(b"this is not a JPEG")
    take_in(workspace, scan)
    assert [entry["kind"] for entry in workspace.attention_list()] == ["file"]

    make_strips(tmp_path / "in", 1)  # the scanner writes the page again; the watcher takes it
    take_in(workspace, scan)

    assert workspace.attention_list() == []


def test_a_failed_page_is_listed_and_retry_sets_it_pending(workspace, make_strips, tmp_path):
    # Headers intact, data cut short: taken in, and the page fails when OCR decodes it.
    scan = make_strips(tmp_path / "in", 1)[0]
    scan.write_bytes(scan.read_bytes()[:2000])
    station_lines = io.StringIO()
    ingest_once(workspace.catalog, workspace.store, workspace.settings, workspace.profile, workspace.actor,
                [scan], Reporter(station_lines))
    [item] = workspace.items()
    assert item["state"] == ItemState.NEEDS_ATTENTION
    # the station's line names the scan as well, not the file store's copy of it
    assert f"attention  item {item['id']}: OCR failed: {scan}: " in station_lines.getvalue()
    assert "objects" not in station_lines.getvalue()

    [entry] = workspace.attention_list()  # the page, not its item as well
    assert (entry["kind"], entry["item_id"], entry["page"], entry["path"]) == ("page", item["id"], 1, str(scan))
    assert entry["reason"].startswith("OCR failed") and "cut short" in entry["reason"]
    assert str(scan) in entry["reason"]  # the scanner's file, not the stored copy
    assert entry["when"] is not None

    outcome = workspace.retry("page", entry["id"])

    assert outcome.ok and outcome.item_id == item["id"]
    with workspace.catalog.session() as session:
        page = session.get(Page, entry["id"])
        assert (page.state, page.error, page.item.state) == (PageState.PENDING, None, ItemState.PROCESSING)
    assert actions(workspace)[-1] == ("pages.ocr_requested", workspace.actor.name)
    assert workspace.attention_list() == []
    assert not workspace.retry("page", entry["id"]).ok  # nothing left to retry


def test_an_item_whose_pdf_failed_goes_back_to_processing(workspace, make_strips, tmp_path):
    [outcome] = take_in(workspace, make_strips(tmp_path / "in", 1)[0])
    with workspace.catalog.session() as session:
        item = session.get(Item, outcome.item_id)
        item.pages[0].state = PageState.DONE
        item.state = ItemState.NEEDS_ATTENTION
        record(session, workspace.actor, "item.pdf_failed", item_id=item.id, error="No space left on device")

    [entry] = workspace.attention_list()
    assert (entry["kind"], entry["id"]) == ("item", outcome.item_id)
    assert entry["reason"] == "PDF assembly failed: No space left on device"

    assert workspace.retry("item", outcome.item_id).ok
    assert workspace.items()[0]["state"] == ItemState.PROCESSING
    assert actions(workspace)[-1] == ("item.retried", workspace.actor.name)
    assert workspace.attention_list() == []


def test_batch_progress_counts_pages_and_items_per_batch_in_one_query(workspace, make_strips, tmp_path):
    scans = make_strips(tmp_path / "in", 5)
    first = take_in(workspace, scans[0])  # batch 1: finished long ago
    second = take_in(workspace, scans[1])  # batch 2: the newest finished
    third = take_in(workspace, *scans[2:])  # batch 3: three pages, one read, one failed
    with workspace.catalog.session() as session:
        for outcome in first + second:
            item = session.get(Item, outcome.item_id)
            item.pages[0].state = PageState.DONE
            item.state = ItemState.AWAITING_DESCRIPTION
        session.get(Item, second[0].item_id).state = ItemState.COMMITTED
        session.get(Item, third[0].item_id).pages[0].state = PageState.DONE
        session.get(Item, third[1].item_id).pages[0].state = PageState.FAILED

    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731 — the SQL text
    event.listen(workspace.catalog.engine, "before_cursor_execute", listen)
    try:
        rows = workspace.batch_progress()
    finally:
        event.remove(workspace.catalog.engine, "before_cursor_execute", listen)

    assert len(statements) == 1
    assert [row["batch_id"] for row in rows] == [2, 3]
    finished, active = rows
    assert finished["finished"] and finished["items_committed"] == 1 and finished["pages_done"] == 1
    assert not active["finished"] and active["started"].endswith("Z")
    assert {key: active[key] for key in ("pages_total", "pages_done", "pages_failed", "pages_pending",
                                         "items_total", "items_processing", "items_awaiting")} == {
        "pages_total": 3, "pages_done": 1, "pages_failed": 1, "pages_pending": 1,
        "items_total": 3, "items_processing": 3, "items_awaiting": 0}
