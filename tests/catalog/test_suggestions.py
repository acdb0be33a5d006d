"""Suggestions for the description form, read from a document's first page.

Two pages are rendered from the seed reports as GB/T 9704 lays them out and read by the real
Tesseract; hand-made OCR pages then pin the rules' edge cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_pages import seed_sentences, write_first_page

from app.catalog.suggestions import TITLE_PREFIX_CERTAINTY, suggest
from app.ocr.engine import OcrPage, OcrWord
from app.ocr.prepare import PageOcrRequest, recognize_page
from app.ocr.quality import character_error_rate
from app.ocr.tesseract import limit_tesseract_threads
from app.ocr.text import is_cjk
from app.samples import SamplePage

BUREAU_REPORT = "000_0dc9417f99636da7.txt"  # a city archives bureau's yearly report
ARCHIVE_REPORT = "001_2ee667989489edff.txt"  # an archives' progress report, given as a speech
# A misread character in a heading stays a useful suggestion the cataloguer corrects; measured
# here: the one-line heading reads exactly, the two-line one with 高 read as 融 (3 %).
MAX_TITLE_CER = 0.08


@pytest.fixture(autouse=True, scope="module")
def _single_threaded_tesseract() -> None:
    limit_tesseract_threads()


def _ocr(page: SamplePage, folder: Path) -> OcrPage:
    return recognize_page(PageOcrRequest(write_first_page(page, folder / "page.png"), dpi=300))


@pytest.fixture(scope="module")
def bureau_report_page(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> OcrPage:
    """A red-header report: 红头, 文号 in 〔〕, one-line heading, addressee, 落款 and date."""
    seed = seeds / BUREAU_REPORT
    page = SamplePage(
        red_header="扬州市档案局文件",
        doc_no="扬档发〔2023〕12号",
        heading=("关于2022年度全市档案工作情况的报告",),
        addressee="扬州市人民政府：",
        paragraphs=(seed_sentences(seed, 3), seed_sentences(seed, 2, skip=3)),
        signature="扬州市档案局",
        date="2023年5月12日",
    )
    return _ocr(page, tmp_path_factory.mktemp("bureau-report"))


@pytest.fixture(scope="module")
def archive_report_page(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> OcrPage:
    """No red header and no 文号 of its own; a two-line heading; the body cites another
    document's 文号 and an earlier date; signed with a date in Chinese numerals."""
    page = SamplePage(
        heading=("扬州市档案馆关于推动档案事业现代化", "和高质量发展工作进展情况的报告"),
        paragraphs=(
            seed_sentences(seeds / ARCHIVE_REPORT, 3),
            "按照省档案局苏档发〔2022〕5号文件要求，市档案馆于2022年3月1日启动“两类档案”接收进馆工作。",
        ),
        signature="扬州市档案馆",
        date="二〇二三年十一月二十日",
    )
    return _ocr(page, tmp_path_factory.mktemp("archive-report"))


@pytest.mark.slow
def test_red_header_report_suggests_all_four_fields(bureau_report_page: OcrPage) -> None:
    found = suggest(bureau_report_page)
    assert set(found) == {"title", "date", "doc_no", "responsible"}
    title = found["title"].value
    assert character_error_rate(title, "关于2022年度全市档案工作情况的报告") <= MAX_TITLE_CER
    assert found["date"].value == "20230512"
    assert found["doc_no"].value == "扬档发〔2023〕12号"
    assert found["responsible"].value == "扬州市档案局"
    assert "文件" in found["responsible"].source_text  # read from the red header
    for suggestion in found.values():
        assert 0.5 < suggestion.confidence <= 1.0, suggestion


@pytest.mark.slow
def test_headerless_report_is_read_from_heading_and_signature(archive_report_page: OcrPage) -> None:
    found = suggest(archive_report_page)
    title = found["title"].value
    expected = "扬州市档案馆关于推动档案事业现代化和高质量发展工作进展情况的报告"
    assert title.startswith("扬州市档案馆关于") and title.endswith("情况的报告")
    assert character_error_rate(title, expected) <= MAX_TITLE_CER
    assert found["date"].value == "20231120"  # the signing date, not the body's 2022年3月1日
    assert found["responsible"].value == "扬州市档案馆"
    assert found["responsible"].confidence > TITLE_PREFIX_CERTAINTY  # from the 落款, not the heading
    assert "doc_no" not in found  # 苏档发〔2022〕5号 is cited in the body: not this document's


# Hand-made OCR pages: A4 at 300 dpi, one word per character, boxes as Tesseract gives them.
PAGE_WIDTH, PAGE_HEIGHT = 2480, 3508
BODY, HEADING = 67, 92  # character pitch in pixels: 16 pt and 22 pt
LEFT, RIGHT = 331, 2174  # the type area


