"""Watching scanner folders: ignore rules, a stability check and the folder watcher.

A scanner writes page images slowly and sometimes rewrites them, so nothing here hands a
file on before its size and modification time have stood still for a while.
"""

from __future__ import annotations

from app.scanning.filters import DEFAULT_IGNORE_PATTERNS, is_ignored
from app.scanning.stability import StabilityTracker
from app.scanning.watcher import FolderWatcher

__all__ = ["DEFAULT_IGNORE_PATTERNS", "FolderWatcher", "StabilityTracker", "is_ignored"]
