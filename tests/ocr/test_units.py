"""Parsing, punctuation and orientation guessing: no tesseract run."""

from __future__ import annotations

from PIL import Image

from app.ocr.deskew import estimate_skew
from app.ocr.engine import OcrWord
from app.ocr.orientation import guess_quarter_turn
from app.ocr.punctuation import normalize_cjk_punctuation
from app.ocr.tesseract import language_package, parse_tsv

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
TSV = "\n".join(
    [
        HEADER,
        "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t",
        "2\t1\t1\t0\t0\t0\t10\t10\t500\t100\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96.5\t档案",
        "5\t1\t1\t1\t1\t2\t60\t12\t40\t30\t91.0\t ",
        "5\t1\t1\t1\t1\t3\t110\t11\t40\t30\t88.25\t工作",
        "5\t1\t1\t2\t1\t1\t10\t60\t90\t30\t70\tLinn",
        "5\t1\t2\t1\t1\t1\t10\t300\t90\t30\t75\tnext",
    ]
)


def test_parse_tsv_words_boxes_and_lines() -> None:
    width, height, words = parse_tsv(TSV)
    assert (width, height) == (800, 600)
    assert [w.text for w in words] == ["档案", "工作", "Linn", "next"]  # blank word skipped
    assert words[0].box == (10, 10, 50, 40)
    assert words[1].confidence == 88.25
    # Line ids run over (block, paragraph, line): paragraph 2 and block 2 get new lines.
    assert [w.line for w in words] == [0, 0, 1, 2]
    assert [w.block for w in words] == [1, 1, 1, 2]


def test_language_package_names() -> None:
    assert language_package("chi_sim") == "tesseract-ocr-chi-sim"
    assert language_package("eng") == "tesseract-ocr-eng"


def _word(text: str, line: int) -> OcrWord:
    return OcrWord(text, (0, 0, 1, 1), 90.0, 1, line)


def test_punctuation_made_full_width_only_in_chinese_context() -> None:
    words = [_word("学而", 0), _word(".", 0), _word("问档;", 0), _word("好!", 1)]
    words += [_word("Hello,", 2), _word("world!", 2), _word("v1.2", 2)]
    words += [_word(";在市", 3), _word("印发*;助力", 4), _word("Lantai:档案", 5)]
    assert [w.text for w in normalize_cjk_punctuation(words)] == [
        "学而", "·", "问档；", "好！", "Hello,", "world!", "v1.2", "；在市", "印发*；助力",
        "Lantai:档案",
    ]


def test_quarter_turn_guess(cjk_crop) -> None:
    crop = Image.open(cjk_crop)
    assert guess_quarter_turn(crop) is False
    assert guess_quarter_turn(crop.transpose(Image.Transpose.ROTATE_90)) is True


def test_skew_is_estimated(cjk_crop) -> None:
    crop = Image.open(cjk_crop).convert("L")
    assert abs(estimate_skew(crop) - 1.08) < 0.15  # the corpus page is skewed -1.08 degrees
    tilted = crop.rotate(-1.5, resample=Image.Resampling.BILINEAR, fillcolor="white")
    assert abs(estimate_skew(tilted) - 2.58) < 0.15  # turned 1.5 degrees further clockwise


def test_blank_page_has_no_skew() -> None:
    assert estimate_skew(Image.new("L", (800, 1000), "white")) == 0.0
