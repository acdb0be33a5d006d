"""`lantai attention` and `lantai retry`: what needs an operator, and trying it again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .runner import lantai, strips


def test_a_rejected_scan_is_listed_and_taken_in_by_retry_once_replaced(corpus: Path, tmp_path: Path):
    data = tmp_path / "data"
    scan = tmp_path / "scans" / "page-009.jpg"
    scan.parent.mkdir()
    scan.write_bytes(b"this is not a JPEG")
    assert lantai("ingest", scan, "--data-dir", data).returncode == 1

    listed = lantai("attention", "--data-dir", data)
    assert listed.returncode == 0, listed
    assert str(scan) in listed.stdout and "not a page image" in listed.stdout
    assert "`lantai retry file 1`" in listed.stdout
    [entry] = json.loads(lantai("attention", "--json", "--data-dir", data).stdout)
    assert (entry["kind"], entry["id"], entry["path"]) == ("file", 1, str(scan))

    refused = lantai("retry", "file", "1", "--data-dir", data)
    assert refused.returncode == 1, refused
    assert refused.stderr.startswith("lantai: still not readable: ") and str(scan) in refused.stderr

    [entry] = json.loads(lantai("attention", "--json", "--data-dir", data).stdout)
    shutil.copy(strips(corpus, tmp_path / "rescan", 1)[0], scan)
    taken = lantai("retry", "file", str(entry["id"]), "--data-dir", data)
    assert taken.returncode == 0, taken
    assert f"{scan} taken in: item 1, 1 page(s)" in taken.stdout
    assert lantai("attention", "--data-dir", data).stdout == "nothing needs attention\n"
