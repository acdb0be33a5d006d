"""Suggestions for the description form from the OCR of a document's first page.

Chinese official documents follow GB/T 9704: the issuing body's mark (发文机关标志, the red
header, "扬州市档案局文件") at the top, the 文号 under it, then the heading (标题) in larger
type centred, the body, and at the end the signature (落款) over the date it was signed
(成文日期). The rules read that layout from the OCR lines.

Type size is measured as the line's character pitch (its width over its length in
full-width characters): Tesseract's Chinese word boxes are unreliable in height, often
stretched to a neighbouring line, but their left and right edges hold.

A suggestion's confidence is the rule's certainty times the mean OCR confidence of the words
it was read from, 0..1. Only what was found is suggested.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cached_property

from app.catalog.description import normalize_field
from app.ocr.engine import OcrPage, OcrWord
from app.ocr.text import is_cjk


@dataclass(frozen=True)
class Suggestion:
    field: str  # a description field name: title, date, doc_no, responsible
    value: str  # normalised as the field stores it
    source_text: str  # what the OCR read
    confidence: float  # 0..1


# Lines with fewer CJK characters are OCR noise (specks, a seal, a page number) to every rule.
MIN_CJK_CHARS = 2
# A heading's type (22 pt) is at least this much larger than the body's (16 pt).
HEADING_SIZE_RATIO = 1.2
# Lines of one wrapped heading differ in measured size by less than this.
HEADING_LINE_SIZE_TOLERANCE = 0.15
# How far off the text block's centre a centred line may be, as a share of the block width.
CENTRE_TOLERANCE = 0.05

_DOC_NO = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{1,8})[〔\[［(（【](?P<year>\d{4})[〕\]］)）】](?P<serial>\d{1,4})号"
)
# A document's own 文号 has its line to itself, or shares it only with 签发人 (GB/T 9704);
# one inside a sentence is another document's, cited.
_OWN_DOC_NO = re.compile(rf"(?P<doc_no>{_DOC_NO.pattern})(?:签发人.*)?")
# OCR reads 〇 as O, 0, @ and the like, sometimes as two marks (二@〇二三).
_ZERO_LOOKALIKES = "OoQ0@°◯"
_CHINESE_NUMBER = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日"
    rf"|(?P<year>[〇○零一二三四五六七八九{_ZERO_LOOKALIKES}]{{4,5}})年"
    rf"(?:{_CHINESE_NUMBER})月(?:{_CHINESE_NUMBER})日"
)
# A date standing alone on its line, possibly in brackets (a speech dated under its title).
_BRACKETS = "()（）〔〕[]"
# GB/T 9704's 发文机关标志 is the body's name followed by 文件.
_HEADER_SUFFIX = "文件"
# Sentence punctuation never appears in a signature (落款) line.
_SENTENCE_MARKS = re.compile(r"[，。：；、！？,:;]")
# Longer than any body's name, even a joint signature of two: a line of the text.
MAX_SIGNATURE_CHARS = 30

# How sure each rule is that it found the right thing when the OCR is right.
HEADING_CERTAINTY = 0.9
HEADER_CERTAINTY = 0.95
SIGNATURE_CERTAINTY = 0.8
TITLE_PREFIX_CERTAINTY = 0.6  # "扬州市档案馆关于…": usually, not always, the issuing body
DOC_NO_CERTAINTY = 0.9
SIGNATURE_DATE_CERTAINTY = 0.9
BODY_DATE_CERTAINTY = 0.4  # a date in the text is often another event's, not the signing


@dataclass(eq=False)  # compared by identity: lines.index finds this line
class _Line:
    words: list[OcrWord]

    @cached_property
    def text(self) -> str:
        return "".join(word.text for word in self.words)

    @property
    def top(self) -> int:
        return min(word.box[1] for word in self.words)

    @property
    def left(self) -> int:
        return min(word.box[0] for word in self.words)

    @property
    def right(self) -> int:
        return max(word.box[2] for word in self.words)

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @cached_property
    def pitch(self) -> float:
        """Pixels per full-width character: the type size."""
        ems = sum(1.0 if is_cjk(char) else 0.5 for char in self.text)
        return (self.right - self.left) / ems

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The words holding characters ``start``..``end`` of ``text``."""
        found, offset = [], 0
        for word in self.words:
            if offset < end and start < offset + len(word.text):
                found.append(word)
            offset += len(word.text)
        return found


def _confidence(certainty: float, words: list[OcrWord]) -> float:
    scored = [word.confidence for word in words if word.confidence >= 0]
    return round(certainty * (sum(scored) / len(scored) / 100 if scored else 0.0), 3)


def suggest(page: OcrPage) -> dict[str, Suggestion]:
    """Suggestions for 题名, 日期, 文号 and 责任者 read from the first page's OCR, by field name."""
    lines = [
        line for line in map(_Line, page.lines())
        if sum(is_cjk(char) for char in line.text) >= MIN_CJK_CHARS
    ]
    if not lines:
        return {}
    doc_numbers = [(line, match) for line in lines if (match := _OWN_DOC_NO.fullmatch(line.text))]
    top_third = page.height / 3
    # GB/T 9704 prints the heading below the 文号: whatever is above it is the masthead.
    masthead_top = max((line.top for line, _ in doc_numbers if line.top < top_third), default=-1)
    body_pitch = statistics.median(line.pitch for line in lines)
    heading = _heading(lines, body_pitch, below=masthead_top, above=page.height / 2)
    top_part_end = heading[0].top if heading else top_third
    found: list[Suggestion] = []
    if heading:
        found.append(_title(heading))
    doc_no = next(
        (_doc_no(line, match) for line, match in doc_numbers if line.top < top_part_end), None
    )
    date, date_line = _date(lines)
    responsible = (
        _header_body([line for line in lines if line.top < top_part_end], body_pitch)
        or (_signature(lines, date_line) if date_line else None)
        or (_title_prefix(heading) if heading else None)
    )
    found += [suggestion for suggestion in (date, doc_no, responsible) if suggestion]
    return {suggestion.field: suggestion for suggestion in found}