def _row(text: str, *, top: int, size: int = BODY, left: int | None = None,
         centred: bool = False, right: bool = False) -> tuple[str, int, int, int]:
    width = sum(size if is_cjk(char) else size // 2 for char in text)
    if centred:
        left = (LEFT + RIGHT - width) // 2
    elif right:
        left = RIGHT - 4 * BODY - width
    return text, left if left is not None else LEFT, top, size


def _page(*rows: tuple[str, int, int, int], confidence: float = 95.0) -> OcrPage:
    words = []
    for line, (text, left, top, size) in enumerate(rows):
        for char in text:
            step = size if is_cjk(char) else size // 2
            words.append(OcrWord(char, (left, top, left + step - 4, top + size - 6), confidence,
                                 block=1, line=line))
            left += step
    return OcrPage(PAGE_WIDTH, PAGE_HEIGHT, words)


BODY_LINES = [
    _row("一、围绕一个总任务，唱响服务中心大局主旋律。一是把", top=1500, left=LEFT + 2 * BODY),
    _row("做好档案工作作为头版头条。二是把以档辅政作为立身之本。", top=1620),
    _row("三是把管好用好红色档案作为神圣使命。", top=1740),
]


def test_nothing_found_is_nothing_suggested() -> None:
    assert suggest(OcrPage(PAGE_WIDTH, PAGE_HEIGHT, [])) == {}
    assert suggest(_page(*BODY_LINES)) == {}


def test_large_type_low_on_the_page_is_no_heading() -> None:
    low = _row("关于2022年度全市档案工作情况的报告", top=2400, size=HEADING, centred=True)
    assert "title" not in suggest(_page(*BODY_LINES, low))


def test_signing_date_is_preferred_to_dates_in_the_text() -> None:
    page = _page(
        _row("各单位于2023年6月30日前报送，2022年1月1日起施行。", top=1500),
        *BODY_LINES[1:],
        _row("扬州市档案局", top=2400, right=True),
        _row("2023年5月12日", top=2520, right=True),
    )
    found = suggest(page)
    assert found["date"].value == "20230512"
    assert found["responsible"].value == "扬州市档案局"  # the 落款 over the date


def test_a_date_only_in_the_text_is_suggested_with_less_confidence() -> None:
    in_text = suggest(_page(_row("经研究，定于2023年6月30日召开会议。", top=1500), *BODY_LINES[1:]))
    signed = suggest(_page(*BODY_LINES, _row("2023年5月12日", top=2520, right=True)))
    assert in_text["date"].value == "20230630"
    assert in_text["date"].confidence < signed["date"].confidence
    assert "responsible" not in in_text


def test_a_dated_speech_names_its_speaker() -> None:
    page = _page(
        _row("在全市档案工作会议上的讲话", top=700, size=HEADING, centred=True),
        _row("张明华", top=900, centred=True),
        _row("（2023年5月12日）", top=1020, centred=True),
        *BODY_LINES,
    )
    found = suggest(page)
    assert (found["date"].value, found["responsible"].value) == ("20230512", "张明华")


@pytest.mark.parametrize("read", ["扬档发〔2023〕12号", "扬档发(2023)12号", "扬档发（2023）12号",
                                  "扬档发[2023]12号", "扬档发【2023]12号"])
def test_doc_no_brackets_as_ocr_reads_them_are_normalised(read: str) -> None:
    page = _page(
        _row(read, top=830, centred=True),
        _row("关于2022年度全市档案工作情况的报告", top=1186, size=HEADING, centred=True),
        *BODY_LINES,
    )
    found = suggest(page)
    assert found["doc_no"].value == "扬档发〔2023〕12号"
    assert found["doc_no"].source_text == read


def test_doc_no_cited_below_the_heading_is_not_this_documents() -> None:
    page = _page(
        _row("关于2022年度全市档案工作情况的报告", top=700, size=HEADING, centred=True),
        _row("根据国办发〔2024〕1号文件精神，现将有关情况报告如下。", top=1000),
        *BODY_LINES,
    )
    assert "doc_no" not in suggest(page)


def test_doc_no_may_share_its_line_with_the_signer() -> None:
    page = _page(
        _row("扬档发〔2023〕12号签发人：张明华", top=830, left=LEFT),
        _row("关于2022年度全市档案工作情况的报告", top=1186, size=HEADING, centred=True),
        *BODY_LINES,
    )
    assert suggest(page)["doc_no"].value == "扬档发〔2023〕12号"


def test_heading_that_names_another_documents_doc_no_is_still_the_heading() -> None:
    page = _page(
        _row("关于转发国办发〔2024〕1号文件的通知", top=700, size=HEADING, centred=True),
        *BODY_LINES,
    )
    found = suggest(page)
    assert found["title"].value == "关于转发国办发〔2024〕1号文件的通知"
    assert "doc_no" not in found


@pytest.mark.parametrize("read", ["二〇二三年五月十二日", "二O二三年五月十二日", "二@〇二三年五月十二日"])
def test_chinese_numeral_dates_survive_ocr_misreading_the_zero(read: str) -> None:
    found = suggest(_page(*BODY_LINES, _row(read, top=2520, right=True)))
    assert found["date"].value == "20230512"


def test_two_line_heading_is_joined_and_names_the_issuing_body() -> None:
    page = _page(
        _row("扬州市档案馆关于推动档案事业现代化", top=680, size=HEADING, centred=True),
        _row("和高质量发展工作进展情况的报告", top=812, size=HEADING, centred=True),
        *BODY_LINES,
    )
    found = suggest(page)
    assert found["title"].value == "扬州市档案馆关于推动档案事业现代化和高质量发展工作进展情况的报告"
    # Named only by the heading: suggested, with less confidence than a 落款 would give.
    assert found["responsible"].value == "扬州市档案馆"
    assert found["responsible"].confidence < found["title"].confidence


def test_red_header_is_neither_heading_nor_doc_no_and_names_the_body() -> None:
    page = _page(
        _row("扬州市档案局文件", top=440, size=150, centred=True),
        _row("扬档发〔2023〕12号", top=830, centred=True),
        _row("关于2022年度全市档案工作情况的报告", top=1186, size=HEADING, centred=True),
        *BODY_LINES,
    )
    found = suggest(page)
    assert found["title"].value == "关于2022年度全市档案工作情况的报告"
    assert found["responsible"].value == "扬州市档案局"


def test_confidence_follows_the_ocr_words_confidence() -> None:
    rows = (*BODY_LINES, _row("2023年5月12日", top=2520, right=True))
    sure, unsure = suggest(_page(*rows, confidence=96)), suggest(_page(*rows, confidence=48))
    assert unsure["date"].confidence == pytest.approx(sure["date"].confidence / 2)
