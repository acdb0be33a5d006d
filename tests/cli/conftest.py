"""The data dir most CLI tests read: two one-page items ingested once per module."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .runner import Run, lantai, strips


@dataclass
class Library:
    """A data dir holding two one-page items, ingested once per module by `lantai ingest`."""

    data: Path
    scans: list[Path]
    ingest: Run

    def copy(self, to: Path) -> Path:
        """A private copy for a test that changes the catalog."""
        shutil.copytree(self.data, to)
        return to


@pytest.fixture(scope="module")
def library(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("library")
    scans = strips(corpus, root / "scans", 2)
    run = lantai("ingest", root / "scans", "--data-dir", root / "data")
    assert run.returncode == 0, run
    return Library(root / "data", scans, run)
