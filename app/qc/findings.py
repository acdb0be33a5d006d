"""What the per-page image checks (DA/T 31) found, kept with the page's process metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    """One check's measured value and verdict; ``message`` tells the operator what to do."""

    check: str  # "resolution", "blank", "skew", "orientation", "border", "colour", ...
    value: float | str | None
    verdict: Verdict
    message: str


@dataclass
class PageQc:
    """All checks of one page, and what a processing copy needs to correct it.

    Geometry is of the image as stored (``open_page``, EXIF not applied): ``rotation`` is the
    clockwise turn that shows it upright, ``border`` the content box inside a black scanner
    border, ``skew_deg`` the tilt of the upright page's text lines, anticlockwise positive
    (PIL's ``rotate`` sense); turning the page by ``-skew_deg`` levels it.
    """

    findings: list[Finding] = field(default_factory=list)
    skew_deg: float = 0.0
    rotation: int = 0
    border: tuple[int, int, int, int] | None = None  # left, top, right, bottom in stored pixels
    blank: bool = False
    phash: int = 0  # 64-bit perceptual hash of the upright content
    size_mm: tuple[float, float] | None = None  # upright width, height of the content

    def worst(self) -> Verdict:
        verdicts = {finding.verdict for finding in self.findings}
        return "error" if "error" in verdicts else "warning" if "warning" in verdicts else "ok"
