"""First pages of official documents laid out as GB/T 9704 prints them, rendered for OCR.

A4 at 300 dpi: type area 156 mm wide from 28 mm left and 37 mm top; the issuing body's
mark (红头) in large red type, the 文号 centred under it above a red rule, the heading in
2号 (22 pt) type centred, the body in 3号 (16 pt) with a two-character indent, the
signature (落款) centred over the date, which stands four characters in from the right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DPI = 300
PAGE_SIZE = (2480, 3508)  # A4
LEFT, TOP, TYPE_WIDTH = 331, 437, 1843
BODY_PX, HEADING_PX, HEADER_PX = 67, 92, 150  # 16 pt, 22 pt, a 13 mm mark
LINE_PITCH = 121  # 22 lines in the 225 mm type area
RED = (200, 16, 24)
SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SIMPLIFIED_CHINESE = 2  # face index of Noto … CJK SC in the collections
_NO_LINE_START = "，。、；：！？”’）》〕"


@dataclass(frozen=True)
class DocumentPage:
    heading: list[str]  # one entry per printed line
    paragraphs: list[str]
    signature: str
    date: str
    red_header: str = ""
    doc_no: str = ""
    addressee: str = ""  # 主送机关, e.g. "扬州市人民政府："


def seed_sentences(seed: Path, count: int, skip: int = 0) -> str:
    """``count`` whole sentences of a seed report, leaving out those with redacted names (*)."""
    sentences = re.findall(r"[^。\n]+。", seed.read_text(encoding="utf-8"))
    clean = [sentence for sentence in sentences if "*" not in sentence]
    return "".join(clean[skip : skip + count])


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=SIMPLIFIED_CHINESE)


def _wrap(text: str, font: ImageFont.FreeTypeFont, first_indent: float) -> list[tuple[float, str]]:
    """(indent, text) of each printed line, breaking between characters as Chinese does,
    never inside a number nor before a closing mark (that hangs in the margin)."""
    lines: list[tuple[float, str]] = []
    indent, current = first_indent, ""
    for piece in re.findall(r"[0-9]+|.", text):
        fits = indent + font.getlength(current + piece) <= TYPE_WIDTH
        if current and not fits and piece not in _NO_LINE_START:
            lines.append((indent, current))
            indent, current = 0.0, ""
        current += piece
    if current:
        lines.append((indent, current))
    return lines


def render_document_page(page: DocumentPage, path: Path) -> Path:
    """Write ``page`` as a colour PNG at 300 dpi (colour because of the red header)."""
    image = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    body = _font(SERIF, BODY_PX)
    centre = LEFT + TYPE_WIDTH / 2
    y = TOP
    if page.red_header:
        draw.text((centre, y), page.red_header, font=_font(SERIF_BOLD, HEADER_PX), fill=RED,
                  anchor="mt")
        y += HEADER_PX + 2 * LINE_PITCH
    if page.doc_no:
        draw.text((centre, y), page.doc_no, font=body, fill="black", anchor="mt")
        y += BODY_PX + 47  # the red rule lies 4 mm under the 文号
    if page.red_header:
        draw.rectangle((LEFT, y, LEFT + TYPE_WIDTH, y + 6), fill=RED)
    y += 2 * LINE_PITCH
    heading = _font(SERIF_BOLD, HEADING_PX)
    for line in page.heading:
        draw.text((centre, y), line, font=heading, fill="black", anchor="mt")
        y += HEADING_PX + 40
    y += LINE_PITCH
    if page.addressee:
        draw.text((LEFT, y), page.addressee, font=body, fill="black")
        y += LINE_PITCH
    for paragraph in page.paragraphs:
        for indent, line in _wrap(paragraph, body, 2 * BODY_PX):
            draw.text((LEFT + indent, y), line, font=body, fill="black")
            y += LINE_PITCH
    y += 2 * LINE_PITCH
    date_right = LEFT + TYPE_WIDTH - 4 * BODY_PX
    date_centre = date_right - body.getlength(page.date) / 2
    draw.text((date_centre, y), page.signature, font=body, fill="black", anchor="mt")
    draw.text((date_right, y + LINE_PITCH), page.date, font=body, fill="black", anchor="rt")
    image.save(path, dpi=(DPI, DPI))
    return path
