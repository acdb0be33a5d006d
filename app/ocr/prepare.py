"""From a stored page to an ``OcrPage``: turn it upright, scale it, level it, recognise it.

Boxes come back in pixels of the upright page at its original resolution, whatever was
turned, scaled or levelled on the way, so the PDF text layer can be laid straight over the
image (the PDF shows the page as scanned, never the levelled processing copy).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from app.imaging.decode import open_page
from app.ocr.deskew import MIN_SKEW, estimate_skew, level, words_back_from_level
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

# Files Tesseract (Leptonica) reads as they are, in pixel modes it reads correctly.
_DIRECT_FORMATS = {"JPEG", "PNG", "TIFF"}
_DIRECT_MODES = {"1", "L", "RGB"}
_DIRECT_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
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


def _readable_as_stored(image: Image.Image, path: Path) -> bool:
    # The suffix too: a page taken out of a PDF can report the format of its embedded image.
    frames = getattr(image, "n_frames", 1)
    return (
        path.suffix.lower() in _DIRECT_SUFFIXES
        and image.format in _DIRECT_FORMATS
        and image.mode in _DIRECT_MODES
        and frames == 1
    )


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


def _detect_turn(upright: Image.Image, folder: Path) -> int:
    """Clockwise quarter turns (in degrees) the page still needs; 0 when unsure."""
    if guess_quarter_turn(upright) is False:
        return 0
    # Looks turned or unclear: let OSD decide, from a file it can read.
    found = osd_rotation(_write_pnm(_to_grey(upright), folder))
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
    """Recognise one stored page; see the module docstring for the coordinate contract."""
    engine = engine or TesseractEngine()
    stored = open_page(request.image, request.frame)
    with tempfile.TemporaryDirectory(prefix="lantai-ocr-") as folder_name:
        folder = Path(folder_name)
        upright = turn_clockwise(stored, request.rotation)
        detected = _detect_turn(upright, folder) if request.detect_orientation else 0
        upright = turn_clockwise(upright, detected)
        rotation = (request.rotation + detected) % 360

        scale = recognition_scale(request.dpi)
        working = _to_grey(upright)
        if scale != 1.0:
            size = (round(working.width * scale), round(working.height * scale))
            working = working.convert("L").resize(size, Image.Resampling.LANCZOS)
        # Estimated on the scaled copy: as accurate, and levelling the smaller image is cheaper.
        skew = estimate_skew(working)
        if abs(skew) < MIN_SKEW:
            skew = 0.0
        if rotation == 0 and scale == 1.0 and not skew and _readable_as_stored(stored, request.image):
            source = request.image
        else:
            source = _write_pnm(level(working.convert("L"), skew) if skew else working, folder)
        dpi = round(request.dpi * scale) if request.dpi else None
        result = engine.recognize(source, languages=request.languages, dpi=dpi)

    words = result.words
    if skew:
        words = words_back_from_level(words, skew, working.width, working.height)
    width, height = upright.size
    return replace(
        result,
        width=width,
        height=height,
        words=normalize_cjk_punctuation(_scale_words(words, scale, width, height)),
        rotation=rotation,
    )
