"""`lantai station --json` for scripts, and `lantai` alone on a machine without a display.

tests/pipeline/test_station.py covers slow writers and SIGKILL; this is the short happy path.
"""

from __future__ import annotations

import json
import queue
import shutil
import signal
import subprocess
import threading
import time

from .runner import LANTAI, lantai, lantai_env


def test_station_json_reports_a_dropped_page_until_ready_and_stops_on_sigterm(make_strips, tmp_path):
    watched = tmp_path / "scanner"
    watched.mkdir()
    [strip] = make_strips(tmp_path / "made", 1)
    process = subprocess.Popen(
        [LANTAI, "station", "--json", "--watch", watched, "--data-dir", tmp_path / "data"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=lantai_env(),
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)
    reader.start()
    events: list[dict] = []

    def wait_for(kind: str, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                assert process.poll() is None, f"station exited with {process.returncode}: {events}"
                continue
            events.append(json.loads(line))  # every line is one JSON object
            if events[-1]["event"] == kind:
                return events[-1]
        raise AssertionError(f"no {kind} event within {timeout} s: {events}")

    try:
        watching = wait_for("note")
        assert watching["message"].startswith(f"watching {watched} (profile default)")
        shutil.copy(strip, watched / "page-001.jpg")
        ready = wait_for("item_ready")
    finally:
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=60)
    reader.join(timeout=10)
    while not lines.empty():
        events.append(json.loads(lines.get()))

    assert returncode == 0, process.stderr.read()
    assert events[-1] == {"event": "note", "message": "station stopped"}
    [ingested] = [e for e in events if e["event"] == "file_ingested"]
    assert ingested["path"] == str(watched / "page-001.jpg") and ingested["pages"] == 1
    assert ready["item_id"] == ingested["item_id"]
    assert [e["event"] for e in events].index("page_done") < [e["event"] for e in events].index("item_ready")
    items = json.loads(lantai("items", "--json", "--data-dir", tmp_path / "data").stdout)
    assert [(i["id"], i["state"]) for i in items] == [(ready["item_id"], "awaiting_description")]
    assert "应急演练" in items[0]["pages"][0]["text"].replace(" ", "")


def test_without_a_display_lantai_says_how_to_start_the_headless_station(tmp_path):
    run = lantai(env=lantai_env(LANTAI_DATA_DIR=str(tmp_path / "data")))
    print(run.stderr)

    assert run.returncode != 0, run
    assert "no display" in run.stderr
    assert "lantai station --watch" in run.stderr
    assert run.stdout == ""


def test_describe_has_one_option_per_field():
    run = lantai("describe", "--help")
    assert run.returncode == 0, run
    for option in ("--fonds", "--year", "--retention", "--org", "--item-no", "--title", "--responsible",
                   "--date", "--category", "--doc-no", "--secrecy", "--remarks", "--pages", "--open-status",
                   "--person", "--theme"):
        assert f"{option} " in run.stdout, option
