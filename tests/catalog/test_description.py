from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.catalog.description import (
    CATEGORIES,
    FIELD_BY_NAME,
    FIELDS,
    RETENTION,
    Description,
    Problem,
    normalize_field,
    normalized,
    validate,
)

THIS_YEAR = date.today().year

# Entries for the two seed texts: a city archives bureau's yearly report and an archives'
# progress report delivered as a speech.
BUREAU_REPORT = Description(
    fonds_code="Z109",
    year="2023",
    retention="Y",
    org_code="BGS",
    item_no="0026",
    title="扬州市档案局关于2023年全市档案工作情况的报告",
    responsible="扬州市档案局",
    doc_no="扬档发〔2023〕12号",
    date="20231215",
    pages=7,
    open_status="开放",
    persons=["张三"],
    themes=["红色档案", "疫情防控"],
)
SPEECH = Description(
    fonds_code="X013",
    year="2023",
    retention="D30",
    item_no="0003",
    title="[扬州市档案馆工作进展情况汇报]",  # untitled speech: the cataloguer wrote the title
    responsible="扬州市档案馆",
    date="[20230612]",
    pages=8,
)


def problems_of(desc: Description, **options: object) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.severity) for p in validate(desc, **options)]


# --- the field table --------------------------------------------------------------------


def test_fields_table_is_the_description_in_order() -> None:
    assert [spec.name for spec in FIELDS] == [f.name for f in dataclasses.fields(Description)]
    assert FIELD_BY_NAME["item_no"].cli_option == "--item-no"
    assert FIELD_BY_NAME["persons"].cli_options == ("--person",)
    assert FIELD_BY_NAME["item_no"].label == "件号 item_no"


def test_fields_table_is_complete_for_generated_interfaces() -> None:
    options = [spec.cli_option for spec in FIELDS]
    assert len(set(options)) == len(options)
    assert all(option.startswith("--") and option == option.lower() for option in options)
    assert all(spec.label_zh and spec.label_en for spec in FIELDS)
    assert all(spec.example for spec in FIELDS if spec.required)
    assert {spec.name for spec in FIELDS if spec.repeatable} == {"persons", "themes"}
    assert {spec.name for spec in FIELDS if spec.required} == {
        "fonds_code", "category_code", "year", "retention", "item_no", "title",
        "responsible", "date", "pages",
    }
    assert dict(FIELD_BY_NAME["retention"].choices) == RETENTION


