"""StabilityTracker against a fake clock: real files, no sleeping."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.scanning import StabilityTracker


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tracker(clock: FakeClock) -> StabilityTracker:
    return StabilityTracker(delay=2.0, clock=clock)


def test_unchanged_for_delay_is_due_once(tmp_path: Path, clock: FakeClock, tracker: StabilityTracker) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(b"scan")
    tracker.touch(page)
    assert tracker.due() == []
    clock.now = 1.9
    assert tracker.due() == []
    clock.now = 2.0
    assert tracker.due() == [page]
    clock.now = 10.0
    assert tracker.due() == []


def test_a_change_restarts_the_wait(tmp_path: Path, clock: FakeClock, tracker: StabilityTracker) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(b"first chunk")
    tracker.touch(page)
    tracker.due()
    clock.now = 1.5
    with page.open("ab") as f:
        f.write(b" second chunk")
    assert tracker.due() == []
    clock.now = 3.0  # 3 s since the touch, but only 1.5 s since the change
    assert tracker.due() == []
    clock.now = 3.5
    assert tracker.due() == [page]


def test_a_touch_restarts_the_wait(tmp_path: Path, clock: FakeClock, tracker: StabilityTracker) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(b"scan")
    tracker.touch(page)
    tracker.due()
    clock.now = 1.5
    tracker.touch(page)
    clock.now = 2.5
    assert tracker.due() == []
    clock.now = 4.5
    assert tracker.due() == [page]


def test_empty_file_is_not_due_until_it_has_content(
    tmp_path: Path, clock: FakeClock, tracker: StabilityTracker
) -> None:
    page = tmp_path / "page.jpg"
    page.touch()
    tracker.touch(page)
    tracker.due()
    clock.now = 60.0
    assert tracker.due() == []
    page.write_bytes(b"scan")
    tracker.due()
    clock.now = 62.0
    assert tracker.due() == [page]


def test_rewrite_after_report_is_due_again(
    tmp_path: Path, clock: FakeClock, tracker: StabilityTracker
) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(b"scan")
    tracker.touch(page)
    tracker.due()
    clock.now = 2.0
    assert tracker.due() == [page]

    tracker.touch(page)  # a stray event (say, the consumer reading it): same version
    tracker.due()
    clock.now = 10.0
    assert tracker.due() == []

    page.write_bytes(b"rescanned at a higher resolution")
    tracker.touch(page)
    tracker.due()
    clock.now = 12.0
    assert tracker.due() == [page]


def test_forgotten_and_deleted_files_are_never_due(
    tmp_path: Path, clock: FakeClock, tracker: StabilityTracker
) -> None:
    forgotten, deleted = tmp_path / "moved.jpg", tmp_path / "deleted.jpg"
    for page in (forgotten, deleted):
        page.write_bytes(b"scan")
        tracker.touch(page)
    tracker.due()
    tracker.forget(forgotten)
    deleted.unlink()
    clock.now = 5.0
    assert tracker.due() == []


def test_forgetting_a_folder_forgets_what_is_under_it(
    tmp_path: Path, clock: FakeClock, tracker: StabilityTracker
) -> None:
    doc, other = tmp_path / "doc1", tmp_path / "doc2"
    doc.mkdir()
    other.mkdir()
    pages = [doc / "p1.jpg", doc / "p2.jpg", other / "p1.jpg"]
    for page in pages:
        page.write_bytes(b"scan")
        tracker.touch(page)
    tracker.due()
    tracker.forget(doc)
    clock.now = 2.0
    assert tracker.due() == [other / "p1.jpg"]


def test_directories_are_dropped(tmp_path: Path, clock: FakeClock, tracker: StabilityTracker) -> None:
    tracker.touch(tmp_path)
    tracker.due()
    clock.now = 5.0
    assert tracker.due() == []
