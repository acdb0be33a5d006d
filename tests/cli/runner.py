"""Run the installed ``lantai`` executable as a user or a script would: a real process, its
own data directory, no display unless a test gives it one."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

# The console script installed beside the interpreter running the tests (.venv/bin/lantai).
LANTAI = Path(sys.executable).with_name("lantai")

# Never inherited by a `lantai` child: a test that wants a screen says so. LANTAI_DATA_DIR is
# inherited: the suite points it at a scratch dir, so a child never touches a real data dir.
_DROPPED = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # what an assertion failure shows
        return (f"$ lantai {' '.join(self.args)}\n-> exit {self.returncode}\n"
                f"--- stdout\n{self.stdout}--- stderr\n{self.stderr}")


def lantai_env(**changes: str) -> dict[str, str]:
    """The test process's environment without a display, then ``changes``."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    return {**env, **changes}


def lantai(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """``lantai ARGS…`` to completion; stdout and stderr as text."""
    if not LANTAI.is_file():
        pytest.fail(f"{LANTAI} is missing: install the project into this interpreter's venv "
                    "(pip install -e .) so the `lantai` console script exists", pytrace=False)
    argv = [str(a) for a in args]
    done = subprocess.run([str(LANTAI), *argv], capture_output=True, text=True, encoding="utf-8",
                          env=lantai_env() if env is None else env, timeout=timeout)
    return Run(argv, done.returncode, done.stdout, done.stderr)


def strips(corpus: Path, folder: Path, count: int) -> list[Path]:
    """page-001.jpg… as the suite's ``make_strips`` writes them (bands of four printed lines
    of cjk-rendered/seedA-003.png), for the module-scoped fixtures that cannot use it."""
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        top = 240 + number * 320
        path = folder / f"page-{number + 1:03d}.jpg"
        source.crop((0, top, source.width, top + 320)).save(path, dpi=(300, 300), quality=92)
        paths.append(path)
    return paths
