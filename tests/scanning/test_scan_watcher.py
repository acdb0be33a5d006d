"""FolderWatcher with real files and real watchdog threads, in inotify and polling mode.

No assertion bounds wall-clock time: tests wait for reports with generous timeouts and
assert on what was reported. To show that nothing *more* is reported, a test writes a
barrier file last, waits for it, then stops the watcher (which finishes the batch in
hand) before counting.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.scanning import FolderWatcher
from app.scanning import watcher as watcher_module

TIMEOUT = 30.0
DELAY = 0.5  # stability delay where slowness of the writer is not the point

# watchdog's inotify backend may add a watch for a just-created sub-folder twice (from its
# own walk and from the event) and warns; the second watch simply replaces the first.
pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")

MODES = [pytest.param(False, id="inotify"), pytest.param(True, id="polling")]


class Reports:
    """Collects on_stable calls with the SHA-256 of the file as it was at report time."""

    def __init__(self) -> None:
        self.seen: list[tuple[Path, Path, str]] = []
        self._changed = threading.Condition()

    def __call__(self, path: Path, root: Path) -> None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with self._changed:
            self.seen.append((path, root, digest))
            self._changed.notify_all()

    def wait_for(self, path: Path, times: int = 1) -> None:
        with self._changed:
            arrived = self._changed.wait_for(lambda: self.count(path) >= times, TIMEOUT)
        assert arrived, f"{path} reported {self.count(path)} times, expected {times}; got {self.seen}"

    def count(self, path: Path) -> int:
        return sum(1 for seen, _, _ in self.seen if seen == path)

    def pages(self) -> list[tuple[Path, Path, str]]:
        return [seen for seen in self.seen if not seen[0].name.startswith("barrier")]


Start = Callable[..., tuple[FolderWatcher, Reports]]


@pytest.fixture
def start_watcher() -> Iterator[Start]:
    started: list[FolderWatcher] = []

    def start(folders: list[Path], **options: object) -> tuple[FolderWatcher, Reports]:
        reports = Reports()
        options = {"stability_delay": DELAY, "poll_interval": 0.25, **options}
        watcher = FolderWatcher(folders, reports, **options)  # type: ignore[arg-type]
        started.append(watcher)
        watcher.start()
        return watcher, reports

    yield start
    for watcher in started:
        watcher.stop()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settle(watcher: FolderWatcher, reports: Reports, folder: Path) -> None:
    """Wait until everything written before now has been reported, then stop."""
    barrier = folder / "barrier.jpg"
    barrier.write_bytes(b"barrier")
    reports.wait_for(barrier)
    watcher.stop()


def write_slowly(path: Path, seconds: float, gap: float) -> str:
    digest = hashlib.sha256()
    with path.open("wb") as f:
        for _ in range(round(seconds / gap)):
            chunk = os.urandom(64 * 1024)
            f.write(chunk)
            f.flush()
            digest.update(chunk)
            time.sleep(gap)
    return digest.hexdigest()


@pytest.mark.parametrize("polling", MODES)
def test_slowly_written_file_is_reported_once_and_complete(
    tmp_path: Path, start_watcher: Start, polling: bool
) -> None:
    watcher, reports = start_watcher([tmp_path], polling=polling, stability_delay=1.0)
    page = tmp_path / "page-0001.tif"
    written = write_slowly(page, seconds=5.0, gap=0.2)

    reports.wait_for(page)
    settle(watcher, reports, tmp_path)
    assert reports.pages() == [(page, tmp_path, written)]


def test_files_present_before_start_are_reported(tmp_path: Path, start_watcher: Start) -> None:
    (tmp_path / "doc1").mkdir()
    old_pages = {tmp_path / "left-over.jpg": b"before restart", tmp_path / "doc1" / "p1.jpg": b"page one"}
    for page, data in old_pages.items():
        page.write_bytes(data)
    (tmp_path / "Thumbs.db").write_bytes(b"clutter")

    watcher, reports = start_watcher([tmp_path])
    for page in old_pages:
        reports.wait_for(page)
    settle(watcher, reports, tmp_path)
    expected = [(page, tmp_path, sha256(data)) for page, data in old_pages.items()]
    assert sorted(reports.pages()) == sorted(expected)


@pytest.mark.parametrize("polling", MODES)
def test_ignored_files_are_never_reported_and_a_renamed_tmp_once(
    tmp_path: Path, start_watcher: Start, polling: bool
) -> None:
    watcher, reports = start_watcher([tmp_path], polling=polling, ignore=["*.log"])
    (tmp_path / ".cache").mkdir()
    clutter_names = ["Thumbs.db", "desktop.ini", ".DS_Store", "._page.jpg", "~$x.docx", "x.part", "scan.log"]
    for clutter in [*clutter_names, ".cache/p.jpg"]:
        (tmp_path / clutter).write_bytes(b"clutter")
    partial, page = tmp_path / "page.jpg.tmp", tmp_path / "page.jpg"
    partial.write_bytes(b"the whole page")
    time.sleep(DELAY * 3)  # long enough for the .tmp to count as stable, were it not ignored
    partial.rename(page)

    reports.wait_for(page)
    settle(watcher, reports, tmp_path)
    assert reports.pages() == [(page, tmp_path, sha256(b"the whole page"))]


def test_rewrite_after_report_is_reported_again(tmp_path: Path, start_watcher: Start) -> None:
    watcher, reports = start_watcher([tmp_path])
    page = tmp_path / "page.jpg"
    page.write_bytes(b"first scan")
    reports.wait_for(page)
    page.write_bytes(b"rescan at 600 dpi")
    reports.wait_for(page, times=2)

    settle(watcher, reports, tmp_path)
    versions = [b"first scan", b"rescan at 600 dpi"]
    assert reports.pages() == [(page, tmp_path, sha256(data)) for data in versions]


def test_subfolders_are_watched_and_report_their_root(tmp_path: Path, start_watcher: Start) -> None:
    station_a, station_b = tmp_path / "a", tmp_path / "b"
    station_a.mkdir()
    station_b.mkdir()
    watcher, reports = start_watcher([station_a, station_b])
    (station_a / "doc1").mkdir()
    (station_b / "doc2" / "part1").mkdir(parents=True)
    pages = {station_a / "top.jpg": station_a, station_a / "doc1" / "p1.jpg": station_a}
    pages[station_b / "doc2" / "part1" / "p1.jpg"] = station_b
    for page in pages:
        page.write_bytes(page.name.encode())

    for page in pages:
        reports.wait_for(page)
    settle(watcher, reports, station_a)
    expected = [(page, root, sha256(page.name.encode())) for page, root in pages.items()]
    assert sorted(reports.pages()) == sorted(expected)


def test_a_document_folder_moved_in_whole_is_reported(tmp_path: Path, start_watcher: Start) -> None:
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    (staging / "doc1").mkdir(parents=True)
    inbox.mkdir()
    for name in ("p1.jpg", "p2.jpg"):
        (staging / "doc1" / name).write_bytes(name.encode())
    watcher, reports = start_watcher([inbox])
    (staging / "doc1").rename(inbox / "doc1")

    for name in ("p1.jpg", "p2.jpg"):
        reports.wait_for(inbox / "doc1" / name)
    settle(watcher, reports, inbox)
    expected = [(inbox / "doc1" / name, inbox, sha256(name.encode())) for name in ("p1.jpg", "p2.jpg")]
    assert sorted(reports.pages()) == expected


def test_errors_in_on_stable_are_logged_and_watching_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    failed, succeeded = threading.Event(), threading.Event()

    def on_stable(path: Path, root: Path) -> None:
        if path.name == "bad.jpg":
            failed.set()
            raise ValueError("cannot decode")
        succeeded.set()

    with FolderWatcher([tmp_path], on_stable, stability_delay=DELAY):
        (tmp_path / "bad.jpg").write_bytes(b"bad")
        assert failed.wait(TIMEOUT)
        (tmp_path / "good.jpg").write_bytes(b"good")
        assert succeeded.wait(TIMEOUT)
    failures = [r for r in caplog.records if r.name == "lantai.scanning" and r.exc_info]
    assert len(failures) == 1 and "bad.jpg" in failures[0].getMessage()


@pytest.mark.parametrize("polling", MODES)
def test_a_vanished_folder_is_logged_and_watched_again_when_back(
    tmp_path: Path,
    start_watcher: Start,
    polling: bool,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(watcher_module, "_RETRY_LOST", 0.25)
    share, local = tmp_path / "share", tmp_path / "local"
    share.mkdir()
    local.mkdir()
    watcher, reports = start_watcher([share, local], polling=polling)
    (share / "before.jpg").write_bytes(b"before")
    reports.wait_for(share / "before.jpg")

    shutil.rmtree(share)
    (local / "meanwhile.jpg").write_bytes(b"meanwhile")
    reports.wait_for(local / "meanwhile.jpg")
    assert any("vanished" in r.getMessage() for r in caplog.records if r.name == "lantai.scanning")

    share.mkdir()
    (share / "after.jpg").write_bytes(b"after")
    reports.wait_for(share / "after.jpg")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "scanner-out"
    watcher = FolderWatcher([tmp_path, missing], lambda path, root: None)
    with pytest.raises(FileNotFoundError, match="scanner-out.*create it"):
        watcher.start()
    watcher.stop()


def test_stop_is_idempotent(tmp_path: Path) -> None:
    watcher = FolderWatcher([tmp_path], lambda path, root: None)
    watcher.stop()
    watcher = FolderWatcher([tmp_path], lambda path, root: None)
    watcher.start()
    watcher.stop()
    watcher.stop()
    assert not any(t.name == "lantai-scanning" for t in threading.enumerate())