# --- normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("fonds_code", " z109 ", "Z109"),
        ("fonds_code", "Ｚ１０９", "Z109"),
        ("category_code", "文书", "WS"),
        ("category_code", "会计档案", "KU"),
        ("category_code", "ws", "WS"),
        ("category_code", "照片类", "ZP"),
        ("year", "2023年", "2023"),
        ("year", "二〇二三", "2023"),
        ("retention", "永久", "Y"),
        ("retention", "y", "Y"),
        ("retention", "定期30年", "D30"),
        ("retention", "定期10年", "D10"),
        ("retention", "30", "D30"),
        ("retention", "30年", "D30"),
        ("retention", "D30年", "D30"),
        ("retention", "d10", "D10"),
        ("retention", "长期", "长期"),  # pre-2006 period: left for validate to report
        ("org_code", "bgs", "BGS"),
        ("org_code", "办公室", "办公室"),
        ("item_no", "26", "0026"),
        ("item_no", "0026", "0026"),
        ("item_no", "２６", "0026"),
        ("item_no", "26a", "26a"),
        ("title", "  扬州市档案馆工作进展情况汇报 ", "扬州市档案馆工作进展情况汇报"),
        ("title", "［扬州市档案局2023年工作总结］", "[扬州市档案局2023年工作总结]"),
        ("title", "[ 扬州市档案局2023年工作总结 ]", "[扬州市档案局2023年工作总结]"),
        ("title", "关于“两类档案”归集的通知", "关于“两类档案”归集的通知"),  # quotes kept
        ("date", "2023-05-12", "20230512"),
        ("date", "2023.5.12", "20230512"),
        ("date", "2023/5/12", "20230512"),
        ("date", "2023年5月12日", "20230512"),
        ("date", "２０２３年５月１２日", "20230512"),
        ("date", "二〇二三年五月十二日", "20230512"),
        ("date", "二○二三年十二月三十一日", "20231231"),  # ○ typed for 〇
        ("date", "20230512", "20230512"),
        ("date", "[2023.5.12]", "[20230512]"),
        ("date", "【2023年5月12日】", "[20230512]"),
        ("date", "2023.2.30", "20230230"),  # the calendar is validate's job
        ("date", "May 2023", "May2023"),
        ("doc_no", "国办发[2024]1号", "国办发〔2024〕1号"),
        ("doc_no", "国办发(2024)1号", "国办发〔2024〕1号"),
        ("doc_no", "扬府办（2023）12号", "扬府办〔2023〕12号"),
        ("doc_no", "苏档发【2022】5号", "苏档发〔2022〕5号"),
        ("doc_no", "国办发﹝2024﹞1号", "国办发〔2024〕1号"),
        ("doc_no", "国办发 〔2024〕 1号", "国办发〔2024〕1号"),
        ("doc_no", "国务院令第5号", "国务院令第5号"),  # not issuer〔year〕serial号: untouched
        ("doc_no", "国办发(2024]1号", "国办发(2024]1号"),  # unpaired brackets: untouched
        ("doc_no", "附件(1)", "附件(1)"),
        ("pages", "12", 12),
        ("pages", "12页", 12),
        ("pages", 7, 7),
        ("pages", "", None),
        ("pages", "twelve", "twelve"),
        ("secrecy", "机密", "机密"),
        ("secrecy", "机密*10年", "机密★10年"),
        ("secrecy", "秘密 ☆ 6个月", "秘密★6个月"),
        ("secrecy", "无", ""),
        ("open_status", " 开放 ", "开放"),
        ("persons", "张三、李四，王五; 张三", ["张三", "李四", "王五"]),
        ("persons", ["张三", " ", "李四"], ["张三", "李四"]),
        ("persons", ["张三、李四", "王五"], ["张三", "李四", "王五"]),  # --person 张三、李四
        ("themes", "脱贫攻坚\n疫情防控", ["脱贫攻坚", "疫情防控"]),
        ("remarks", "  第3页有污渍\n原件缺页  ", "第3页有污渍\n原件缺页"),
    ],
)
def test_normalize_field(name: str, typed: object, stored: object) -> None:
    assert normalize_field(name, typed) == stored


def test_normalize_field_refuses_unknown_fields() -> None:
    with pytest.raises(KeyError, match="archival_code"):
        normalize_field("archival_code", "Z109")


def test_normalized_description_is_ready_to_validate() -> None:
    typed = Description(
        fonds_code="z109", category_code="文书", year="2023年", retention="永久",
        item_no="26", title="扬州市档案局关于2023年全市档案工作情况的报告",
        responsible="扬州市档案局", doc_no="扬档发(2023)12号", date="2023年12月15日",
        pages="7页", themes="红色档案、疫情防控",
    )
    desc = normalized(typed)
    assert desc.item_no == "0026" and desc.pages == 7 and desc.doc_no == "扬档发〔2023〕12号"
    assert desc.themes == ["红色档案", "疫情防控"]
    assert validate(desc) == []


typed_text = st.text(
    alphabet="0123456789０１２[]［］【】()（）〔〕﹝﹞.-/年月日号页★*☆ 、，;\n"
    "zwsyZWSYD永久定期文书档案类机密秘密无二〇○一三十五扬档发国办发办公室张三",
    max_size=24,
)


