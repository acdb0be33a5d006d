"""The headless station: watch folders, ingest stable files, OCR and assemble, report.

One thread writes the catalog (this loop); the watcher only queues paths and the OCR pool
only returns results. Killed at any moment, the station resumes from the catalog: files
already recorded are skipped, pending pages are OCRed, processing items get their PDF.
"""

from __future__ import annotations

import json
import logging
import queue
import sys
import threading
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from sqlalchemy import update

from app.catalog.db import Catalog
from app.catalog.events import Actor
from app.catalog.models import Item, ItemState, utcnow
from app.catalog.store import FileStore
from app.config import Profile, Settings
from app.ocr.pool import OcrPool
from app.processing import Processor, Progress
from app.scanning.filters import is_ignored
from app.scanning.grouping import natural_key
from app.scanning.ingest import IngestOutcome, Ingestor, close_quiet_items
from app.scanning.watcher import FolderWatcher

log = logging.getLogger("lantai.station")


class Reporter:
    """Progress for a person (one readable line per step) or for scripts (JSON lines)."""

    def __init__(self, stream: TextIO = sys.stdout, as_json: bool = False):
        self.stream = stream
        self.as_json = as_json

    def file(self, outcome: IngestOutcome) -> None:
        if outcome.status == "known":
            return
        if self.as_json:
            self._json(event=f"file_{outcome.status}", path=str(outcome.path), item_id=outcome.item_id,
                       pages=outcome.pages, reason=outcome.reason or None)
        elif outcome.status == "ingested":
            self._line(f"ingested   {outcome.path} -> item {outcome.item_id} ({outcome.pages} page(s))")
        elif outcome.reason.startswith(str(outcome.path)):  # a decoding message names its file
            self._line(f"{outcome.status:<10} {outcome.reason}")
        else:
            self._line(f"{outcome.status:<10} {outcome.path}: {outcome.reason}")

    def progress(self, progress: Progress) -> None:
        if self.as_json:
            self._json(event=progress.kind, **{k: v for k, v in asdict(progress).items() if k != "kind"})
        elif progress.kind == "page_done":
            self._line(f"ocr        item {progress.item_id} page {progress.page}"
                       f" (confidence {progress.details.get('confidence')})")
        elif progress.kind == "separator":
            self._line(f"separator  item {progress.item_id}: {progress.details.get('kind')} sheet"
                       f" {progress.message!r} starts a new item")
        elif progress.kind == "item_ready":
            self._line(f"ready      item {progress.item_id}: {progress.details.get('pages')} page(s),"
                       f" {progress.message.replace('_', ' ')}")
        else:
            self._line(f"attention  item {progress.item_id}: {progress.message}")

    def watching(self, folders: Sequence[Path], profile: str) -> None:
        self.note(f"watching {', '.join(map(str, folders))} (profile {profile}); press Ctrl+C to stop")

    def stopped(self) -> None:
        self.note("station stopped")

    def note(self, message: str) -> None:
        if self.as_json:
            self._json(event="note", message=message)
        else:
            self._line(message)

    def _json(self, **fields) -> None:
        self._line(json.dumps(fields, ensure_ascii=False))

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def collect_files(paths: Sequence[Path], ignore: Sequence[str] = ()) -> list[tuple[Path, Path | None]]:
    """Files named on the command line, folders expanded recursively, in natural order."""
    found: list[tuple[Path, Path | None]] = []
    for path in paths:
        path = path.absolute()
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and not is_ignored(p.relative_to(path), ignore)]
            found += [(p, path) for p in sorted(files, key=lambda p: natural_key(p.relative_to(path).as_posix()))]
        else:
            found.append((path, None))
    return found


def ingest_once(
    catalog: Catalog, store: FileStore, settings: Settings, profile: Profile, actor: Actor,
    paths: Sequence[Path], reporter: Reporter,
) -> list[IngestOutcome]:
    """``lantai ingest``: take these files, then OCR and assemble until nothing is left."""
    ingestor = Ingestor(catalog, store, profile, actor)
    outcomes = []
    for path, root in collect_files(paths, profile.ignore):
        outcome = ingestor.ingest(path, root)
        reporter.file(outcome)
        outcomes.append(outcome)
    close_quiet_items(catalog, actor, 0, everything=True)
    with OcrPool() as pool:
        processor = Processor(catalog, store, settings, actor, pool, reporter.progress)
        try:
            processor.run_until_idle()
        finally:
            processor.close()
    ingestor.close_batch()
    return outcomes


class Station:
    def __init__(
        self, catalog: Catalog, store: FileStore, settings: Settings, profile: Profile, actor: Actor,
        folders: Sequence[Path], reporter: Reporter, *, polling: bool | None = None,
    ):
        self.catalog = catalog
        self.store = store
        self.settings = settings
        self.profile = profile
        self.actor = actor
        self.folders = [Path(f).absolute() for f in folders]
        self.reporter = reporter
        self.polling = profile.polling if polling is None else polling
        self.arrivals: queue.Queue[tuple[Path, Path]] = queue.Queue()
        self.stopping = threading.Event()

    def run(self) -> None:
        ingestor = Ingestor(self.catalog, self.store, self.profile, self.actor)
        self._resume()
        watcher = FolderWatcher(
            self.folders, lambda path, root: self.arrivals.put((path, root)), polling=self.polling,
            stability_delay=self.profile.stability_delay, ignore=self.profile.ignore,
        )
        with OcrPool() as pool:
            processor = Processor(self.catalog, self.store, self.settings, self.actor, pool,
                                  self.reporter.progress)
            watcher.start()
            self.reporter.watching(self.folders, self.profile.name)
            try:
                while not self.stopping.is_set():
                    self._ingest_arrivals(ingestor)
                    close_quiet_items(self.catalog, self.actor, self.profile.item_quiet_seconds)
                    processor.tick()
                    self.stopping.wait(0.1)
            finally:
                watcher.stop()
                processor.close()
                ingestor.close_batch()
        self.reporter.stopped()

    def stop(self) -> None:
        self.stopping.set()

    def _ingest_arrivals(self, ingestor: Ingestor) -> None:
        while True:
            try:
                path, root = self.arrivals.get_nowait()
            except queue.Empty:
                return
            try:
                self.reporter.file(ingestor.ingest(path, root))
            except FileNotFoundError:
                log.info("%s vanished before it was ingested", path)
            except OSError as exc:
                # Unreadable now (locked, permissions): left in place and retried on restart.
                self.reporter.note(f"cannot read {path}: {exc}; it stays in the folder, fix and restart")

    def _resume(self) -> None:
        """A restart counts as activity: collecting items wait for their rescanned pages."""
        with self.catalog.session() as session:
            session.execute(
                update(Item).where(Item.state == ItemState.COLLECTING).values(last_page_at=utcnow())
            )
