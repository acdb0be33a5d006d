"""Settings: a TOML file in the data directory, read into typed defaults.

Example ``settings.toml``::

    station = "scan-01"
    default_profile = "wenshu"

    [profiles.wenshu]
    watch = ["/srv/scans/station1"]
    ocr_languages = "chi_sim+eng"
    grouping = "folder"          # file | folder | time_gap
    archival_code_template = "{fonds}-{category}·{year}-{retention}-{org}-{item}"

    [profiles.wenshu.image_rules]
    min_dpi = 200

The settings dialog writes the file with ``save_settings``: the whole file at once, the
previous one kept beside it as ``settings.toml.bak`` (comments written by hand are not kept).
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import stat
import tempfile
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from app.catalog.archival_code import ArchivalCodeTemplate, TemplateError

GROUPING_RULES = ("file", "folder", "time_gap")
DEFAULT_TEMPLATE = "{fonds}-{category}·{year}-{retention}-{org}-{item}"


class SettingsError(ValueError):
    """The settings file says something Lantai cannot use."""


@dataclass(frozen=True)
class ImageRules:
    min_dpi: int = 200  # DA/T 31: below is an error
    recommended_dpi: int = 300  # below is a warning
    max_skew_deg: float = 3.0  # local practice
    max_megapixels: int = 250  # decompression-bomb bound
    require_colour: bool = False  # grey or 1-bit pages are errors (records with 红头, seals)
    # What OCR and the searchable PDF correct. Both are done by how the image is placed in the
    # PDF, so the master's bytes never change; OCR reads a levelled copy of its own.
    auto_rotate: bool = True
    auto_deskew: bool = True
    page_size_tolerance_mm: float = 10.0  # a page further than this from the item's size is flagged


@dataclass(frozen=True)
class Profile:
    name: str = "default"
    watch: tuple[Path, ...] = ()
    polling: bool = False  # network shares deliver no file-system events
    stability_delay: float = 2.0
    ignore: tuple[str, ...] = ()
    ocr_languages: str = "chi_sim+eng"
    grouping: str = "file"
    # folder and time_gap items close after this long without a new page
    item_quiet_seconds: float = 10.0
    time_gap_seconds: float = 60.0
    archival_code_template: str = DEFAULT_TEMPLATE
    image_rules: ImageRules = ImageRules()


@dataclass(frozen=True)
class Settings:
    station: str = field(default_factory=socket.gethostname)
    operator: str = field(default_factory=getpass.getuser)
    default_profile: str = "default"
    profiles: dict[str, Profile] = field(default_factory=lambda: {"default": Profile()})

    def profile(self, name: str | None = None) -> Profile:
        wanted = name or self.default_profile
        try:
            return self.profiles[wanted]
        except KeyError:
            known = ", ".join(sorted(self.profiles))
            raise SettingsError(f"no station profile named {wanted!r}; known profiles: {known}") from None


def load_settings(path: Path) -> Settings:
    """Settings from ``path``; the defaults when the file does not exist."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the file or move it away") from exc
    profiles = {
        name: _profile(name, table, path) for name, table in raw.pop("profiles", {}).items()
    } or {"default": Profile()}
    settings = _build(Settings, raw, path, "top level")
    settings = replace(settings, profiles=profiles)
    settings.profile()  # the default profile must exist
    return settings


def _profile(name: str, table: dict[str, Any], path: Path) -> Profile:
    table = dict(table)
    rules = _build(ImageRules, table.pop("image_rules", {}), path, f"profiles.{name}.image_rules")
    if "watch" in table:
        table["watch"] = tuple(Path(p).expanduser() for p in table["watch"])
    if "ignore" in table:
        table["ignore"] = tuple(table["ignore"])
    profile = _build(Profile, table, path, f"profiles.{name}")
    if profile.grouping not in GROUPING_RULES:
        raise SettingsError(
            f"{path}: profiles.{name}.grouping = {profile.grouping!r}; use one of {', '.join(GROUPING_RULES)}"
        )
    return replace(profile, name=name, image_rules=rules)


def _build(cls, table: dict[str, Any], path: Path, where: str):
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise SettingsError(f"{path}: unknown key(s) in {where}: {', '.join(unknown)}")
    values = {}
    for key, value in table.items():
        default = getattr(cls(), key) if key != "profiles" else None
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise SettingsError(f"{path}: {where}.{key} must be a number, not {value!r}")
            value = type(default)(value)
        elif isinstance(default, (bool, str)) and not isinstance(value, type(default)):
            raise SettingsError(f"{path}: {where}.{key} must be a {type(default).__name__}, not {value!r}")
        values[key] = value
    return cls(**values)


# Saving -------------------------------------------------------------------------------------

SAVED_HEADER = "# Lantai station settings, written by the settings dialog; the previous file is settings.toml.bak\n"
PROFILE_NAME_LENGTH = 64  # the catalog's item.profile column
_LANGUAGE_NAME = re.compile(r"[A-Za-z0-9_]+")


