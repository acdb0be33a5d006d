"""The set-up a new user and CI depend on: the README's two commands, scripts/setup, .ci/run."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_setup_rerun_installs_nothing():
    # scripts/test has just run scripts/setup, so a second run must find everything in place.
    result = subprocess.run(
        [str(REPO / "scripts" / "setup")],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "system packages: nothing missing" in output, output
    assert "python packages: nothing missing" in output, output
    assert "installing" not in output, output


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert "scripts/test" in ci


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
    assert first_block, "README.md has no code block"
    assert first_block.group(1).splitlines() == ["scripts/run", "scripts/test"]
    # Nothing but the title may come before the commands.
    before = [line for line in text[: first_block.start()].splitlines() if line.strip()]
    assert all(line.startswith("# ") for line in before) and len(before) <= 1, before
