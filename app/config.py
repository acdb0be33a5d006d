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
"""

from __future__ import annotations

import getpass
import socket
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

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
