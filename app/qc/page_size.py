"""Page sizes within an item: a sheet much smaller or larger than the rest is worth a look
(a slip, an enclosure, or a scan area set wrong)."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from app.config import ImageRules
from app.imaging.pageinfo import PageInfo
from app.qc.findings import Finding, PageQc

MM_PER_INCH = 25.4


def size_mm(width: int, height: int, info: PageInfo) -> tuple[float, float] | None:
    """``width`` x ``height`` pixels in millimetres; None when the file records no dpi."""
    if not info.dpi:
        return None
    return width / info.dpi[0] * MM_PER_INCH, height / info.dpi[1] * MM_PER_INCH


def check_item(pages: Sequence[PageQc], rules: ImageRules = ImageRules()) -> list[list[Finding]]:
    """Per page, whether its size matches the item's usual size.

    Sides are compared shortest with shortest, so a landscape page of the same sheet size
    (a table printed across) matches its portrait neighbours.
    """
    sides = [tuple(sorted(page.size_mm)) if page.size_mm else None for page in pages]
    known = [side for side in sides if side]
    if len(known) < 2:
        return [[] for _ in pages]
    usual = (median(side[0] for side in known), median(side[1] for side in known))
    return [[_finding(side, usual, rules.page_size_tolerance_mm)] for side in sides]


def _finding(
    side: tuple[float, float] | None, usual: tuple[float, float], tolerance: float
) -> Finding:
    usual_text = f"{usual[0]:.0f} × {usual[1]:.0f} mm"
    if side is None:
        return Finding("page_size", None, "ok", "size unknown: the file records no resolution")
    text = f"{side[0]:.0f} × {side[1]:.0f} mm"
    if max(abs(side[0] - usual[0]), abs(side[1] - usual[1])) > tolerance:
        return Finding("page_size", text, "warning",
                       f"page is {text} where the item's pages are {usual_text}: check it is the "
                       "right sheet and the scan area is set to the paper size")
    return Finding("page_size", text, "ok", text)
