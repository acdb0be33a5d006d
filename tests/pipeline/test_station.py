"""The headless station as a real process: slow writers, SIGKILL in mid-batch, restart."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from station_process import StationProcess

from app.catalog.models import Event, FileStatus, ItemState, SourceFile, StoredFile
from app.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


def start_station(data: Path, *folders: Path) -> StationProcess:
    """``lantai station --json`` run from the checkout, watching ``folders``."""
    argv = [sys.executable, "-m", "app.cli", "station", "--json", "--data-dir", data]
    for folder in folders:
        argv += ["--watch", folder]
    return StationProcess(argv, cwd=REPO)


def settings(data: Path, text: str) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.toml").write_text(text, encoding="utf-8")
    return data


def wait_until(condition, explain, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"condition not reached in time:\n{explain()}")


def test_file_written_slowly_is_ingested_once_and_complete(tmp_path, make_strips):
    data = tmp_path / "data"
    watched = tmp_path / "scanner"
    watched.mkdir()
    content = make_strips(tmp_path / "made", 1)[0].read_bytes()
    station = start_station(data, watched)
    try:
        station.wait_for(lambda e: e["event"] == "note" and "watching" in e["message"])
        target = watched / "slow.jpg"
        chunks = [content[i:i + len(content) // 10 + 1] for i in range(0, len(content), len(content) // 10 + 1)]
        with open(target, "wb") as writer:  # ten chunks over 5 s, gaps shorter than the 2 s delay
            for chunk in chunks:
                writer.write(chunk)
                writer.flush()
                time.sleep(0.5)
        ready = station.wait_for(lambda e: e["event"] == "item_ready")
    finally:
        assert station.stop() == 0
    ws = Workspace.open(data)
    with ws.catalog.session() as session:
        sources = session.scalars(select(SourceFile)).all()
        assert [(s.status, s.sha256) for s in sources] == [(FileStatus.INGESTED, hashlib.sha256(content).hexdigest())]
        stored = session.scalar(select(StoredFile).where(StoredFile.kind == "original"))
        assert ws.store.path(stored.relpath).read_bytes() == content
    [item] = ws.items()
    assert item["id"] == ready["item_id"] and item["state"] == ItemState.AWAITING_DESCRIPTION


def test_station_killed_mid_batch_resumes_without_loss_or_double(tmp_path, make_strips):
    data = settings(tmp_path / "data", '[profiles.default]\ngrouping = "folder"\nitem_quiet_seconds = 3\n')
    watched = tmp_path / "scanner"
    folders = {f"doc-{n}": make_strips(watched / f"doc-{n}", 3, start=3 * n) for n in range(3)}

    first = start_station(data, watched)
    first.wait_for(lambda e: e["event"] == "file_ingested")
    first.kill()  # SIGKILL: no clean-up of any kind

    second = start_station(data, watched)
    ws = Workspace.open(data)
    try:
        wait_until(lambda: (items := ws.items(with_text=False)) and len(items) == 3
                   and all(i["state"] == ItemState.AWAITING_DESCRIPTION for i in items),
                   lambda: "".join(second.lines) + json.dumps(ws.items(with_text=False), indent=1))
    finally:
        assert second.stop() == 0

    with ws.catalog.session() as session:
        sources = session.scalars(select(SourceFile)).all()
        assert Counter(s.status for s in sources) == {FileStatus.INGESTED: 9}
        assert len({s.path for s in sources}) == 9
        ocr_events = Counter(e.details["page_id"] for e in session.scalars(
            select(Event).where(Event.action == "page.ocr_done")))
        assert len(ocr_events) == 9 and set(ocr_events.values()) == {1}
    for item in ws.items():
        names = [Path(p["source_file"]) for p in item["pages"]]
        assert len({n.parent.name for n in names}) == 1
        folder = folders[names[0].parent.name]
        assert [n.name for n in names] == [p.name for p in folder]
        assert all(p["text"] for p in item["pages"])
