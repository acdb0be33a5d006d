"""`lantai ingest / items / search / describe / commit` as scripts use them: names, keys,
exit codes and the messages a person reads when something is wrong."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.catalog.models import Item, ItemState
from app.workspace import Workspace

from .runner import lantai, lantai_env

# The keys the issue promises scripts (items; search adds hit_pages) ...
CONTRACT_KEYS = {"id", "state", "archival_code", "title", "pages", "source_files"}
# ... and the ones the output carries besides; listed so that any change to the JSON is deliberate.
EXTRA_KEYS = {"page_count", "batch_id", "profile", "prefill"}

# Each strip's text has a phrase the other lacks (page-002 has 档案工作, page-001 does not).
PHRASES = ["应急演练", "档案工作"]

REQUIRED = ["--fonds", "Z109", "--year", "2023", "--org", "BGS", "--responsible", "扬州市档案馆",
            "--date", "20230512"]


def items_json(data) -> list[dict]:
    run = lantai("items", "--json", "--data-dir", data)
    assert run.returncode == 0, run
    return json.loads(run.stdout)


def test_ingest_reports_each_file_and_each_ready_item(library):
    out = library.ingest.stdout
    print(out)
    for number, scan in enumerate(library.scans, start=1):
        assert f"ingested   {scan} -> item {number} (1 page(s))" in out
        assert f"ready      item {number}: 1 page(s), awaiting description" in out
    assert library.ingest.stderr == ""


def test_items_json_has_the_contract_keys_and_the_ocr_text_of_each_page(library):
    items = items_json(library.data)

    assert [item["id"] for item in items] == [1, 2]
    for item, scan, phrase in zip(items, library.scans, PHRASES):
        assert set(item) == CONTRACT_KEYS | EXTRA_KEYS
        assert item["state"] == ItemState.AWAITING_DESCRIPTION
        assert item["archival_code"] is None and item["title"] is None
        assert item["source_files"] == [str(scan)]
        [page] = item["pages"]
        assert page["number"] == 1 and page["source_file"] == str(scan)
        assert phrase in page["text"].replace(" ", "")


def test_search_json_finds_the_item_and_the_page(library):
    for item_id, phrase in enumerate(PHRASES, start=1):
        run = lantai("search", phrase, "--json", "--data-dir", library.data)
        assert run.returncode == 0, run
        [hit] = json.loads(run.stdout)
        assert set(hit) == CONTRACT_KEYS | EXTRA_KEYS | {"hit_pages"}
        assert hit["id"] == item_id and hit["hit_pages"] == [1]
        assert phrase in hit["pages"][0]["text"].replace(" ", "")


def test_plain_items_and_search_are_one_readable_line_per_item(library):
    items = lantai("items", "--data-dir", library.data)
    found = lantai("search", "档案工作", "--data-dir", library.data)
    nothing = lantai("search", "没有这句话", "--data-dir", library.data)
    print(items.stdout, found.stdout, nothing.stdout, sep="\n")

    assert items.returncode == found.returncode == nothing.returncode == 0
    lines = items.stdout.splitlines()
    assert [line.split() for line in lines] == [[str(n), "awaiting_description", "1", "p", "-"] for n in (1, 2)]
    assert re.fullmatch(r"\s+2  \(not described\)\s+\[page 1\]\n", found.stdout)
    assert nothing.stdout == "nothing found for '没有这句话'\n"


def test_describe_with_codes_or_chinese_names_then_commit(library, tmp_path):
    data = library.copy(tmp_path / "data")
    by_names = lantai("describe", "1", *REQUIRED, "--retention", "永久", "--category", "文书",
                      "--item-no", "0001", "--title", "关于开展档案安全检查和应急演练的通知",
                      "--doc-no", "扬府发[2023]12号", "--data-dir", data)
    by_codes = lantai("describe", "2", *REQUIRED, "--retention", "D30", "--category", "WS",
                      "--item-no", "2", "--title", "关于机关档案工作考核的报告", "--data-dir", data)
    for run, number in ((by_names, 1), (by_codes, 2)):
        assert run.returncode == 0, run
        assert run.stdout == f"item {number} described\n" and run.stderr == "", run

    commits = [lantai("commit", str(number), "--data-dir", data) for number in (1, 2)]

    codes = ["Z109-WS·2023-Y-BGS-0001", "Z109-WS·2023-D30-BGS-0002"]
    for run, number, code in zip(commits, (1, 2), codes):
        assert run.returncode == 0, run
        assert run.stdout.startswith(f"item {number} committed as {code} ("), run
    items = items_json(data)
    assert [(i["state"], i["archival_code"]) for i in items] == [(ItemState.COMMITTED, code) for code in codes]
    assert items[0]["title"] == "关于开展档案安全检查和应急演练的通知"
    with Workspace.open(data).catalog.session() as session:
        desc = session.get(Item, 1).description
        assert (desc.retention, desc.category_code, desc.doc_no) == ("Y", "WS", "扬府发〔2023〕12号")

    again = lantai("commit", "1", "--data-dir", data)
    assert again.returncode == 1 and again.stderr == "lantai: item 1 is already committed\n", again


def test_describe_with_an_impossible_date_says_which_field_and_what_to_write(library):
    run = lantai("describe", "1", *REQUIRED[:-2], "--retention", "Y", "--category", "WS", "--item-no", "1",
                 "--title", "关于开展应急演练的通知", "--date", "2023-02-30", "--data-dir", library.data)
    print(run.stderr)

    assert run.returncode == 1, run
    assert "日期 date" in run.stderr and "20230230" in run.stderr
    assert "write YYYYMMDD such as 20230512" in run.stderr
    assert run.stderr.endswith("lantai: item 1 not described; correct the fields above and run again\n")
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert items_json(library.data)[0]["archival_code"] is None  # nothing was saved


def test_describe_without_a_required_field_names_it_and_gives_an_example(library):
    run = lantai("describe", "2", *REQUIRED, "--retention", "Y", "--item-no", "2", "--data-dir", library.data)
    print(run.stderr)

    assert run.returncode == 1, run
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: 题名 title: is required; write e.g. 扬州市档案馆关于2023年档案工作情况的报告"]
    assert items_json(library.data)[1]["state"] == ItemState.AWAITING_DESCRIPTION


def test_commit_of_an_undescribed_item_says_to_describe_it_first(library):
    run = lantai("commit", "1", "--data-dir", library.data)
    assert run.returncode == 1, run
    assert run.stderr == "lantai: item 1 has no description; run `lantai describe 1 …` first\n"


@pytest.mark.parametrize("command", ["commit", "describe"])
def test_an_item_that_does_not_exist_is_named(library, command):
    run = lantai(command, "99", "--data-dir", library.data)
    assert run.returncode == 1, run
    assert run.stderr == "lantai: no item 99; `lantai items` lists them\n"


def test_ingest_of_a_missing_path_names_it(library, tmp_path):
    run = lantai("ingest", tmp_path / "nowhere", "--data-dir", tmp_path / "data")
    assert run.returncode == 2, run
    assert run.stderr == f"lantai: no such file or folder: {tmp_path / 'nowhere'}\n"


def test_ingest_of_a_non_image_fails_also_when_run_again(tmp_path):
    fake = tmp_path / "scan.jpg"
    fake.write_text("not an image\n", encoding="utf-8")
    first = lantai("ingest", fake, "--data-dir", tmp_path / "data")
    again = lantai("ingest", fake, "--data-dir", tmp_path / "data")
    print(first.stdout, again.stderr)

    assert first.returncode == 1, first
    assert first.stdout.startswith(f"rejected   {fake}: ") and "not a page image" in first.stdout
    assert again.returncode == 1, again
    assert f"{fake} was rejected on an earlier run" in again.stderr


# --data-dir and LANTAI_DATA_DIR: a data dir whose settings.toml has an unknown key proves that
# a command read it, and shows the message naming the file and the key. (`--data-dir` before
# the sub-command: test_the_option_wins_over_the_environment.)
COMMANDS = {
    "items": lambda tmp: ["items"],
    "search": lambda tmp: ["search", "档案工作"],
    "describe": lambda tmp: ["describe", "1", "--title", "x"],
    "commit": lambda tmp: ["commit", "1"],
    "ingest": lambda tmp: ["ingest", tmp],
    "ocr": lambda tmp: ["ocr", tmp / "page.jpg", "-o", tmp / "out.pdf"],
    "station": lambda tmp: ["station", "--watch", tmp],
}


@pytest.fixture
def refused_data_dir(tmp_path):
    data = tmp_path / "refused"
    data.mkdir()
    (data / "settings.toml").write_text('station = "scan-01"\n[profiles.default]\ncolour = "red"\n',
                                        encoding="utf-8")
    (tmp_path / "page.jpg").write_bytes(b"")
    return data


@pytest.mark.parametrize("how", ["option", "environment"])
def test_every_command_uses_the_data_dir_it_is_given(tmp_path, refused_data_dir, how):
    decoy = tmp_path / "decoy"

    def run(command: str):
        args = COMMANDS[command](tmp_path)
        if how == "environment":
            return lantai(*args, env=lantai_env(LANTAI_DATA_DIR=str(refused_data_dir)))
        return lantai(*args, "--data-dir", refused_data_dir, env=lantai_env(LANTAI_DATA_DIR=str(decoy)))

    with ThreadPoolExecutor(3) as pool:
        runs = list(pool.map(run, COMMANDS))

    refusal = f"lantai: {refused_data_dir / 'settings.toml'}: unknown key(s) in profiles.default: colour"
    for command, result in zip(COMMANDS, runs):
        assert result.returncode == 1 and result.stderr.startswith(refusal), f"{command}:\n{result}"
        assert len(result.stderr.splitlines()) == 1, f"{command}:\n{result}"  # no traceback
    assert not decoy.exists()


def test_the_option_wins_over_the_environment(library, tmp_path):
    decoy = tmp_path / "decoy"
    by_option = lantai("items", "--json", "--data-dir", library.data,
                       env=lantai_env(LANTAI_DATA_DIR=str(decoy)))
    by_env = lantai("items", "--json", env=lantai_env(LANTAI_DATA_DIR=str(library.data)))
    option_first = lantai("--data-dir", library.data, "items", "--json",
                          env=lantai_env(LANTAI_DATA_DIR=str(decoy)))

    for run in (by_option, by_env, option_first):
        assert run.returncode == 0, run
        assert [item["id"] for item in json.loads(run.stdout)] == [1, 2]
    assert not decoy.exists()
