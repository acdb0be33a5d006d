"""Deciding when a file a scanner is writing may be read.

Scanners write page images in chunks and sometimes rewrite them, and inotify or a network
share only says *that* something changed. A file counts as stable once its size and
modification time have stood still for ``delay`` seconds, it is non-empty and it can be
opened for reading (on Windows a writer's lock makes that fail).
"""

from __future__ import annotations

import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Signature = tuple[int, int]  # (size, mtime in ns): changes whenever the writer adds bytes


@dataclass
class _Pending:
    signature: Signature | None = None  # None until due() has looked at the file
    since: float = 0.0  # clock time the signature was first seen


class StabilityTracker:
    """Files that changed, and which of them have become stable.

    Not thread-safe: the watcher calls it from its one worker thread only.
    """

    def __init__(self, delay: float = 2.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._delay = delay
        self._clock = clock
        self._pending: dict[Path, _Pending] = {}
        # The version last reported per file, so a stray event does not report it again
        # but a rewrite (new size or mtime) does.
        self._reported: dict[Path, Signature] = {}

    def touch(self, path: Path) -> None:
        """An event said ``path`` appeared or changed: watch it until it is stable."""
        # Forget any signature seen so far: the wait restarts, even if the file system's
        # mtime is too coarse to show this change.
        self._pending[path] = _Pending()

    def forget(self, path: Path) -> None:
        """``path`` was deleted or moved away; a directory takes everything below it along."""
        if path in self._pending or path in self._reported:
            self._pending.pop(path, None)
            self._reported.pop(path, None)
            return
        # Not a file we know, so possibly a directory. Only then pay for the full sweep:
        # files moved out one by one after ingest are the common case.
        for table in (self._pending, self._reported):
            for known in [p for p in table if p.is_relative_to(path)]:
                del table[known]

    def due(self) -> list[Path]:
        """Files that became stable since the last call, each version reported once."""
        now = self._clock()
        ready: list[Path] = []
        for path, entry in list(self._pending.items()):
            try:
                st = path.stat()
            except (FileNotFoundError, NotADirectoryError):
                del self._pending[path]
                continue
            except OSError:
                # A network share hiccup: keep the file, but make it prove stability anew.
                entry.signature = None
                continue
            signature = (st.st_size, st.st_mtime_ns)
            if not stat.S_ISREG(st.st_mode) or signature == self._reported.get(path):
                del self._pending[path]
                continue
            if signature != entry.signature:
                entry.signature, entry.since = signature, now
                continue
            if now - entry.since < self._delay or st.st_size == 0 or not _can_open(path):
                continue
            del self._pending[path]
            self._reported[path] = signature
            ready.append(path)
        return ready


def _can_open(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False
