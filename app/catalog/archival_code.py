"""The archival code (档号): composed from description fields by a template, parsed back.

A template is the code written with a ``{placeholder}`` per field and literal separators
between them, e.g. DA/T 22's ``{fonds}-{category}·{year}-{retention}-{org}-{item}``.
Field values are letters, digits or Chinese characters and separators are punctuation, so a
code splits back into its fields in exactly one way; ``parse`` relies on that.

The organisation code is the one optional field. When it is empty, the placeholder goes
together with the separator *before* it (``…-Y-0001``, not ``…-Y--0001``); when ``{org}``
is the first placeholder, with the separator after it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

DA_T_22 = "{fonds}-{category}·{year}-{retention}-{org}-{item}"
DA_T_13 = "{fonds}-{category}·{year}·{retention}·{org}-{item}"


@dataclass(frozen=True)
class _Slot:
    field: str  # the Description field the placeholder reads
    shape: str  # regex a value must fully match
    hint: str  # what to write instead, for error messages


_SLOTS: dict[str, _Slot] = {
    "fonds": _Slot("fonds_code", r"[A-Z0-9]+", "letters and digits such as Z109"),
    "category": _Slot("category_code", r"[A-Z]+", "letters such as WS"),
    "year": _Slot("year", r"[0-9]{4}", "4 digits such as 2011"),
    "retention": _Slot("retention", r"[A-Z]+[0-9]*", "a code such as Y or D30"),
    # [^\W_]: any letter or digit, Chinese included (org codes like 办公室 exist).
    "org": _Slot("org_code", r"[^\W_]+", "letters, digits or Chinese characters such as BGS"),
    "item": _Slot("item_no", r"[0-9]{4}", "4 digits such as 0026"),
}
PLACEHOLDERS: tuple[str, ...] = tuple(_SLOTS)
_OPTIONAL = "org"
# Without the item number every item of a class would get the same code.
_REQUIRED_PLACEHOLDER = "item"

# Barcodes (Code 39/128) cannot carry "·", so scanned codes arrive with "."; typists use
# the full-width or Japanese middle dots. NFKC has already folded ． into . and ･ into ・.
_TO_MIDDLE_DOT = dict.fromkeys(map(ord, ".・‧•∙⋅"), "·")
_TO_HYPHEN = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")


class TemplateError(ValueError):
    """The template pattern itself is wrong: a settings mistake, not a data one."""


def normalize_code(text: str) -> str:
    """The canonical spelling of a typed or scanned 档号 (or of a template's literals).

    Full-width characters become ASCII, look-alike dots become "·", dashes become "-",
    all whitespace goes and letters are upper-cased. Idempotent.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split())
    return text.translate(_TO_MIDDLE_DOT).translate(_TO_HYPHEN).upper()


