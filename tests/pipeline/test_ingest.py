"""Ingest → OCR → PDF → search → describe → commit, through the workspace the CLI uses."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pymupdf
import pytest
from sqlalchemy import func, select

from app.catalog.cataloguing import CommitRefused
from app.catalog.models import Event, FileStatus, ItemState, SourceFile, StoredFile, SyncOutbox
from app.station import Reporter, ingest_once
from app.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "data")


def run_ingest(ws: Workspace, *paths: Path, capsys=None):
    return ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, list(paths), Reporter())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_makes_searchable_items_and_keeps_originals(workspace, make_strips, tmp_path):
    scans = make_strips(tmp_path / "scans", 2)
    before = {p: sha256(p) for p in scans}

    outcomes = run_ingest(workspace, tmp_path / "scans")

    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    assert {p: sha256(p) for p in scans} == before  # originals untouched
    items = workspace.items()
    assert [i["state"] for i in items] == [ItemState.AWAITING_DESCRIPTION] * 2
    assert items[0]["source_files"] == [str(scans[0].absolute())]
    assert "应急演练" in items[0]["pages"][0]["text"].replace(" ", "")
    with workspace.catalog.session() as session:
        originals = session.scalars(select(StoredFile).where(StoredFile.kind == "original")).all()
        assert sorted(o.sha256 for o in originals) == sorted(before.values())
        for stored in originals:
            assert sha256(workspace.store.path(stored.relpath)) == stored.sha256

    hits = workspace.search("应急演练")
    assert [h["id"] for h in hits] == [items[0]["id"]]
    assert hits[0]["hit_pages"] == [1]


def test_same_file_again_is_recorded_as_duplicate_not_ingested(workspace, make_strips, tmp_path):
    first = make_strips(tmp_path / "a", 1)[0]
    again = tmp_path / "b" / "copy-of-first.jpg"
    again.parent.mkdir()
    shutil.copy(first, again)

    run_ingest(workspace, first)
    outcome = run_ingest(workspace, again)[0]
    repeat = run_ingest(workspace, first)[0]

    assert outcome.status == FileStatus.DUPLICATE and str(first.absolute()) in outcome.reason
    assert repeat.status == "known"
    assert len(workspace.items()) == 1
    with workspace.catalog.session() as session:
        statuses = session.scalars(select(SourceFile.status).order_by(SourceFile.id)).all()
    assert statuses == [FileStatus.INGESTED, FileStatus.DUPLICATE]


def test_unreadable_file_is_rejected_with_reason_and_kept(workspace, tmp_path):
    bad = tmp_path / "in" / "scan-7.jpg"
    bad.parent.mkdir()
    bad.write_bytes(b"this is not a JPEG")

    outcome = run_ingest(workspace, bad)[0]

    assert outcome.status == FileStatus.REJECTED
    assert str(bad.absolute()) in outcome.reason
    assert bad.read_bytes() == b"this is not a JPEG"
    with workspace.catalog.session() as session:
        source = session.scalar(select(SourceFile))
        assert source.status == FileStatus.REJECTED and source.reason
        assert session.scalar(select(func.count()).select_from(Event).where(Event.action == "file.rejected")) == 1


def test_folder_grouping_orders_pages_naturally(tmp_path, make_strips):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\n', encoding="utf-8")
    ws = Workspace.open(data)
    folder = tmp_path / "scans" / "doc-1"
    pages = make_strips(folder, 3)
    pages[2].rename(folder / "page-10.jpg")  # natural order: 1, 2, 10

    run_ingest(ws, tmp_path / "scans")

    [item] = ws.items()
    assert [Path(p["source_file"]).name for p in item["pages"]] == ["page-001.jpg", "page-002.jpg", "page-10.jpg"]
    assert [p["number"] for p in item["pages"]] == [1, 2, 3]


DESCRIPTION = dict(
    fonds_code="Z109", year="2023", retention="永久", org_code="BGS", item_no="1",
    title="扬州市档案馆2023年档案工作总结", responsible="扬州市档案馆", date="2023年5月12日",
    doc_no="扬档发[2023]12号",
)


def test_describe_validates_and_commit_stores_named_files_with_digests(workspace, make_strips, tmp_path):
    scan = make_strips(tmp_path / "scans", 1)[0]
    run_ingest(workspace, scan)
    [item] = workspace.items()

    problems = workspace.describe(item["id"], {**DESCRIPTION, "date": "20230230"})
    assert any(p.field == "date" and p.severity == "error" for p in problems)
    assert workspace.items()[0]["state"] == ItemState.AWAITING_DESCRIPTION

    assert not [p for p in workspace.describe(item["id"], DESCRIPTION) if p.severity == "error"]
    [item] = workspace.items()
    assert item["state"] == ItemState.READY
    assert item["archival_code"] == "Z109-WS·2023-Y-BGS-0001"

    result = workspace.commit(item["id"])

    folder = workspace.store.path("archive/Z109/2023/Z109-WS·2023-Y-BGS-0001")
    assert sorted(p.name for p in folder.iterdir()) == ["Z109-WS·2023-Y-BGS-0001-0001.jpg", "Z109-WS·2023-Y-BGS-0001.pdf"]
    assert sha256(folder / "Z109-WS·2023-Y-BGS-0001-0001.jpg") == sha256(scan)
    with workspace.catalog.session() as session:
        stored = {s.relpath: s.sha256 for s in session.scalars(select(StoredFile).where(StoredFile.relpath.like("archive/%")))}
        assert stored == {f: sha256(workspace.store.path(f)) for f in result.files}
        assert session.scalar(select(func.count()).select_from(SyncOutbox)) == 1
        committed = session.scalar(select(Event).where(Event.action == "item.committed"))
        assert committed.actor == workspace.actor.name and committed.item_id == item["id"]
    pdf = pymupdf.open(folder / "Z109-WS·2023-Y-BGS-0001.pdf")
    assert pdf.metadata["title"] == DESCRIPTION["title"]
    assert "应急演练" in pdf[0].get_text().replace("\n", "")
    assert workspace.items()[0]["state"] == ItemState.COMMITTED
    with pytest.raises(CommitRefused, match="already committed"):
        workspace.commit(item["id"])


def test_commit_refuses_an_undescribed_item(workspace, make_strips, tmp_path):
    run_ingest(workspace, make_strips(tmp_path / "scans", 1)[0])
    [item] = workspace.items()
    with pytest.raises(CommitRefused, match="lantai describe"):
        workspace.commit(item["id"])


def test_archival_code_must_be_unique(workspace, make_strips, tmp_path):
    run_ingest(workspace, *make_strips(tmp_path / "scans", 2))
    first, second = workspace.items()
    workspace.describe(first["id"], DESCRIPTION)
    problems = workspace.describe(second["id"], DESCRIPTION)
    assert [p.code for p in problems if p.severity == "error"] == ["duplicate"]
    assert f"item {first['id']}" in problems[-1].message
