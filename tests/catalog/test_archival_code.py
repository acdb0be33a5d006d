from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.catalog.archival_code import (
    DA_T_13,
    DA_T_22,
    PLACEHOLDERS,
    ArchivalCodeTemplate,
    TemplateError,
    normalize_code,
    stored_name,
)
from app.catalog.description import Description

FIELDS = {
    "fonds_code": "Z109",
    "category_code": "WS",
    "year": "2011",
    "retention": "Y",
    "org_code": "BGS",
    "item_no": "0001",
}
NO_ORG = FIELDS | {"org_code": ""}


@pytest.mark.parametrize(
    ("pattern", "fields", "code"),
    [
        (DA_T_22, FIELDS, "Z109-WS·2011-Y-BGS-0001"),
        (DA_T_13, FIELDS, "Z109-WS·2011·Y·BGS-0001"),
        # An empty org takes the separator before it away, never doubling one.
        (DA_T_22, NO_ORG, "Z109-WS·2011-Y-0001"),
        (DA_T_13, NO_ORG, "Z109-WS·2011·Y-0001"),
        # A leading {org} takes the separator after it instead.
        ("{org}/{fonds}-{item}", FIELDS, "BGS/Z109-0001"),
        ("{org}/{fonds}-{item}", NO_ORG, "Z109-0001"),
        ("DA:{fonds}-{item}", FIELDS, "DA:Z109-0001"),
    ],
)
def test_compose_and_parse_back(pattern: str, fields: dict[str, str], code: str) -> None:
    template = ArchivalCodeTemplate(pattern)
    assert template.compose(fields) == code
    parsed = template.parse(code)
    assert parsed is not None and len(parsed) == len(template.placeholders)
    assert parsed == {key: fields[key] for key in parsed}


def test_compose_reads_a_description_and_normalises_its_values() -> None:
    desc = Description(
        fonds_code="z109", category_code="ws", year="2023", retention="y", org_code="bgs",
        item_no="０００１",
    )
    assert ArchivalCodeTemplate(DA_T_22).compose(desc) == "Z109-WS·2023-Y-BGS-0001"


def test_compose_names_every_missing_or_malformed_field() -> None:
    with pytest.raises(ValueError) as error:
        wrong = {"year": "", "item_no": "26", "org_code": "B-1"}
        ArchivalCodeTemplate(DA_T_22).compose(FIELDS | wrong)
    message = str(error.value)
    assert "year ''" in message and "4 digits such as 2011" in message
    assert "item_no '26'" in message and "0026" in message
    assert "org_code 'B-1'" in message
    assert "fonds_code" not in message


@pytest.mark.parametrize(
    "scanned",
    [
        "Z109-WS·2023-Y-BGS-0001",
        "Z109-WS.2023-Y-BGS-0001",  # a Code 128 barcode cannot carry "·"
        "z109-ws．2023-y-bgs-0001",
        "Z109-WS・2023-Y-BGS-0001",
        " Z109 - WS · 2023 - Y - BGS - 0001 ",
        "Ｚ１０９－ＷＳ·２０２３－Ｙ－ＢＧＳ－０００１",
        "Z109–WS·2023–Y–BGS–0001",  # en dashes from a word processor
    ],
)
def test_parse_accepts_how_codes_are_typed_and_scanned(scanned: str) -> None:
    assert ArchivalCodeTemplate(DA_T_22).parse(scanned) == FIELDS | {"year": "2023"}


@pytest.mark.parametrize(
    "code",
    ["", "Z109-WS·2023-Y-BGS", "Z109-WS·23-Y-BGS-0001", "Z109-WS·2023·Y·BGS-0001",
     "Z109-WS·2023-Y-BGS-26", "Z109-WS·2023-Y-BGS-0001-0002"],
)
def test_parse_refuses_codes_of_another_shape(code: str) -> None:
    assert ArchivalCodeTemplate(DA_T_22).parse(code) is None


def test_org_may_be_chinese() -> None:
    template = ArchivalCodeTemplate(DA_T_22)
    code = template.compose(FIELDS | {"org_code": "办公室"})
    assert code == "Z109-WS·2011-Y-办公室-0001"
    assert template.parse(code)["org_code"] == "办公室"


def test_a_template_typed_with_dots_means_middle_dots() -> None:
    template = ArchivalCodeTemplate("{fonds}-{category}.{year}-{retention}-{org}-{item}")
    assert template.compose(FIELDS) == "Z109-WS·2011-Y-BGS-0001"


def test_unknown_placeholders_are_named_with_the_allowed_ones() -> None:
    with pytest.raises(TemplateError) as error:
        ArchivalCodeTemplate("{fonds}-{dept}·{year}-{no}")
    message = str(error.value)
    assert "{dept}, {no}" in message
    assert "allowed: {fonds}, {category}, {year}, {retention}, {org}, {item}" in message


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("{fonds}-{item}-{item}", "repeats {item}"),
        ("{fonds}-{year}", "needs {item}"),
        ("{fonds}{item}", "between {fonds} and {item}"),
        ("{fonds}X{item}", "between {fonds} and {item}"),
        ("{fonds}-{item", "unmatched"),
        ("{fonds}}-{item}", "unmatched"),
        ("{fonds}-{item:04d}", "unknown placeholder(s) {item:04d}"),
    ],
)
def test_malformed_templates_are_refused(pattern: str, fragment: str) -> None:
    with pytest.raises(TemplateError, match=re.escape(fragment)):
        ArchivalCodeTemplate(pattern)