class ArchivalCodeTemplate:
    """A 档号 template such as ``DA_T_22``; raises ``TemplateError`` if it is malformed."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        # re.split with one group alternates literal, placeholder, literal, ...
        pieces = re.split(r"\{([^{}]*)\}", pattern)
        literals = [normalize_code(p) for p in pieces[0::2]]
        names = [p.strip() for p in pieces[1::2]]
        _check(pattern, literals, names)
        self.placeholders: tuple[str, ...] = tuple(names)
        self._prefix, self._suffix = literals[0], literals[-1]
        self._joins = _joins(names, literals[1:-1])
        self._regex = re.compile(self._build_regex())

    def __repr__(self) -> str:
        return f"ArchivalCodeTemplate({self.pattern!r})"

    def compose(self, fields: Mapping[str, object] | object) -> str:
        """The 档号 for ``fields``: a mapping keyed by Description field names, or a
        Description. Values are passed through ``normalize_code``; a value missing or of
        the wrong shape raises ValueError naming every such field."""
        values = {
            name: normalize_code(_read(fields, _SLOTS[name].field)) for name in self.placeholders
        }
        wrong = [
            f"{_SLOTS[name].field} {value!r}: write {_SLOTS[name].hint}"
            for name, value in values.items()
            if not (name == _OPTIONAL and value == "")
            and not re.fullmatch(_SLOTS[name].shape, value)
        ]
        if wrong:
            raise ValueError(f"cannot compose the archival code (档号) from {'; '.join(wrong)}")
        code = self._prefix
        for name, (before, after) in zip(self.placeholders, self._joins):
            if values[name]:
                code += before + values[name] + after
        return code + self._suffix

    def parse(self, code: str) -> dict[str, str] | None:
        """The fields of ``code`` keyed by Description field names (``org_code`` is "" when
        the code has none), or None when the code does not follow this template."""
        match = self._regex.fullmatch(normalize_code(code))
        if match is None:
            return None
        return {_SLOTS[name].field: match.group(name) or "" for name in self.placeholders}

    def _build_regex(self) -> str:
        regex = re.escape(self._prefix)
        for name, (before, after) in zip(self.placeholders, self._joins):
            part = f"{re.escape(before)}(?P<{name}>{_SLOTS[name].shape}){re.escape(after)}"
            regex += f"(?:{part})?" if name == _OPTIONAL else part
        return regex + re.escape(self._suffix)


def _joins(names: list[str], separators: list[str]) -> list[tuple[str, str]]:
    """The (before, after) text written with each placeholder's value.

    Each separator belongs to the placeholder after it, so an empty {org} takes the
    separator before it away; a leading {org} owns the separator after it instead.
    """
    joins = [("", "")] + [(separator, "") for separator in separators]
    if names[0] == _OPTIONAL and len(names) > 1:
        joins[0], joins[1] = ("", separators[0]), ("", "")
    return joins


def _check(pattern: str, literals: list[str], names: list[str]) -> None:
    if any(brace in literal for literal in literals for brace in "{}"):
        raise TemplateError(f"archival code template {pattern!r} has an unmatched {{ or }}")
    allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    unknown = [name for name in names if name not in _SLOTS]
    if unknown:
        listed = ", ".join(f"{{{name}}}" for name in unknown)
        raise TemplateError(
            f"archival code template {pattern!r} has unknown placeholder(s) {listed}; "
            f"allowed: {allowed}"
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        listed = ", ".join(f"{{{name}}}" for name in repeated)
        raise TemplateError(f"archival code template {pattern!r} repeats {listed}")
    if _REQUIRED_PLACEHOLDER not in names:
        raise TemplateError(
            f"archival code template {pattern!r} needs {{{_REQUIRED_PLACEHOLDER}}}, "
            "otherwise every item of a class gets the same code"
        )
    for before, separator, after in zip(names, literals[1:-1], names[1:]):
        if not separator or any(char.isalnum() for char in separator):
            raise TemplateError(
                f"archival code template {pattern!r} needs punctuation such as '-' or '·' "
                f"between {{{before}}} and {{{after}}}, so that the code can be read back"
            )


def _read(fields: Mapping[str, object] | object, name: str) -> str:
    value = fields.get(name) if isinstance(fields, Mapping) else getattr(fields, name, None)
    return "" if value is None else str(value)


# Illegal in a file name on Windows (which is the strictest); "/" is also the only one
# illegal on Linux, ":" the only extra one on macOS. Everything else, "·" included, is fine.
_ILLEGAL_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# Windows refuses these stems even with an extension ("CON.jpg").
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{number}" for port in ("COM", "LPT") for number in range(1, 10)
}
_MAX_NAME_BYTES = 255  # per path component on ext4, APFS and NTFS (NTFS counts UTF-16 units)


def stored_name(archival_code: str, page_no: int | None = None, *, ext: str) -> str:
    """The file name DA/T 31 gives a stored file: ``档号-0001.jpg`` for page 1 of an
    item's single-page images, ``档号.pdf`` for its multi-page file (``page_no`` None).

    The code is normalised first; characters illegal on Windows, macOS or Linux become
    "_". Raises ValueError for an empty code or extension, a page number below 1 or a
    name too long for common file systems.
    """
    stem = _ILLEGAL_IN_FILE_NAMES.sub("_", normalize_code(archival_code))
    if not stem:
        raise ValueError("stored file name: the archival code (档号) is empty")
    if page_no is not None:
        if page_no < 1:
            raise ValueError(f"stored file name: page number {page_no} must be 1 or more")
        stem = f"{stem}-{page_no:04d}"
    if stem in _WINDOWS_RESERVED:
        stem += "_"
    suffix = ext.strip().lstrip(".").lower()
    if not suffix.isalnum():
        raise ValueError(f"stored file name: extension {ext!r} must be letters/digits like jpg")
    name = f"{stem}.{suffix}"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        raise ValueError(f"stored file name {name!r} is longer than {_MAX_NAME_BYTES} bytes")
    return name