@given(st.sampled_from([s.name for s in FIELDS]), st.one_of(typed_text, st.integers(-5, 99999)))
def test_normalize_field_is_idempotent(name: str, typed: object) -> None:
    once = normalize_field(name, typed)
    assert normalize_field(name, once) == once


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
def test_every_common_date_spelling_gives_yyyymmdd(day: date) -> None:
    expected = day.strftime("%Y%m%d")
    for typed in (
        day.isoformat(),
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}/{day.month:02d}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert normalize_field("date", typed) == expected
        assert normalize_field("date", f"[{typed}]") == f"[{expected}]"


# --- the [ ] convention -----------------------------------------------------------------


def test_brackets_mark_supplied_titles_and_inferred_dates() -> None:
    assert SPEECH.title_supplied and SPEECH.date_inferred
    assert SPEECH.date_value == "20230612"
    assert not BUREAU_REPORT.title_supplied and not BUREAU_REPORT.date_inferred
    assert BUREAU_REPORT.date_value == "20231215"


def test_classified_follows_secrecy() -> None:
    assert not BUREAU_REPORT.classified
    assert dataclasses.replace(BUREAU_REPORT, secrecy="机密★10年").classified


# --- validation -------------------------------------------------------------------------


def test_seed_entries_are_valid() -> None:
    assert validate(BUREAU_REPORT, pages_linked=7, themes=["红色档案", "脱贫攻坚", "疫情防控"]) == []
    assert validate(SPEECH) == []


def test_an_empty_description_lists_every_required_field_in_table_order() -> None:
    problems = validate(Description(category_code=""))
    assert [p.field for p in problems] == [spec.name for spec in FIELDS if spec.required]
    assert {p.code for p in problems} == {"required"}
    assert problems[0].message == "全宗号 fonds_code: is required; write e.g. Z109"


def test_a_bracketed_but_empty_title_is_missing() -> None:
    no_title = dataclasses.replace(BUREAU_REPORT, title="[ ]")
    assert problems_of(no_title) == [("title", "required", "error")]


def test_item_no_messages_say_what_to_write() -> None:
    (problem,) = validate(dataclasses.replace(BUREAU_REPORT, item_no="26a"))
    assert problem == Problem(
        "item_no", "format", "件号 item_no: '26a' is not a number; write 4 digits such as 0026"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"fonds_code": "Z10"}, ("fonds_code", "format", "error")),
        ({"fonds_code": "ZZ109"}, ("fonds_code", "format", "error")),
        ({"category_code": "XX"}, ("category_code", "unknown_code", "error")),
        ({"year": "23"}, ("year", "format", "error")),
        ({"year": "1899"}, ("year", "range", "error")),
        ({"year": str(THIS_YEAR + 2)}, ("year", "range", "error")),
        ({"retention": "长期"}, ("retention", "unknown_code", "error")),
        ({"org_code": "BGS-1"}, ("org_code", "format", "error")),
        ({"item_no": "0000"}, ("item_no", "range", "error")),
        ({"item_no": "26"}, ("item_no", "range", "error")),
        ({"item_no": "10000"}, ("item_no", "range", "error")),
        ({"title": "[扬州市档案局2023年工作总结"}, ("title", "format", "warning")),
        ({"doc_no": "国务院令第5号"}, ("doc_no", "format", "warning")),
        ({"doc_no": "国办发[2024]1号"}, ("doc_no", "format", "warning")),  # not normalised
        ({"date": "20230230"}, ("date", "format", "error")),
        ({"date": "2023-12-15"}, ("date", "format", "error")),
        ({"date": "[20230230]"}, ("date", "format", "error")),
        ({"date": "20221230"}, ("date", "year_mismatch", "warning")),
        ({"date": "18000101"}, ("date", "range", "error")),
        ({"pages": 0}, ("pages", "range", "error")),
        ({"pages": "twelve"}, ("pages", "format", "error")),
        ({"secrecy": "内部"}, ("secrecy", "unknown_code", "error")),
        ({"secrecy": "机密★十年"}, ("secrecy", "format", "error")),
        ({"open_status": "公开"}, ("open_status", "unknown_code", "error")),
    ],
)
def test_each_rule(changes: dict[str, object], expected: tuple[str, str, str]) -> None:
    assert problems_of(dataclasses.replace(BUREAU_REPORT, **changes)) == [expected]