def _heading(lines: list[_Line], body_pitch: float, *, below: float, above: float) -> list[_Line]:
    """The heading's lines: the largest centred type in the upper part, with its wrap."""
    block_left, block_right = min(line.left for line in lines), max(line.right for line in lines)
    block_centre = (block_left + block_right) / 2

    def centred(line: _Line) -> bool:
        return abs(line.centre - block_centre) <= CENTRE_TOLERANCE * (block_right - block_left)

    candidates = [
        line for line in lines
        if below < line.top < above and centred(line)
        and line.pitch >= HEADING_SIZE_RATIO * body_pitch
        and not line.text.endswith(_HEADER_SUFFIX)
    ]
    if not candidates:
        return []
    first = max(candidates, key=lambda line: line.pitch)  # max keeps the earliest of equals
    heading = [first]
    for line in lines[lines.index(first) + 1 :]:
        last = heading[-1]
        same_size = abs(line.pitch - first.pitch) <= HEADING_LINE_SIZE_TOLERANCE * first.pitch
        if not (same_size and centred(line) and line.top - last.top <= 2 * first.pitch):
            break
        heading.append(line)
    return heading


def _title(heading: list[_Line]) -> Suggestion:
    source = "".join(line.text for line in heading)
    words = [word for line in heading for word in line.words]
    return Suggestion("title", str(normalize_field("title", source)), source,
                      _confidence(HEADING_CERTAINTY, words))


def _doc_no(line: _Line, match: re.Match[str]) -> Suggestion:
    # OCR often reads 〔〕 as [], () or 【】, and not always as a pair (【2023]): the pattern
    # has already recognised a 文号, so its year goes back into 〔〕 whatever was read.
    canonical = f"{match['issuer']}〔{match['year']}〕{match['serial']}号"
    return Suggestion("doc_no", str(normalize_field("doc_no", canonical)), match["doc_no"],
                      _confidence(DOC_NO_CERTAINTY, line.words_in(*match.span("doc_no"))))


def _date_value(match: re.Match[str]) -> str | None:
    """YYYYMMDD of a matched date, or None when its year does not read as four digits."""
    text = match[0]
    if year := match["year"]:
        real = [char for char in year if char not in _ZERO_LOOKALIKES]
        # Four true digits beside a lookalike: the lookalike is a 〇 read twice, drop it.
        digits = "".join(real) if len(real) == 4 else "".join(
            "〇" if char in _ZERO_LOOKALIKES else char for char in year
        )
        text = digits + text[len(year):]
    value = str(normalize_field("date", text))
    return value if re.fullmatch(r"\d{8}", value) else None


def _date(lines: list[_Line]) -> tuple[Suggestion | None, _Line | None]:
    """The signing date, the last date alone on its line, with that line; else the last
    date in the text, with less certainty and no line."""
    signing: list[tuple[re.Match[str], _Line, str]] = []
    in_text: list[tuple[re.Match[str], _Line, str]] = []
    for line in lines:
        for match in _DATE.finditer(line.text):
            if value := _date_value(match):
                alone = line.text.strip(_BRACKETS) == match[0]
                (signing if alone else in_text).append((match, line, value))
    if not signing and not in_text:
        return None, None
    match, line, value = (signing or in_text)[-1]
    certainty = SIGNATURE_DATE_CERTAINTY if signing else BODY_DATE_CERTAINTY
    suggestion = Suggestion("date", value, match[0],
                            _confidence(certainty, line.words_in(*match.span())))
    return suggestion, line if signing else None


def _header_body(top_lines: list[_Line], body_pitch: float) -> Suggestion | None:
    """The issuing body named by the red header: "扬州市档案局文件" → 扬州市档案局."""
    for line in top_lines:
        name = line.text.removesuffix(_HEADER_SUFFIX)
        # Larger than the body: a sentence of the text may end in 文件 too.
        if name != line.text and len(name) >= MIN_CJK_CHARS and line.pitch > body_pitch:
            words = line.words_in(0, len(name))
            return Suggestion("responsible", str(normalize_field("responsible", name)), line.text,
                              _confidence(HEADER_CERTAINTY, words))
    return None


def _signature(lines: list[_Line], date_line: _Line) -> Suggestion | None:
    """The 落款 over the signing date: a short line with no sentence punctuation."""
    index = lines.index(date_line)
    if index == 0:
        return None
    line = lines[index - 1]
    if _SENTENCE_MARKS.search(line.text) or len(line.text) > MAX_SIGNATURE_CHARS:
        return None
    return Suggestion("responsible", str(normalize_field("responsible", line.text)), line.text,
                      _confidence(SIGNATURE_CERTAINTY, line.words))


def _title_prefix(heading: list[_Line]) -> Suggestion | None:
    """The body a heading such as "扬州市档案馆关于…的报告" names before 关于."""
    first = heading[0]
    name, about, _ = first.text.partition("关于")
    if not about or len(name) < MIN_CJK_CHARS:
        return None
    return Suggestion("responsible", str(normalize_field("responsible", name)), name,
                      _confidence(TITLE_PREFIX_CERTAINTY, first.words_in(0, len(name))))
