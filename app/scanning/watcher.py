"""Watching scanner folders and handing on each page image once it is stable.

Watchdog's observer thread only queues events; one worker thread of our own applies them
to a ``StabilityTracker``, checks it every tick and calls ``on_stable``. So a slow
``on_stable`` never stalls the observer, and the tracker needs no lock.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from app.scanning.filters import is_ignored
from app.scanning.stability import StabilityTracker

logger = logging.getLogger("lantai.scanning")

_TICK = 0.25  # seconds between stability checks; small against any sensible delay
_RETRY_LOST = 5.0  # seconds between looks for a vanished folder (an unmounted share) coming back

# What the worker takes off its queue: an event, a folder to rescan, or None to stop.
_Item = FileSystemEvent | Path | None


class _Enqueue(FileSystemEventHandler):
    def __init__(self, items: queue.Queue[_Item]) -> None:
        self._items = items

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._items.put(event)


class FolderWatcher:
    """Reports every stable file in ``folders`` (recursively) to ``on_stable(path, root)``.

    ``on_stable`` runs on the watcher's own thread, once per stable version of a file.
    ``polling=True`` polls every ``poll_interval`` seconds instead of relying on OS
    notifications, which network shares do not deliver. ``ignore`` adds glob patterns to
    the default ones of ``is_ignored``. A watcher is started at most once.
    """

    def __init__(
        self,
        folders: Sequence[Path],
        on_stable: Callable[[Path, Path], None],
        *,
        polling: bool = False,
        stability_delay: float = 2.0,
        poll_interval: float = 1.0,
        ignore: Sequence[str] = (),
    ) -> None:
        # Absolute but not resolved: events name paths under the folder as it was given.
        self._roots = list(dict.fromkeys(Path(os.path.abspath(f)) for f in folders))
        self._on_stable = on_stable
        self._polling = polling
        self._poll_interval = poll_interval
        self._ignore = tuple(ignore)
        self._tracker = StabilityTracker(stability_delay)
        self._items: queue.Queue[_Item] = queue.Queue()
        self._handler = _Enqueue(self._items)
        self._observer: BaseObserver | None = None
        self._watches: dict[Path, ObservedWatch] = {}
        self._lost: set[Path] = set()
        self._worker: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self) -> None:
        """Rescan what the folders already hold, then watch them for changes."""
        if self._worker is not None:
            raise RuntimeError("a FolderWatcher can be started only once")
        for root in self._roots:
            if not root.is_dir():
                raise FileNotFoundError(
                    f"Scanner folder {root} does not exist or is not a folder: create it, "
                    "or remove it from the watched folders in the settings."
                )
        # The rescans go first in the queue, but the observer runs before the worker walks
        # the folders: a file arriving during the walk is seen twice rather than never.
        for root in self._roots:
            self._items.put(root)
        self._observer = PollingObserver(timeout=self._poll_interval) if self._polling else Observer()
        for root in self._roots:
            self._watch(root)
        self._observer.start()
        self._worker = threading.Thread(target=self._run, name="lantai-scanning", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        """Stop watching and wait for the threads; safe to call twice or before start."""
        self._stopping.set()
        self._items.put(None)
        # on_stable may itself call stop(), and a thread cannot join itself.
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join()
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():
                self._observer.join()

    def __enter__(self) -> FolderWatcher:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _watch(self, root: Path) -> None:
        assert self._observer is not None
        self._watches[root] = self._observer.schedule(self._handler, str(root), recursive=True)

    def _run(self) -> None:
        next_retry = time.monotonic() + _RETRY_LOST
        while not self._stopping.is_set():
            try:
                self._drain()
                if self._lost and time.monotonic() >= next_retry:
                    self._reattach()
                    next_retry = time.monotonic() + _RETRY_LOST
                for path in self._tracker.due():
                    self._report(path)
            except Exception:
                logger.exception("Unexpected error while watching scanner folders; carrying on")

    def _drain(self) -> None:
        """Apply everything queued, waiting up to one tick for the first item."""
        try:
            item = self._items.get(timeout=_TICK)
        except queue.Empty:
            return
        while item is not None:
            self._apply(item)
            try:
                item = self._items.get_nowait()
            except queue.Empty:
                return

    def _apply(self, item: FileSystemEvent | Path) -> None:
        if isinstance(item, Path):
            self._walk(item)
            return
        path, kind = Path(os.fsdecode(item.src_path)), item.event_type
        if kind == "moved":
            # The source went away; to us the destination has just appeared.
            self._forget(path)
            path, kind = Path(os.fsdecode(item.dest_path)), "created"
        if kind == "deleted":
            if path in self._roots:
                logger.warning("Scanner folder %s vanished; watching it again once it is back", path)
                self._lost.add(path)
            self._forget(path)
        elif kind == "created" and item.is_directory:
            # A document folder moved in whole: which sub-events a backend synthesises for
            # its files differs, and touching a file twice is harmless.
            self._walk(path)
        elif kind in ("created", "modified") and not item.is_directory:
            self._touch(path)

    def _walk(self, top: Path) -> None:
        def log_error(error: OSError) -> None:
            logger.warning("Cannot read scanner folder %s: %s", error.filename, error)

        for folder, subfolders, files in os.walk(top, onerror=log_error):
            # Ignoring is per path component, so an ignored sub-folder is skipped whole.
            subfolders[:] = [name for name in subfolders if not is_ignored(Path(name), self._ignore)]
            for name in files:
                self._touch(Path(folder, name))

    def _touch(self, path: Path) -> None:
        if self._is_page(path):
            self._tracker.touch(path)

    def _forget(self, path: Path) -> None:
        if self._is_page(path):
            self._tracker.forget(path)

    def _is_page(self, path: Path) -> bool:
        root = self._root_of(path)
        return root is not None and not is_ignored(path.relative_to(root), self._ignore)

    def _root_of(self, path: Path) -> Path | None:
        """The innermost watched folder holding ``path``, should folders be nested."""
        holders = [root for root in self._roots if path.is_relative_to(root)]
        return max(holders, key=lambda root: len(root.parts), default=None)

    def _reattach(self) -> None:
        assert self._observer is not None
        for root in [root for root in self._lost if root.is_dir()]:
            # The old emitter stopped itself when the folder vanished; replace it.
            self._observer.unschedule(self._watches[root])
            self._watch(root)
            self._lost.discard(root)
            logger.info("Scanner folder %s is back; watching it again", root)
            self._walk(root)

    def _report(self, path: Path) -> None:
        root = self._root_of(path)
        assert root is not None  # only paths under a watched folder are ever touched
        try:
            self._on_stable(path, root)
        except Exception:
            logger.exception("Handling the scanned file %s failed", path)
