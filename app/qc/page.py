"""All per-page image checks of DA/T 31 at ingest, on one downsampled copy of the page.

30-120 ms for a 300-dpi A4 page (its OCR takes seconds). Tesseract OSD, 1-2 s, runs only
on pages that look turned or upside down, or whose orientation the layout cues cannot tell.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from app.config import ImageRules
from app.imaging.pageinfo import PageInfo
from app.ocr.deskew import level
from app.ocr.orientation import guess_quarter_turn
from app.ocr.prepare import turn_clockwise
from app.qc.blank import BLANK_BELOW, ink_share
from app.qc.border import Box, content_box
from app.qc.colour import check_colour
from app.qc.duplicates import perceptual_hash
from app.qc.exposure import check_exposure
from app.qc.findings import Finding, PageQc
from app.qc.page_size import size_mm
from app.qc.resolution import check_resolution
from app.qc.skew import page_skew
from app.qc.upright import looks_upside_down, osd_turn
from app.qc.working_copy import working_copy


def check_page(image: Image.Image, info: PageInfo, rules: ImageRules) -> PageQc:
    """Checks of ``image`` as ``open_page`` gives it; ``info`` is its ``probe`` entry."""
    work = working_copy(image)
    box = content_box(work.grey)
    grey = _crop(work.grey, box)
    border = _stored_box(box, work.factor, image.size)
    ink = ink_share(grey)
    blank = ink < BLANK_BELOW
    header = info.exif_rotation % 360

    if blank:  # no text to orient or level by: the file's own orientation stands
        orientation = Finding("orientation", header, "ok", "blank page: as the file says")
        turn, skew = 0, 0.0
    else:
        turn, skew, orientation = _orientation(image, header, _turn(grey, header))
    rotation = (header + turn) % 360
    upright = _turn(grey, rotation)

    findings = [
        check_resolution(info, rules),
        _blank_finding(ink, blank),
        orientation,
        _skew_finding(skew, blank, rules),
        _border_finding(border, image.size),
        check_colour(_crop(work.rgb, box) if work.rgb is not None else None, image.mode, rules),
        *check_exposure(grey, blank),
    ]
    width, height = (border[2] - border[0], border[3] - border[1]) if border else image.size
    size = size_mm(width, height, info)
    if size and rotation in (90, 270):
        size = (size[1], size[0])
    return PageQc(findings, skew, rotation, border, blank, perceptual_hash(upright), size)


def _orientation(image: Image.Image, header: int, grey: np.ndarray) -> tuple[int, float, Finding]:
    """Clockwise turn beyond ``header`` that makes the page upright, its skew, and the finding.

    ``grey`` is the content already turned by ``header``.
    """
    page = Image.fromarray(grey)
    looks_turned = guess_quarter_turn(page)
    upside_down = None
    if looks_turned is False:
        skew = page_skew(page)
        upside_down = looks_upside_down(np.asarray(level(page, -skew)))
        if upside_down is False:
            return 0, skew, _orientation_finding(header, 0, "")
    # Turned, upside down or unclear: OSD decides, and it is worth its second only here.
    turn, how = osd_turn(turn_clockwise(image, header)), " (Tesseract OSD)"
    if turn is None and upside_down:
        turn, how = 180, " (text lines point down)"  # OSD unsure, the layout cue was sure
    if turn is None:
        if looks_turned:
            message = "the text looks turned but OSD could not tell which way; check it by eye"
        else:
            message = f"taken as the file shows it ({header}°): too little text to check"
        verdict = "warning" if looks_turned else "ok"
        return 0, page_skew(page), Finding("orientation", header, verdict, message)
    skew = page_skew(Image.fromarray(_turn(grey, turn)))
    return turn, skew, _orientation_finding(header, turn, how)


def _orientation_finding(header: int, turn: int, how: str) -> Finding:
    rotation = (header + turn) % 360
    if turn == 0:
        shown = f" after the file's own {header}° turn" if header else ""
        return Finding("orientation", rotation, "ok", f"upright{shown}")
    return Finding(
        "orientation", rotation, "warning",
        f"the page shows turned: it is upright after a further {turn}° clockwise{how}; "
        "the processing copy is turned (auto-rotate), or turn the sheet and rescan",
    )


def _skew_finding(skew: float, blank: bool, rules: ImageRules) -> Finding:
    if blank:
        return Finding("skew", None, "ok", "blank page: no text lines to measure")
    if abs(skew) > rules.max_skew_deg:
        return Finding(
            "skew", round(skew, 2), "warning",
            f"text is tilted {abs(skew):.1f}°, more than the {rules.max_skew_deg:g}° allowed; "
            "straighten the sheet and rescan, or deskew the processing copy",
        )
    return Finding("skew", round(skew, 2), "ok", f"tilted {abs(skew):.1f}°")


def _blank_finding(ink: float, blank: bool) -> Finding:
    if blank:
        return Finding("blank", ink, "warning", "the page looks blank (a back side?): "
                       "keep it, or mark it as deliberately not scanned")
    return Finding("blank", ink, "ok", f"ink on {ink:.1%} of the page")


def _border_finding(border: Box | None, size: tuple[int, int]) -> Finding:
    if border is None:
        return Finding("border", None, "ok", "no black scanner border")
    widest = max(border[0], border[1], size[0] - border[2], size[1] - border[3])
    return Finding("border", widest, "warning", f"black scanner border up to {widest} px "
                   "wide; crop it (auto-crop) or close the lid when scanning")


def _crop(pixels: np.ndarray, box: Box | None) -> np.ndarray:
    return pixels if box is None else pixels[box[1] : box[3], box[0] : box[2]]


def _stored_box(box: Box | None, factor: int, size: tuple[int, int]) -> Box | None:
    if box is None:
        return None
    left, top, right, bottom = box
    return left * factor, top * factor, min(size[0], right * factor), min(size[1], bottom * factor)


def _turn(pixels: np.ndarray, clockwise: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(pixels, k=-(clockwise // 90)))
