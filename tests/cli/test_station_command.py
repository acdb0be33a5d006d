"""`lantai station --json` for scripts, and `lantai` alone on a machine without a display.

tests/pipeline/test_station.py covers slow writers and SIGKILL; this is the short happy path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from station_process import StationProcess

from .runner import LANTAI, lantai, lantai_env


def start_station(*args: str | Path) -> StationProcess:
    """The installed ``lantai station --json ARGS…``, without a display."""
    return StationProcess([LANTAI, "station", "--json", *args], env=lantai_env(), stderr=subprocess.PIPE)


def test_station_json_reports_a_dropped_page_until_ready_and_stops_on_sigterm(make_strips, tmp_path):
    watched = tmp_path / "scanner"
    watched.mkdir()
    [strip] = make_strips(tmp_path / "made", 1)
    station = start_station("--watch", watched, "--data-dir", tmp_path / "data")
    try:
        watching = station.wait_for(lambda e: e["event"] == "note")
        assert watching["message"].startswith(f"watching {watched} (profile default)")
        shutil.copy(strip, watched / "page-001.jpg")
        ready = station.wait_for(lambda e: e["event"] == "item_ready")
    finally:
        returncode = station.stop()

    events = station.events
    assert returncode == 0, station.process.stderr.read()
    assert events[-1] == {"event": "note", "message": "station stopped"}
    [ingested] = [e for e in events if e["event"] == "file_ingested"]
    assert ingested["path"] == str(watched / "page-001.jpg") and ingested["pages"] == 1
    assert ready["item_id"] == ingested["item_id"]
    assert [e["event"] for e in events].index("page_done") < [e["event"] for e in events].index("item_ready")
    items = json.loads(lantai("items", "--json", "--data-dir", tmp_path / "data").stdout)
    assert [(i["id"], i["state"]) for i in items] == [(ready["item_id"], "awaiting_description")]
    assert "应急演练" in items[0]["pages"][0]["text"].replace(" ", "")


def test_station_without_watch_takes_the_profiles_folders_else_the_inbox(make_strips, tmp_path):
    # as the window's station does: a fresh install has somewhere to drop scans
    data, scanner = tmp_path / "data", tmp_path / "scanner"
    [strip] = make_strips(tmp_path / "made", 1)
    station = start_station("--data-dir", data)
    try:
        into_inbox = station.wait_for(lambda e: e["event"] == "note")
        shutil.copy(strip, data / "inbox" / "page-001.jpg")
        ingested = station.wait_for(lambda e: e["event"] == "file_ingested")
    finally:
        returncode = station.stop()
    assert returncode == 0, station.process.stderr.read()
    assert into_inbox["message"].startswith(f"watching {data / 'inbox'} (profile default)")
    assert ingested["path"] == str(data / "inbox" / "page-001.jpg")

    scanner.mkdir()
    (data / "settings.toml").write_text(f'[profiles.default]\nwatch = ["{scanner}"]\n', encoding="utf-8")
    station = start_station("--data-dir", data)
    try:
        into_scanner = station.wait_for(lambda e: e["event"] == "note")
    finally:
        returncode = station.stop()
    assert returncode == 0, station.process.stderr.read()
    assert into_scanner["message"].startswith(f"watching {scanner} (profile default)")


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
