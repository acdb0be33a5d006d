"""Which item a page belongs to, and where it goes in that item.

The keys are derived from the file alone (its path, content digest and mtime), so a restarted
station puts a rescanned file exactly where the first run would have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> str:
    """A string that sorts "p2" before "p10": digit runs are zero-padded."""
    return _DIGITS.sub(lambda m: m.group(1).zfill(12), text.casefold())


@dataclass(frozen=True)
class Placement:
    group_key: str
    sort_key: str
    # time-gap grouping joins the newest collecting item only if its last page is this recent
    gap_seconds: float | None = None
    # an item made of this one file is complete as soon as the file is in
    single_file: bool = False


def place(
    rule: str, path: Path, root: Path | None, sha256: str, mtime_ns: int, *, profile: str, gap_seconds: float
) -> Placement:
    relative = path.relative_to(root) if root is not None and path.is_relative_to(root) else Path(path.name)
    if rule == "folder" and relative.parent != Path("."):
        folder = (root / relative.parent).as_posix() if root is not None else relative.parent.as_posix()
        return Placement(f"folder:{folder}", natural_key(relative.as_posix()))
    if rule == "time_gap":
        # Scanners stamp files in scan order; the mtime survives a restart, arrival time does not.
        return Placement(
            f"time_gap:{profile}", f"{mtime_ns:020d}:{natural_key(relative.as_posix())}", gap_seconds
        )
    # "file", and loose files at the root of a folder-grouped station: one file, one item.
    return Placement(f"file:{sha256}", natural_key(relative.as_posix()), single_file=True)