@pytest.mark.parametrize("secrecy", ["秘密", "机密★10年", "绝密★长期", "秘密★6个月"])
def test_secrecy_levels_with_and_without_a_term(secrecy: str) -> None:
    assert validate(dataclasses.replace(BUREAU_REPORT, secrecy=secrecy)) == []


def test_every_message_names_its_field_in_both_languages() -> None:
    wrong = dataclasses.replace(
        BUREAU_REPORT, fonds_code="1", category_code="XX", year="1", retention="Q",
        org_code="A B", item_no="x", title="[x", doc_no="x", date="x", pages=0,
        secrecy="x", open_status="x", themes=["x"],
    )
    problems = validate(wrong, themes=["红色档案"])
    assert {p.field for p in problems} == {spec.name for spec in FIELDS} - {
        "responsible", "remarks", "persons"
    }
    for problem in problems:
        assert problem.message.startswith(FIELD_BY_NAME[problem.field].label + ": ")


def test_pages_must_match_the_linked_images() -> None:
    (problem,) = validate(BUREAU_REPORT, pages_linked=6)
    assert (problem.field, problem.code) == ("pages", "pages_mismatch")
    assert "7" in problem.message and "6 page images" in problem.message


def test_fonds_pattern_and_open_statuses_are_settings() -> None:
    other_archive = dataclasses.replace(BUREAU_REPORT, fonds_code="J001-2", open_status="待定")
    assert problems_of(other_archive) == [
        ("fonds_code", "format", "error"), ("open_status", "unknown_code", "error")
    ]
    assert validate(other_archive, fonds_pattern=r"^J\d{3}-\d$", open_statuses=("开放", "待定")) == []


def test_themes_are_checked_against_the_managed_list_when_given() -> None:
    assert validate(BUREAU_REPORT) == []
    assert problems_of(BUREAU_REPORT, themes=["脱贫攻坚"]) == [("themes", "unknown_code", "error")] * 2


def test_categories_and_earliest_year_are_settings() -> None:
    qing = dataclasses.replace(BUREAU_REPORT, category_code="MQ", year="1880", date="18800301")
    assert validate(qing, categories=CATEGORIES | {"MQ": "明清"}, earliest_year=1368) == []


def test_next_years_date_is_still_in_range() -> None:
    soon = date.today() + timedelta(days=366)
    desc = dataclasses.replace(BUREAU_REPORT, year=str(soon.year), date=soon.strftime("%Y%m%d"))
    assert validate(desc) == []


valid_descriptions = st.builds(
    Description,
    fonds_code=st.from_regex(r"[A-Z][0-9]{3}", fullmatch=True),
    category_code=st.sampled_from(list(CATEGORIES)),
    year=st.just("2023"),
    retention=st.sampled_from(list(RETENTION) + ["永久", "定期30年", "30"]),
    org_code=st.sampled_from(["", "BGS", "办公室"]),
    item_no=st.integers(1, 9999).map(str),
    title=st.sampled_from(["扬州市档案局关于2023年全市档案工作情况的报告", "[扬州市档案馆工作进展情况汇报]"]),
    responsible=st.just("扬州市档案馆"),
    doc_no=st.sampled_from(["", "扬档发[2023]12号", "国办发（2023）1号"]),
    date=st.dates(date(2023, 1, 1), date(2023, 12, 31)).map(
        lambda day: f"{day.year}年{day.month}月{day.day}日"
    ),
    pages=st.integers(1, 500).map(str),
    secrecy=st.sampled_from(["", "无", "机密*10年"]),
    open_status=st.sampled_from(["", "开放", "控制", "未审核"]),
)


@given(valid_descriptions)
def test_normalised_typed_entries_validate_cleanly(desc: Description) -> None:
    assert validate(normalized(desc)) == []
