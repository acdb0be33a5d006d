"""Sample pages for a first run: three Chinese official documents that Lantai renders itself.

A newcomer with an empty catalog drops them into the watched folder and sees the whole flow:
the station reads them, OCR finds the heading, 文号, date and issuing body, the operator
describes and commits. The text is in ``resources/samples/*.toml``, one document per file.

Pages are laid out as GB/T 9704 prints official documents, A4 at 300 dpi: type area 156 mm
wide from 28 mm left and 37 mm top; the issuing body's mark (红头) in large red type, the
文号 centred under it above a red rule, the heading in 2号 (22 pt) type centred, the body in
3号 (16 pt) with a two-character indent, the signature (落款) centred over the date, which
stands four characters in from the right, and the page number under the type area.

A one-page document is written as a JPEG; a longer one as a PDF of JPEG pages, as scanners
write them, so it is one item of several pages whatever the profile's grouping rule.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.paths import RESOURCES

SAMPLES = RESOURCES / "samples"

DPI = 300
PAGE_SIZE = (2480, 3508)  # A4
LEFT, TOP, TYPE_WIDTH, TYPE_BOTTOM = 331, 437, 1843, 3094
BODY_PX, HEADING_PX, HEADER_PX, FOLIO_PX = 67, 92, 150, 58  # 16 pt, 22 pt, a 13 mm mark, 14 pt
LINE_PITCH = 121  # 22 lines in the 225 mm type area
RED = (200, 16, 24)
JPEG_QUALITY = 90
_NO_LINE_START = "，。、；：！？”’）》〕"
_NO_LINE_END = "“‘（《〔"

# fontconfig names, and where Debian's fonts-noto-cjk puts the files (face 2 is the SC one)
FONTS = {
    "serif": ("Noto Serif CJK SC", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    "serif_bold": ("Noto Serif CJK SC:style=Bold", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"),
    "sans": ("Noto Sans CJK SC", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
}
SIMPLIFIED_CHINESE_FACE = 2


class SampleError(Exception):
    """The sample pages cannot be made; the message says what to install or fix."""


@dataclass(frozen=True)
class SamplePage:
    paragraphs: tuple[str, ...]
    heading: tuple[str, ...] = ()  # one entry per printed line
    red_header: str = ""  # 发文机关标志, e.g. 扬州市档案局文件
    doc_no: str = ""
    label: str = ""  # printed top left in 黑体, e.g. 附件
    addressee: str = ""  # 主送机关
    signature: str = ""
    date: str = ""


@dataclass(frozen=True)
class SampleDocument:
    file: str  # the name it is written under; .jpg for one page, .pdf for more
    pages: tuple[SamplePage, ...]


def sample_documents(folder: Path = SAMPLES) -> list[SampleDocument]:
    """The documents described in ``folder/*.toml``, in file-name order."""
    documents = []
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            pages = tuple(SamplePage(**{key: tuple(value) if isinstance(value, list) else value
                                        for key, value in page.items()}) for page in raw["pages"])
            documents.append(SampleDocument(raw["file"], pages))
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
            raise SampleError(f"{path}: not a sample document ({exc}); restore it from the checkout") from exc
    if not documents:
        raise SampleError(f"no sample documents in {folder}; restore resources/samples from the checkout")
    return documents


def find_font(style: str) -> ImageFont.FreeTypeFont:
    """A Noto CJK SC face (size 10) by style: serif, serif_bold or sans."""
    pattern, known_path = FONTS[style]
    path, index = known_path, SIMPLIFIED_CHINESE_FACE
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
                               capture_output=True, text=True, timeout=30).stdout.split("|")
        # fc-match always answers, with whatever font it has: only the family asked for will do
        if len(found) == 3 and pattern.split(":")[0] in found[2].split(",") and Path(found[0]).is_file():
            path, index = found[0], int(found[1] or 0)
    if not Path(path).is_file():
        raise SampleError(f"no Noto CJK font ({pattern}) to render the sample pages with: install"
                          " fonts-noto-cjk (apt-get install fonts-noto-cjk, or run scripts/setup)")
    return ImageFont.truetype(path, 10, index=index)


class _Fonts:
    def __init__(self):
        faces = {style: find_font(style) for style in FONTS}
        self.body = faces["serif"].font_variant(size=BODY_PX)
        self.folio = faces["serif"].font_variant(size=FOLIO_PX)
        self.heading = faces["serif_bold"].font_variant(size=HEADING_PX)
        self.header = faces["serif_bold"].font_variant(size=HEADER_PX)
        self.label = faces["sans"].font_variant(size=BODY_PX)


def _wrap(text: str, font: ImageFont.FreeTypeFont, first_indent: float) -> list[tuple[float, str]]:
    """(indent, text) of each printed line, breaking between characters as Chinese does,
    never inside a number, before a closing mark (that hangs in the margin) nor after an
    opening one (that goes down with its word)."""
    lines: list[tuple[float, str]] = []
    indent, current = first_indent, ""
    for piece in re.findall(r"[0-9]+|.", text):
        fits = indent + font.getlength(current + piece) <= TYPE_WIDTH
        if current and not fits and piece not in _NO_LINE_START:
            carried = current[-1] if current[-1] in _NO_LINE_END else ""
            lines.append((indent, current.removesuffix(carried)))
            indent, current = 0.0, carried
        current += piece
    if current:
        lines.append((indent, current))
    return lines


def render_page(page: SamplePage, number: int, fonts: _Fonts | None = None) -> Image.Image:
    """Page ``number`` (1-based: its folio, and the side it is printed on) as an RGB image."""
    fonts = fonts or _Fonts()
    image = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    centre = LEFT + TYPE_WIDTH / 2
    y = TOP
    if page.label:
        draw.text((LEFT, y), page.label, font=fonts.label, fill="black")
        y += LINE_PITCH
    if page.red_header:
        draw.text((centre, y), page.red_header, font=fonts.header, fill=RED, anchor="mt")
        y += HEADER_PX + 2 * LINE_PITCH
    if page.doc_no:
        draw.text((centre, y), page.doc_no, font=fonts.body, fill="black", anchor="mt")
        y += BODY_PX + 47  # the red rule lies 4 mm under the 文号
    if page.red_header:
        draw.rectangle((LEFT, y, LEFT + TYPE_WIDTH, y + 6), fill=RED)
        y += 2 * LINE_PITCH
    elif page.heading:
        y += LINE_PITCH
    for line in page.heading:
        draw.text((centre, y), line, font=fonts.heading, fill="black", anchor="mt")
        y += HEADING_PX + 40
    if page.heading:
        y += LINE_PITCH
    if page.addressee:
        draw.text((LEFT, y), page.addressee, font=fonts.body, fill="black")
        y += LINE_PITCH
    for paragraph in page.paragraphs:
        for indent, line in _wrap(paragraph, fonts.body, 2 * BODY_PX):
            draw.text((LEFT + indent, y), line, font=fonts.body, fill="black")
            y += LINE_PITCH
    if page.date:
        y += 2 * LINE_PITCH
        date_right = LEFT + TYPE_WIDTH - 4 * BODY_PX
        date_centre = date_right - fonts.body.getlength(page.date) / 2
        draw.text((date_centre, y), page.signature, font=fonts.body, fill="black", anchor="mt")
        y += LINE_PITCH
        draw.text((date_right, y), page.date, font=fonts.body, fill="black", anchor="rt")
        y += BODY_PX
    if y > TYPE_BOTTOM:
        raise SampleError(f"sample page {number} ({(page.heading or page.paragraphs)[0][:20]}…) runs"
                          f" {y - TYPE_BOTTOM} px past the type area; shorten its text")
    # the folio, a dash either side, on the outer side: right on odd pages, left on even ones
    folio, folio_y = f"— {number} —", TYPE_BOTTOM + 83
    if number % 2:
        draw.text((LEFT + TYPE_WIDTH - BODY_PX, folio_y), folio, font=fonts.folio, fill="black", anchor="rt")
    else:
        draw.text((LEFT + BODY_PX, folio_y), folio, font=fonts.folio, fill="black")
    return image


def write_samples(folder: Path) -> list[Path]:
    """Render every sample document into ``folder``; the files written, in order.

    Each file is written under a hidden ``.part`` name and then renamed, so a watcher (which
    ignores such names) never reads one half-written.
    """
    fonts = _Fonts()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for document in sample_documents():
        images = [render_page(page, number, fonts) for number, page in enumerate(document.pages, 1)]
        target = folder / document.file
        partial = folder / f".{document.file}.part"
        try:
            if len(images) == 1:
                images[0].save(partial, "JPEG", dpi=(DPI, DPI), quality=JPEG_QUALITY)
            else:
                # no creation date: the same samples make the same bytes, so loading them twice
                # shows up as duplicates, not as new items
                images[0].save(partial, "PDF", save_all=True, append_images=images[1:], dpi=(DPI, DPI),
                               quality=JPEG_QUALITY, title=target.stem, creationDate=None, modDate=None)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise SampleError(f"cannot write the sample {target}: {exc.strerror or exc};"
                              " check that the folder is writable and the disk not full") from exc
        written.append(target)
    return written
