"""Corpus copies for the imaging tests (the corpus itself is read-only)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def scan(corpus: Path, tmp_path: Path) -> Callable[[str], Path]:
    """Copy a corpus file (path relative to the corpus) into tmp_path and return the copy."""

    def copy(relative: str) -> Path:
        target = tmp_path / Path(relative).name
        shutil.copyfile(corpus / relative, target)
        return target

    return copy
