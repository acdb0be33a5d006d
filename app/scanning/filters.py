"""Which files in a scanner folder are not page images: temporary, hidden and OS clutter."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import PurePath

# Matched case-insensitively against every path component, so an ignored directory hides
# everything below it. ".*" (hidden) also covers .DS_Store, AppleDouble "._x" files,
# LibreOffice ".~lock" files and vim swap files such as ".x.swp".
DEFAULT_IGNORE_PATTERNS: tuple[str, ...] = (
    ".*",
    "*.tmp",
    "*.part",
    "*.crdownload",
    "*.swp",
    "~$*",
    "thumbs.db",
    "desktop.ini",
)


def is_ignored(path: PurePath, extra_patterns: Sequence[str] = ()) -> bool:
    """Whether ``path`` is clutter that must never be treated as a scanned page.

    Pass the path relative to the watched folder: a watched folder that itself lies under
    a hidden directory (``~/.local/...``) must not hide every file in it. ``extra_patterns``
    are further globs in the same per-component, case-insensitive sense.
    """
    patterns = [p.lower() for p in (*DEFAULT_IGNORE_PATTERNS, *extra_patterns)]
    parts = [part.lower() for part in path.parts if part != ".."]
    return any(fnmatchcase(part, pattern) for part in parts for pattern in patterns)
