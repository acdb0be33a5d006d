"""The description (著录) of one document (件): fields, code tables, normalisation, checks.

Rules follow DA/T 22-2015 and DA/T 18-2022 as summarised in the domain notes. ``FIELDS`` is
the one table the CLI options and the entry form are generated from.

The ``[ ]`` convention: a title the cataloguer supplied and a date they inferred keep
their square brackets in the value itself (``[关于…的报告]``, ``[20230512]``), as the
printed catalogue and the exchange spreadsheet show them. ``title_supplied`` and
``date_inferred`` read the brackets, so a flag and its text can never disagree.

``normalize_field`` never raises: what it cannot make sense of comes back trimmed but
otherwise as typed, and ``validate`` then says what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Literal

RETENTION: dict[str, str] = {"Y": "永久", "D30": "定期30年", "D10": "定期10年"}
CATEGORIES: dict[str, str] = {
    "WS": "文书", "KJ": "科技", "RS": "人事", "KU": "会计",
    "ZP": "照片", "LY": "录音", "LX": "录像", "SW": "实物",
}
SECRECY_LEVELS = ("秘密", "机密", "绝密")
# Secrecy term after the ★ (GB/T 9704): years, months, or 长期.
_SECRECY_TERM = re.compile(r"[0-9]+年|[0-9]+个月|长期")
OPEN_STATUSES = ("开放", "控制", "未审核")

FieldValue = str | int | list[str] | None
Severity = Literal["error", "warning"]
ProblemParams = dict[str, str | int | list[str]]
Report = Callable[..., None]  # validate's report(field, code, message, severity="error", **params)


@dataclass(frozen=True)
class FieldSpec:
    """What the CLI and the form need to know about one field."""

    name: str
    label_zh: str
    label_en: str
    cli_option: str
    required: bool = False
    repeatable: bool = False
    example: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (code, Chinese name) for a code table
    cli_aliases: tuple[str, ...] = ()

    @property
    def cli_options(self) -> tuple[str, ...]:
        """The option strings, as ``argparse.add_argument(*spec.cli_options)`` takes them."""
        return (self.cli_option, *self.cli_aliases)

    @property
    def label(self) -> str:
        """How messages name the field, e.g. "件号 item_no"."""
        return f"{self.label_zh} {self.name}"


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("fonds_code", "全宗号", "Fonds code", "--fonds", required=True,
              cli_aliases=("--fonds-code",), example="Z109"),
    FieldSpec("category_code", "门类代码", "Category", "--category", required=True,
              cli_aliases=("--category-code",),
              example="WS", choices=tuple(CATEGORIES.items())),
    FieldSpec("year", "年度", "Year", "--year", required=True, example="2023"),
    FieldSpec("retention", "保管期限", "Retention period", "--retention", required=True,
              example="Y", choices=tuple(RETENTION.items())),
    FieldSpec("org_code", "机构(问题)代码", "Organisation code", "--org", cli_aliases=("--org-code",), example="BGS"),
    FieldSpec("item_no", "件号", "Item number", "--item-no", required=True, example="0026"),
    FieldSpec("title", "题名", "Title", "--title", required=True,
              example="扬州市档案馆关于2023年档案工作情况的报告"),
    FieldSpec("responsible", "责任者", "Responsible party", "--responsible", required=True,
              example="扬州市档案馆"),
    FieldSpec("doc_no", "文号", "Document number", "--doc-no", example="国办发〔2024〕1号"),
    FieldSpec("date", "日期", "Date", "--date", required=True, example="20230512"),
    FieldSpec("pages", "页数", "Pages", "--pages", required=True, example="12"),
    FieldSpec("secrecy", "密级", "Secrecy", "--secrecy", example="机密★10年",
              choices=tuple((level, level) for level in SECRECY_LEVELS)),
    FieldSpec("open_status", "开放标识", "Open status", "--open-status", example="开放",
              choices=tuple((status, status) for status in OPEN_STATUSES)),
    FieldSpec("remarks", "备注", "Remarks", "--remarks"),
    FieldSpec("persons", "人名", "Persons", "--person", repeatable=True, example="张三"),
    FieldSpec("themes", "专题", "Themes", "--theme", repeatable=True, example="红色档案"),
)
FIELD_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


@dataclass
class Description:
    """One document's catalogue entry; field order is the order of ``FIELDS``."""

    fonds_code: str = ""
    category_code: str = "WS"
    year: str = ""
    retention: str = ""
    org_code: str = ""
    item_no: str = ""
    title: str = ""
    responsible: str = ""
    doc_no: str = ""
    date: str = ""
    pages: int | None = None
    secrecy: str = ""
    open_status: str = ""
    remarks: str = ""
    persons: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)

    @property
    def title_supplied(self) -> bool:
        """The cataloguer wrote the title; it is not on the document."""
        return _is_bracketed(self.title)

    @property
    def date_inferred(self) -> bool:
        return _is_bracketed(self.date)

    @property
    def date_value(self) -> str:
        """The date without the brackets of an inferred one."""
        return _unbracket(self.date)

    @property
    def classified(self) -> bool:
        """Outsourced stations must not sync or export a classified item unless allowed."""
        return bool(self.secrecy)


