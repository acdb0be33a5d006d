"""Fixtures and checks shared by the whole suite.

Missing prerequisites (the shared corpus, Tesseract's languages) fail the run with what to do;
they never skip tests, so a machine that lacks them cannot pass by running less.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

# Qt must never need a screen in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# CI lays shared/ beside the clone; in the work tree it is /work/shared.
SHARED = REPO.parent / "shared"

REQUIRED_TESSERACT_LANGS = {"chi_sim", "eng"}


def _tesseract_problem() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed"
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    # The first line is a header ("List of available languages in ...").
    langs = {line.strip() for line in out.stdout.splitlines()[1:] if line.strip()}
    missing = REQUIRED_TESSERACT_LANGS - langs
    if missing:
        return f"tesseract lacks the language data {sorted(missing)} (has {sorted(langs)})"
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    problem = _tesseract_problem()
    if problem:
        pytest.exit(
            f"{problem}: run scripts/setup, or apt-get install tesseract-ocr "
            "tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-osd",
            returncode=1,
        )


def _shared_dir(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.fail(
            f"{path} is missing: the tests need the project's shared/{name} beside the checkout "
            f"(expected at {SHARED}).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The read-only test corpus (shared/corpus): copy files out before changing them."""
    return _shared_dir("corpus")


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed reports (shared/seeds): realistic Chinese archive-bureau text."""
    return _shared_dir("seeds")


@pytest.fixture(autouse=True, scope="session")
def _isolated_default_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep every test away from the user's real data dir, even one that forgets `data_dir`."""
    saved = os.environ.get("LANTAI_DATA_DIR")
    os.environ["LANTAI_DATA_DIR"] = str(tmp_path_factory.mktemp("session-data"))
    yield
    if saved is None:
        os.environ.pop("LANTAI_DATA_DIR", None)
    else:
        os.environ["LANTAI_DATA_DIR"] = saved


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty Lantai data directory, also set as LANTAI_DATA_DIR for the test."""
    path = tmp_path / "lantai-data"
    path.mkdir()
    monkeypatch.setenv("LANTAI_DATA_DIR", str(path))
    return path


# Text rows of cjk-rendered/seedA-003.png (300 dpi): paragraph one starts near y=250.
STRIP_TOP, STRIP_HEIGHT = 240, 320


@pytest.fixture
def make_strips(corpus: Path):
    """``make_strips(folder, count, fmt="jpg")`` writes ``count`` page files, each a band of
    four printed lines, named page-001.jpg… Returns their paths in page order."""
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    source.load()

    def make(folder: Path, count: int, fmt: str = "jpg", start: int = 0) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for number in range(start, start + count):
            # five bands of text, shifted a little on each round: every page is different
            top = STRIP_TOP + (number % 5) * STRIP_HEIGHT + (number // 5) * 11
            strip = source.crop((0, top, source.width, top + STRIP_HEIGHT))
            path = folder / f"page-{number + 1:03d}.{fmt}"
            strip.save(path, dpi=(300, 300), **({"quality": 92} if fmt == "jpg" else {}))
            paths.append(path)
        return paths

    return make
