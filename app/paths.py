"""Where Lantai keeps its data: one directory holding the catalog, the file store and logs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "LANTAI_DATA_DIR"
# Data files shipped with the checkout: sample pages' text, translations, icons.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("lantai", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """``--data-dir`` wins, then ``LANTAI_DATA_DIR``, then the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataLayout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "catalog.sqlite3"

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def inbox(self) -> Path:
        """The folder the station (the window's or `lantai station`) watches when the profile names none."""
        return self.root / "inbox"

    @property
    def settings(self) -> Path:
        return self.root / "settings.toml"

    def create(self) -> DataLayout:
        for folder in (self.root, self.store, self.logs, self.inbox):
            folder.mkdir(parents=True, exist_ok=True)
        return self