@dataclass(frozen=True)
class Problem:
    field: str
    code: str  # stable machine key: required, format, range, unknown_code, ...
    message: str  # names the field in Chinese and English and says what to write
    severity: Severity = "error"
    # The values the message interpolates, by name (JSON-able), so that the interface can
    # say the same in its own language (app/ui/problem_text.py). Two problems with the same
    # message are the same problem, so they take no part in comparing.
    params: ProblemParams = field(default_factory=dict, compare=False)


def _is_bracketed(text: str) -> bool:
    return len(text) >= 2 and text[0] == "[" and text[-1] == "]"


def _unbracket(text: str) -> str:
    return text[1:-1].strip() if _is_bracketed(text) else text


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _compact(value: object) -> str:
    """For codes and numbers: full-width forms to ASCII, no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", _text(value)).split())


def _normalize_upper(value: object) -> str:
    return _compact(value).upper()


def _normalize_category(value: object) -> str:
    text = _compact(value).upper()
    by_name = {name: code for code, name in CATEGORIES.items()}
    return by_name.get(text.removesuffix("档案").removesuffix("类"), text)


def _normalize_retention(value: object) -> str:
    """Codes, Chinese names, and the bare term: "30", "30年", "D30年" all mean D30."""
    text = _compact(value).upper()
    by_name = {name: code for code, name in RETENTION.items()}
    if text in by_name:
        return by_name[text]
    term = re.fullmatch(r"(?:D|定期)?([0-9]+)年?", text)
    return f"D{int(term.group(1))}" if term else text


def _normalize_year(value: object) -> str:
    text = _compact(value).rstrip("年")
    if text and all(char in _CHINESE_DIGITS for char in text):
        return "".join(_CHINESE_DIGITS[char] for char in text)
    return text


def _normalize_item_no(value: object) -> str:
    text = _compact(value)
    return f"{int(text):04d}" if re.fullmatch(r"[0-9]+", text) else text


def _normalize_title(value: object) -> str:
    text = _text(value)
    # The full-width brackets an input method produces mean the same as [ ].
    if len(text) >= 2 and text[0] in "[［" and text[-1] in "]］":
        return f"[{text[1:-1].strip()}]"
    return text


# 文号 as GB/T 9704 prints it: issuer's code, year in 〔〕, serial number, 号. The typed
# variants differ only in the brackets around the year (NFKC has already folded the
# full-width forms and ﹝﹞ into 〔〕); anything else is left alone and warned about.
_DOC_NO = re.compile(
    r"(?P<issuer>[^\W\d_]+)(?P<open>[\[(【〔])(?P<year>[0-9]{4})(?P<close>[\])】〕])(?P<serial>[0-9]+)号"
)
_DOC_NO_CANONICAL = re.compile(r"[^\W\d_]+〔[0-9]{4}〕[0-9]+号")
_BRACKET_PAIRS = {"[": "]", "(": ")", "【": "】", "〔": "〕"}


def _normalize_doc_no(value: object) -> str:
    text = _compact(value)
    match = _DOC_NO.fullmatch(text)
    if match is None or _BRACKET_PAIRS[match["open"]] != match["close"]:
        return text
    return f"{match['issuer']}〔{match['year']}〕{match['serial']}号"


_CHINESE_DIGITS = dict(zip("〇○零一二三四五六七八九", "000123456789"))  # ○: a common typo for 〇
_CHINESE_SMALL = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_CHINESE_DATE = re.compile(rf"([〇○零一二三四五六七八九]{{4}})年({_CHINESE_SMALL})月({_CHINESE_SMALL})日")
_DIGIT_DATE = re.compile(r"([0-9]{4})[-./年]([0-9]{1,2})[-./月]([0-9]{1,2})日?")


def _chinese_small_number(text: str) -> int:
    """一 … 三十一, as written in dates."""
    tens, ten, units = text.rpartition("十")
    if not ten:
        return int(_CHINESE_DIGITS[units])
    return int(_CHINESE_DIGITS.get(tens, "1")) * 10 + (int(_CHINESE_DIGITS[units]) if units else 0)


def _date_digits(text: str) -> str | None:
    if re.fullmatch(r"[0-9]{8}", text):
        return text
    if match := _DIGIT_DATE.fullmatch(text):
        year, month, day = match[1], int(match[2]), int(match[3])
    elif match := _CHINESE_DATE.fullmatch(text):
        year = "".join(_CHINESE_DIGITS[char] for char in match[1])
        month, day = _chinese_small_number(match[2]), _chinese_small_number(match[3])
    else:
        return None
    return f"{year}{month:02d}{day:02d}"


def _normalize_date(value: object) -> str:
    """YYYYMMDD from 2023-05-12, 2023.5.12, 2023/5/12, 2023年5月12日, 二〇二三年五月十二日;
    an inferred date keeps its brackets ([ ], ［ ］ or 【 】 typed). The calendar is not
    checked here: 20230230 passes through for ``validate`` to report."""
    text = _compact(value)
    inferred = len(text) >= 2 and text[0] in "[【" and text[-1] in "]】"
    digits = _date_digits(text[1:-1] if inferred else text)
    if digits is None:
        return text
    return f"[{digits}]" if inferred else digits


def _normalize_pages(value: object) -> int | str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _compact(value).rstrip("页")
    if not text:
        return None
    return int(text) if re.fullmatch(r"[0-9]+", text) else text


def _normalize_secrecy(value: object) -> str:
    text = _compact(value)
    if text in ("无", "非密", "-"):
        return ""
    # "*" and "☆" are what people type for the ★ between level and term.
    return re.sub(r"[*☆]", "★", text)


def _normalize_list(value: object) -> list[str]:
    """A list or one string; either way entries separated by 、，,；; or new lines are split
    (``--person 张三、李四`` names two people); blanks and repeats go."""
    entries = value if isinstance(value, (list, tuple)) else [value]
    parts = [
        part for entry in entries if entry is not None
        for part in re.split(r"[、，,；;\n]+", str(entry))
    ]
    return list(dict.fromkeys(text for text in map(_text, parts) if text))


_NORMALIZERS: dict[str, Callable[[object], FieldValue]] = {
    "fonds_code": _normalize_upper,
    "category_code": _normalize_category,
    "year": _normalize_year,
    "retention": _normalize_retention,
    "org_code": _normalize_upper,
    "item_no": _normalize_item_no,
    "title": _normalize_title,
    "responsible": _text,
    "doc_no": _normalize_doc_no,
    "date": _normalize_date,
    "pages": _normalize_pages,
    "secrecy": _normalize_secrecy,
    "open_status": _text,
    "remarks": lambda value: "" if value is None else str(value).strip(),  # keeps its lines
    "persons": _normalize_list,
    "themes": _normalize_list,
}


def normalize_field(name: str, value: object) -> FieldValue:
    """The stored form of a typed value: codes from Chinese names, item_no as 4 digits,
    dates as YYYYMMDD, codes upper-case. Idempotent; raises KeyError for an unknown field."""
    if name not in _NORMALIZERS:
        raise KeyError(f"unknown description field {name!r}; known: {', '.join(FIELD_BY_NAME)}")
    return _NORMALIZERS[name](value)


def normalized(desc: Description) -> Description:
    """A copy of ``desc`` with every field normalised."""
    values = {spec.name: normalize_field(spec.name, getattr(desc, spec.name)) for spec in FIELDS}
    return replace(desc, **values)


def validate(
    desc: Description,
    *,
    fonds_pattern: str = r"^[A-Z]\d{3}$",
    open_statuses: Collection[str] = OPEN_STATUSES,
    pages_linked: int | None = None,
    categories: Mapping[str, str] = CATEGORIES,
    themes: Collection[str] | None = None,
    earliest_year: int = 1900,
) -> list[Problem]:
    """Problems with a normalised description, errors and warnings, in ``FIELDS`` order.

    ``pages_linked`` is the number of page images linked to the item, when known;
    ``themes`` is the archive's managed list of thematic collections, when it has one.
    Years run from ``earliest_year`` to next year.
    """
    problems: list[Problem] = []

    def report(name: str, code: str, message: str, severity: Severity = "error", **params) -> None:
        problems.append(Problem(name, code, f"{FIELD_BY_NAME[name].label}: {message}", severity, params))

    latest_year = Date.today().year + 1
    for spec in FIELDS:
        value = getattr(desc, spec.name)
        if spec.required and (value is None or (isinstance(value, str) and not _unbracket(value))):
            report(spec.name, "required", f"is required; write e.g. {spec.example}", example=spec.example)

    if desc.fonds_code and not re.search(fonds_pattern, desc.fonds_code):
        report("fonds_code", "format", f"{desc.fonds_code!r} does not match this archive's fonds "
               f"codes ({fonds_pattern}); write e.g. Z109", value=desc.fonds_code, pattern=fonds_pattern)
    if desc.category_code and desc.category_code not in categories:
        report("category_code", "unknown_code",
               f"{desc.category_code!r} is not a category code; use one of {_listed(categories)}",
               value=desc.category_code, choices=_entries(categories))
    year_ok = _check_year(desc.year, earliest_year, latest_year, report)
    if desc.retention and desc.retention not in RETENTION:
        report("retention", "unknown_code",
               f"{desc.retention!r} is not a retention code; use one of {_listed(RETENTION)}",
               value=desc.retention, choices=_entries(RETENTION))
    if desc.org_code and not re.fullmatch(r"[^\W_]+", desc.org_code):
        report("org_code", "format", f"{desc.org_code!r} may hold only letters, digits or Chinese "
               "characters, because it becomes part of the 档号; write e.g. BGS", value=desc.org_code)
    _check_item_no(desc.item_no, report)
    if desc.title.startswith("[") != desc.title.endswith("]"):
        report("title", "format", f"{desc.title!r} has an unpaired bracket; put a title you "
               "supplied wholly in [ ]", "warning", value=desc.title)
    if desc.doc_no and not _DOC_NO_CANONICAL.fullmatch(desc.doc_no):
        report("doc_no", "format", f"{desc.doc_no!r} does not look like issuer〔year〕serial号 "
               "such as 国办发〔2024〕1号; check it against the document", "warning", value=desc.doc_no)
    _check_date(desc.date, desc.year if year_ok else None, earliest_year, latest_year, report)
    _check_pages(desc.pages, pages_linked, report)
    _check_secrecy(desc.secrecy, report)
    if desc.open_status and desc.open_status not in open_statuses:
        report("open_status", "unknown_code", f"{desc.open_status!r} is not an open status; "
               f"use one of {', '.join(open_statuses)}", value=desc.open_status, choices=list(open_statuses))
    if themes is not None:
        for theme in (theme for theme in desc.themes if theme not in themes):
            report("themes", "unknown_code", f"{theme!r} is not one of this archive's thematic "
                   f"collections ({', '.join(themes)}); pick one or ask for it to be added",
                   value=theme, choices=list(themes))
    order = {spec.name: index for index, spec in enumerate(FIELDS)}
    return sorted(problems, key=lambda problem: order[problem.field])



def _listed(table: Mapping[str, str]) -> str:
    return ", ".join(_entries(table))


def _entries(table: Mapping[str, str]) -> list[str]:
    return [f"{code} {name}" for code, name in table.items()]


def _check_year(year: str, earliest: int, latest: int, report: Report) -> bool:
    if not year:
        return False
    if not re.fullmatch(r"[0-9]{4}", year):
        report("year", "format", f"{year!r} is not a year; write 4 digits such as 2023", value=year)
        return False
    if not earliest <= int(year) <= latest:
        report("year", "range", f"{year} is outside {earliest}–{latest}; check the year",
               value=year, earliest=earliest, latest=latest)
        return False
    return True


def _check_item_no(item_no: str, report: Report) -> None:
    if not item_no:
        return
    if not re.fullmatch(r"[0-9]+", item_no):
        report("item_no", "format", f"{item_no!r} is not a number; write 4 digits such as 0026",
               value=item_no)
    elif len(item_no) != 4 or item_no == "0000":
        report("item_no", "range", f"{item_no!r} is outside 0001–9999; write 4 digits such as 0026",
               value=item_no)


def _check_date(raw: str, year: str | None, earliest: int, latest: int, report: Report) -> None:
    value = _unbracket(raw)
    if not value:
        return
    how = "write YYYYMMDD such as 20230512, in [ ] if you inferred it"
    if not re.fullmatch(r"[0-9]{8}", value):
        report("date", "format", f"{raw!r} is not a date; {how}", value=raw)
        return
    try:
        Date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        # same code, another message: "rule" tells the interface which one it is
        report("date", "format", f"{raw!r} is not a real calendar date; {how}", value=raw, rule="calendar")
        return
    if not earliest <= int(value[:4]) <= latest:
        report("date", "range", f"{raw} is outside the years {earliest}–{latest}; check the date",
               value=raw, earliest=earliest, latest=latest)
    elif year is not None and value[:4] != year:
        report("date", "year_mismatch", f"{raw} is in {value[:4]} but 年度 year is {year}; "
               "check one of them", "warning", value=raw, date_year=value[:4], year=year)


def _check_pages(pages: object, linked: int | None, report: Report) -> None:
    if pages is None:
        return
    if not isinstance(pages, int) or isinstance(pages, bool):
        report("pages", "format", f"{pages!r} is not a number; write the page count such as 12",
               value=str(pages))
    elif pages < 1:
        report("pages", "range", f"{pages} must be 1 or more", value=pages)
    elif linked is not None and pages != linked:
        report("pages", "pages_mismatch", f"says {pages} but {linked} page images are linked; "
               "scan or unlink pages, or correct the count", value=pages, linked=linked)


def _check_secrecy(secrecy: str, report: Report) -> None:
    if not secrecy:
        return
    level, star, term = secrecy.partition("★")
    if level not in SECRECY_LEVELS:
        report("secrecy", "unknown_code", f"{secrecy!r} is not a secrecy level; use one of "
               f"{', '.join(SECRECY_LEVELS)}, optionally with a term such as 机密★10年, "
               "or leave it empty when unclassified", value=secrecy, choices=list(SECRECY_LEVELS))
    elif star and not _SECRECY_TERM.fullmatch(term):
        report("secrecy", "format", f"{secrecy!r} has a term that is not like 10年, 6个月 "
               "or 长期; write e.g. 机密★10年", value=secrecy)