def test_template_error_is_a_value_error() -> None:
    assert issubclass(TemplateError, ValueError)


# --- properties -------------------------------------------------------------------------

valid_fields = st.fixed_dictionaries(
    {
        "fonds_code": st.from_regex(r"[A-Z][0-9]{3}|[A-Z0-9]{1,6}", fullmatch=True),
        "category_code": st.sampled_from(["WS", "KJ", "RS", "KU", "ZP", "LY", "LX", "SW", "X"]),
        "year": st.integers(1900, 2099).map(str),
        "retention": st.sampled_from(["Y", "D30", "D10"]),
        "org_code": st.one_of(
            st.just(""),
            st.sampled_from(["BGS", "办公室", "人事处", "01"]),
            st.from_regex(r"[A-Z0-9]{1,5}", fullmatch=True),
        ),
        "item_no": st.integers(1, 9999).map("{:04d}".format),
    }
)


@st.composite
def templates(draw: st.DrawFn) -> str:
    """The two standard templates, or any order and subset of placeholders (with {item})
    joined by punctuation."""
    if draw(st.booleans()):
        return draw(st.sampled_from([DA_T_22, DA_T_13]))
    names = draw(st.permutations(PLACEHOLDERS))[: draw(st.integers(1, len(PLACEHOLDERS)))]
    if "item" not in names:
        names.append("item")
    separators = draw(
        st.lists(st.sampled_from(["-", "·", "_", "/", "~", "--"]), min_size=len(names) - 1,
                 max_size=len(names) - 1)
    )
    pattern = "{" + names[0] + "}"
    for separator, name in zip(separators, names[1:]):
        pattern += separator + "{" + name + "}"
    return pattern


@given(templates(), valid_fields)
def test_compose_then_parse_gives_the_fields_back(pattern: str, fields: dict[str, str]) -> None:
    template = ArchivalCodeTemplate(pattern)
    code = template.compose(fields)
    parsed = template.parse(code)
    assert parsed is not None
    assert parsed == {key: fields[key] for key in parsed}
    assert template.compose(parsed) == code


@given(valid_fields, st.sampled_from([".", "．", "・", "·"]), st.booleans())
def test_parse_of_a_retyped_code_gives_the_same_fields(
    fields: dict[str, str], dot: str, lower: bool
) -> None:
    template = ArchivalCodeTemplate(DA_T_22)
    typed = template.compose(fields).replace("·", dot).replace("-", " - ")
    assert template.parse(typed.lower() if lower else typed) == fields


code_text = st.text(alphabet="Z109WSYBGDzws0123456789·.．・･ -－–—　办公室\t", max_size=40)


@given(code_text)
def test_normalize_code_is_idempotent(text: str) -> None:
    once = normalize_code(text)
    assert normalize_code(once) == once
    assert not re.search(r"[\s.．・･–—a-z]", once)


# --- stored file names ------------------------------------------------------------------


def test_stored_names_follow_the_archival_code() -> None:
    code = "Z109-WS·2011-Y-BGS-0001"
    assert stored_name(code, 1, ext="jpg") == "Z109-WS·2011-Y-BGS-0001-0001.jpg"
    assert stored_name(code, 26, ext=".TIF") == "Z109-WS·2011-Y-BGS-0001-0026.tif"
    assert stored_name(code, ext="pdf") == "Z109-WS·2011-Y-BGS-0001.pdf"
    assert stored_name("z109-ws.2011-y-bgs-0001", ext="pdf") == "Z109-WS·2011-Y-BGS-0001.pdf"


def test_stored_names_replace_only_characters_illegal_somewhere() -> None:
    assert stored_name('Z109/WS:2011*"<>|?\\-0001', ext="pdf") == "Z109_WS_2011_______-0001.pdf"
    assert stored_name("Z109_WS(2011)#0001", ext="pdf") == "Z109_WS(2011)#0001.pdf"
    assert stored_name("con", ext="pdf") == "CON_.pdf"  # reserved on Windows


@pytest.mark.parametrize(
    ("code", "page_no", "ext"),
    [("", None, "pdf"), ("  ", 1, "jpg"), ("Z109-0001", 0, "jpg"), ("Z109-0001", None, ""),
     ("Z109-0001", None, "j/pg"), ("Z" * 300, None, "pdf")],
)
def test_stored_name_refuses_what_cannot_name_a_file(
    code: str, page_no: int | None, ext: str
) -> None:
    with pytest.raises(ValueError):
        stored_name(code, page_no, ext=ext)


@given(st.text(max_size=60), st.one_of(st.none(), st.integers(1, 99999)))
def test_stored_names_are_legal_everywhere(code: str, page_no: int | None) -> None:
    try:
        name = stored_name(code, page_no, ext="jpg")
    except ValueError:
        assume(False)
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
    assert not name.endswith((" ", "."))
    assert len(name.encode("utf-8")) <= 255
    assert name.endswith(".jpg")
