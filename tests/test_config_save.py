"""Writing settings.toml: what is saved reads back the same, atomically, with the old file kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st
from sqlalchemy import select

from app.catalog.models import Event
from app.config import (
    GROUPING_RULES,
    ImageRules,
    Profile,
    Settings,
    SettingsError,
    backup_path,
    changed_keys,
    load_settings,
    save_settings,
    settings_problems,
)
from app.workspace import Workspace

WENSHU = Profile(
    name="wenshu", watch=(Path("/srv/scans/station1"), Path("/mnt/共享/扫描")), polling=True,
    ignore=("*.tmp", "Thumbs.db"), ocr_languages="chi_sim", grouping="time_gap", time_gap_seconds=90.5,
    archival_code_template="{fonds}-{category}·{year}·{retention}·{org}-{item}",
    image_rules=ImageRules(min_dpi=300, recommended_dpi=400, max_skew_deg=1.5, require_colour=True,
                           auto_deskew=False, page_size_tolerance_mm=5.0),
)
PHOTOS = Profile(name="照片", grouping="folder", item_quiet_seconds=30.0)


def test_a_saved_file_reads_back_the_same(tmp_path: Path):
    station = Settings(station="扫描站-01", operator="王芳", default_profile="照片",
                       profiles={"wenshu": WENSHU, "照片": PHOTOS})
    path = save_settings(station, tmp_path / "settings.toml")
    assert load_settings(path) == station
    assert path.read_text(encoding="utf-8").startswith("# Lantai station settings")


# Names and texts as TOML must carry them: any printable text, quotes and backslashes included.
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip)
folders = st.lists(st.text("abc文书 -_", min_size=1, max_size=8), min_size=1, max_size=3).map(
    lambda parts: Path("/", *parts))
profiles = st.builds(
    Profile,
    watch=st.lists(folders, max_size=3).map(tuple),
    polling=st.booleans(),
    ignore=st.lists(texts, max_size=2).map(tuple),
    grouping=st.sampled_from(GROUPING_RULES),
    item_quiet_seconds=st.floats(0.5, 3600),
    time_gap_seconds=st.floats(0.5, 86400),
    image_rules=st.builds(ImageRules, min_dpi=st.integers(1, 300), recommended_dpi=st.integers(300, 1200),
                          max_skew_deg=st.floats(0.1, 45), require_colour=st.booleans(),
                          page_size_tolerance_mm=st.floats(0, 50)),
)


@hypothesis_settings(max_examples=40, deadline=None)
@given(station=texts, operator=texts, chosen=st.dictionaries(texts.filter(lambda name: len(name) <= 64),
                                                             profiles, min_size=1, max_size=3))
def test_any_valid_settings_read_back_the_same(tmp_path_factory, station, operator, chosen):
    named = {name: replace(profile, name=name) for name, profile in chosen.items()}
    original = Settings(station=station, operator=operator, default_profile=next(iter(named)), profiles=named)
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    assert load_settings(save_settings(original, path)) == original


def test_saving_keeps_the_previous_file_and_leaves_no_temporary(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text('station = "by hand"  # a comment\n', encoding="utf-8")
    save_settings(Settings(station="scan-02", operator="li"), path)
    assert backup_path(path).read_text(encoding="utf-8") == 'station = "by hand"  # a comment\n'
    assert load_settings(path).station == "scan-02"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml", "settings.toml.bak"]


def test_wrong_settings_are_refused_and_nothing_is_written(tmp_path: Path):
    path = tmp_path / "settings.toml"
    bad = Settings(station="scan-01", operator="li", profiles={"default": Profile(
        archival_code_template="{fonds}{item}", image_rules=ImageRules(min_dpi=300, recommended_dpi=200))})
    problems = {(p.profile, p.field) for p in settings_problems(bad)}
    assert problems == {("default", "archival_code_template"), ("default", "image_rules.recommended_dpi")}
    with pytest.raises(SettingsError, match=r"needs punctuation.*recommended_dpi \(200\) is below min_dpi"):
        save_settings(bad, path)
    assert not path.exists()


def test_ocr_languages_are_checked_against_those_installed():
    profile = Profile(ocr_languages="chi_sim+jpn")
    problems = settings_problems(Settings(station="s", operator="o", profiles={"default": profile}),
                                 installed_languages={"chi_sim", "eng", "osd"})
    assert [(p.field, p.message) for p in problems] == [
        ("ocr_languages", "Tesseract has no language data for jpn; installed: chi_sim, eng, osd")]


def test_saving_through_the_workspace_records_what_changed(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "data")
    try:
        before = load_settings(workspace.layout.settings)
        rules = ImageRules(min_dpi=250)
        after = Settings(station=before.station, operator=before.operator, profiles={
            "default": Profile(image_rules=rules), "照片": PHOTOS})
        assert workspace.save_settings(after) == ["profiles.default.image_rules.min_dpi", "profiles.照片"]
        assert changed_keys(after, load_settings(workspace.layout.settings)) == []
        with workspace.catalog.session() as session:
            event = session.scalars(select(Event).where(Event.action == "settings.changed")).one()
            assert (event.actor, event.details) == (workspace.actor.name, {"changed": [
                "profiles.default.image_rules.min_dpi", "profiles.照片"]})
    finally:
        workspace.catalog.close()


def test_an_unchanged_save_writes_nothing_and_an_unreadable_file_is_replaced(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "data")
    path = workspace.layout.settings
    try:
        path.write_text('# by hand\nstation = "scan-01"\n', encoding="utf-8")
        path.chmod(0o640)
        settings = load_settings(path)
        changed = replace(settings, operator="王芳")
        assert workspace.save_settings(changed) == ["operator"]
        assert (path.stat().st_mode & 0o777) == 0o640  # the permissions the file had
        assert backup_path(path).read_text(encoding="utf-8").startswith("# by hand")
        assert workspace.save_settings(changed) == []  # the same again: nothing written
        assert backup_path(path).read_text(encoding="utf-8").startswith("# by hand")

        path.write_text("station = [unclosed", encoding="utf-8")
        workspace.save_settings(changed)
        assert load_settings(path).operator == "王芳"  # the broken file is replaced
    finally:
        workspace.catalog.close()
