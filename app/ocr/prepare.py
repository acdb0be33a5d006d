"""From a page image to an ``OcrPage``: turn it upright, scale it, level it, recognise it.

Boxes come back in pixels of the upright, levelled page at its original resolution (see
``OcrPage``): scaling is undone, levelling is not. The PDF shows the page levelled by the
same turn, so the text layer lies level on level ink and pdftotext reads straight lines.

``recognize_page`` opens a stored page and finds its quarter turn; ``recognize_image`` is for
callers that have already decoded the page and know its geometry (QC), so nothing is
opened or detected twice.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from app.imaging.decode import open_page
from app.ocr.deskew import MIN_SKEW, estimate_skew, level
from app.ocr.engine import OcrEngine, OcrPage, OcrWord
from app.ocr.orientation import guess_quarter_turn
from app.ocr.punctuation import normalize_cjk_punctuation
from app.ocr.tesseract import TesseractEngine, osd_rotation

# Pages outside MIN_DPI..MAX_DPI are scaled to TARGET_DPI before recognition. Measured on the
# 12-point Chinese corpus pages: a 100-dpi copy of seedA-003 reads at 1.7 % CER as stored,
# 1.0 % scaled to 200; levelled 300-dpi pages read at 1.25 % as stored, 0.8 % scaled to 200
# (175-225 all measured alike), and Tesseract takes a third less time on the smaller image.
MIN_DPI = 150
MAX_DPI = 200
TARGET_DPI = 200
# OSD must be at least this sure before a page is turned on its word.
MIN_OSD_CONFIDENCE = 2.0

_TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_n turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class PageOcrRequest:
    """One stored page to recognise; picklable so it can go to a worker process."""

    image: Path
    frame: int = 0
    dpi: float | None = None
    rotation: int = 0  # known clockwise turn that makes the page upright (e.g. EXIF)
    languages: str = "chi_sim+eng"
    detect_orientation: bool = True


def turn_clockwise(image: Image.Image, degrees: int) -> Image.Image:
    degrees %= 360
    return image.transpose(_TRANSPOSE_CLOCKWISE[degrees]) if degrees else image


def recognition_scale(dpi: float | None) -> float:
    """How much to scale a page before recognition: coarse pages up, fine pages down."""
    if dpi and (dpi < MIN_DPI or dpi > MAX_DPI):
        return TARGET_DPI / dpi
    return 1.0


def _to_grey(image: Image.Image) -> Image.Image:
    """Grey (or 1-bit) pixels for an uncompressed PNM; transparency becomes white paper."""
    if image.mode in ("1", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        image = Image.alpha_composite(paper, rgba)
    return image.convert("L")


def _write_pnm(image: Image.Image, folder: Path) -> Path:
    # Uncompressed: writing and reading it costs far less than PNG compression would.
    path = folder / ("page.pbm" if image.mode == "1" else "page.pgm")
    image.save(path)
    return path


def _detect_turn(upright: Image.Image) -> int:
    """Clockwise quarter turns (in degrees) the page still needs; 0 when unsure."""
    if guess_quarter_turn(upright) is False:
        return 0
    # Looks turned or unclear: let OSD decide, from a file it can read.
    with tempfile.TemporaryDirectory(prefix="lantai-osd-") as folder:
        found = osd_rotation(_write_pnm(_to_grey(upright), Path(folder)))
    if found is None or found[1] < MIN_OSD_CONFIDENCE:
        return 0
    return found[0]


def _scale_words(words: list[OcrWord], scale: float, width: int, height: int) -> list[OcrWord]:
    if scale == 1.0:
        return words

    def back(value: int, limit: int) -> int:
        return min(limit, max(0, round(value / scale)))

    return [
        replace(
            word,
            box=(
                back(word.box[0], width),
                back(word.box[1], height),
                back(word.box[2], width),
                back(word.box[3], height),
            ),
        )
        for word in words
    ]


def recognize_page(request: PageOcrRequest, engine: OcrEngine | None = None) -> OcrPage:
    """Recognise one stored page, finding its quarter turn (unless told not to) and its skew."""
    stored = open_page(request.image, request.frame)
    detected = _detect_turn(turn_clockwise(stored, request.rotation)) if request.detect_orientation else 0
    return recognize_image(
        stored, dpi=request.dpi, rotation=request.rotation + detected, skew=None,
        languages=request.languages, engine=engine,
    )


def recognize_image(
    image: Image.Image, *, dpi: float | None, rotation: int, skew: float | None, languages: str,
    engine: OcrEngine | None = None,
) -> OcrPage:
    """Recognise ``image``, the page as stored, whose geometry is known: no orientation check.

    ``rotation`` is the whole clockwise turn that makes it upright; ``skew`` the upright page's
    tilt as QC measures it (``OcrPage.skew``), or None to measure it here.
    """
    engine = engine or TesseractEngine()
    upright = turn_clockwise(image, rotation)
    scale = recognition_scale(dpi)
    working = _to_grey(upright)
    if scale != 1.0:
        size = (round(working.width * scale), round(working.height * scale))
        working = working.convert("L").resize(size, Image.Resampling.LANCZOS)
    if skew is None:
        # Measured on the scaled copy: as accurate, and cheaper than on the original.
        skew = -estimate_skew(working)
    skew = round(skew, 2) if abs(skew) >= MIN_SKEW else 0.0
    if skew:
        working = level(working.convert("L"), -skew)
    # Always through an uncompressed file: measured on a 200-dpi page, writing it takes 2 ms
    # of a 2 s recognition, and Tesseract reads it no slower than the stored PNG or JPEG.
    with tempfile.TemporaryDirectory(prefix="lantai-ocr-") as folder:
        result = engine.recognize(
            _write_pnm(working, Path(folder)), languages=languages, dpi=round(dpi * scale) if dpi else None
        )
    width, height = upright.size
    return replace(
        result,
        width=width,
        height=height,
        words=normalize_cjk_punctuation(_scale_words(result.words, scale, width, height)),
        rotation=rotation % 360,
        skew=skew,
    )