@dataclass(frozen=True)
class SettingsProblem:
    """Something a settings file must not say; ``field`` is a dotted key such as
    ``image_rules.min_dpi``, ``profile`` the profile's name ("" for the top level)."""

    profile: str
    field: str
    message: str


def profile_problems(profile: Profile, installed_languages: set[str] | None = None) -> list[SettingsProblem]:
    """What is wrong with ``profile``; the OCR languages are checked against Tesseract's when
    ``installed_languages`` is given."""
    problems: list[SettingsProblem] = []

    def wrong(key: str, message: str) -> None:
        problems.append(SettingsProblem(profile.name, key, message))

    if profile.grouping not in GROUPING_RULES:
        wrong("grouping", f"grouping {profile.grouping!r} is not one of {', '.join(GROUPING_RULES)}")
    for key in ("item_quiet_seconds", "time_gap_seconds"):
        if getattr(profile, key) <= 0:
            wrong(key, f"{key} must be more than 0 seconds")
    if profile.stability_delay < 0:
        wrong("stability_delay", "stability_delay cannot be negative")
    try:
        ArchivalCodeTemplate(profile.archival_code_template)
    except TemplateError as exc:
        wrong("archival_code_template", str(exc))
    languages = profile.ocr_languages.split("+")
    if not all(_LANGUAGE_NAME.fullmatch(language) for language in languages):
        wrong("ocr_languages", f"OCR languages {profile.ocr_languages!r}: write Tesseract language names"
                               " joined by +, such as chi_sim+eng")
    elif installed_languages is not None:
        missing = [language for language in languages if language not in installed_languages]
        if missing:
            wrong("ocr_languages", f"Tesseract has no language data for {', '.join(missing)}; installed: "
                                   f"{', '.join(sorted(installed_languages)) or 'none'}")
    rules = profile.image_rules
    for key in ("min_dpi", "recommended_dpi", "max_megapixels"):
        if getattr(rules, key) < 1:
            wrong(f"image_rules.{key}", f"{key} must be 1 or more")
    if rules.recommended_dpi < rules.min_dpi:
        wrong("image_rules.recommended_dpi",
              f"recommended_dpi ({rules.recommended_dpi}) is below min_dpi ({rules.min_dpi})")
    if not 0 < rules.max_skew_deg <= 45:
        wrong("image_rules.max_skew_deg", "max_skew_deg must be more than 0 and at most 45 degrees")
    if rules.page_size_tolerance_mm < 0:
        wrong("image_rules.page_size_tolerance_mm", "page_size_tolerance_mm cannot be negative")
    return problems


def settings_problems(settings: Settings, installed_languages: set[str] | None = None) -> list[SettingsProblem]:
    """Everything wrong with ``settings``, profile by profile."""
    problems = [SettingsProblem("", key, f"{key} is empty") for key in ("station", "operator")
                if not getattr(settings, key).strip()]
    if settings.default_profile not in settings.profiles:
        problems.append(SettingsProblem("", "default_profile",
                                        f"default_profile {settings.default_profile!r} is not one of the profiles"))
    for name, profile in settings.profiles.items():
        if not name.strip() or len(name) > PROFILE_NAME_LENGTH:
            problems.append(SettingsProblem(name, "name", f"a profile name must be 1 to {PROFILE_NAME_LENGTH}"
                                                          " characters long"))
        problems += profile_problems(replace(profile, name=name), installed_languages)
    return problems


def settings_table(settings: Settings) -> dict[str, Any]:
    """``settings`` as the TOML tables ``load_settings`` reads."""
    table = _table(settings)
    table["profiles"] = {name: _table(profile) for name, profile in settings.profiles.items()}
    for profile in table["profiles"].values():
        del profile["name"]  # the table's key
    return table


def save_settings(settings: Settings, path: Path) -> Path:
    """Write ``settings`` to ``path`` atomically, keeping the previous file as ``<name>.bak``.

    Raises SettingsError, writing nothing, when ``settings_problems`` finds anything.
    """
    problems = settings_problems(settings)
    if problems:
        raise SettingsError("settings not saved: " + "; ".join(
            f"profiles.{p.profile}: {p.message}" if p.profile else p.message for p in problems))
    text = SAVED_HEADER + tomli_w.dumps(settings_table(settings))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file readable by its owner only; keep what the old one allowed
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        if path.exists():
            shutil.copy2(path, backup_path(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def changed_keys(before: Settings, after: Settings) -> list[str]:
    """The dotted keys whose values differ, e.g. ``profiles.wenshu.image_rules.min_dpi``; a
    profile added or removed is one key, ``profiles.<name>``."""
    old, new = _flat(settings_table(before)), _flat(settings_table(after))
    whole = {f"profiles.{name}" for name in before.profiles.keys() ^ after.profiles.keys()}
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    return sorted(whole | {key for key in changed if not any(key.startswith(f"{p}.") for p in whole)})


def _table(obj) -> dict[str, Any]:
    table = {}
    for item in fields(obj):
        value = getattr(obj, item.name)
        if isinstance(value, ImageRules):
            value = _table(value)
        elif isinstance(value, tuple):
            value = [str(entry) for entry in value]  # folders as text
        table[item.name] = value
    return table


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat
