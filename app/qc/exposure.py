"""Exposure: paper too dark, text too light, or too little between them to read."""

from __future__ import annotations

import numpy as np

from app.qc.findings import Finding

# Levels as the working copy sees them (box-averaged, so thin strokes read lighter): on the
# corpus scans paper sits at 252-255 and text at 32-108.
DARK_PAPER_BELOW = 160
FAINT_INK_ABOVE = 160
MIN_CONTRAST = 80
# Text is judged by the pixels clearly off the paper, whatever share of the page they cover
# (one line or a full page): their darkest tenth is the text's core strokes.
OFF_PAPER = 0.9
INK_PERCENTILE = 10


def check_exposure(grey: np.ndarray, blank: bool) -> list[Finding]:
    """Findings on paper and ink levels of ``grey`` (the content inside any border)."""
    paper = float(np.percentile(grey, 90))
    findings = [
        Finding("too_dark", paper, "warning",
                f"paper reads at {paper:.0f}/255: too dark; raise brightness and rescan")
        if paper < DARK_PAPER_BELOW
        else Finding("too_dark", paper, "ok", f"paper at {paper:.0f}/255")
    ]
    off_paper = grey[grey < paper * OFF_PAPER]
    if blank or not off_paper.size:  # no ink to judge
        return findings
    ink = float(np.percentile(off_paper, INK_PERCENTILE))
    findings.append(
        Finding("too_light", ink, "warning",
                f"text reads at {ink:.0f}/255: too light; lower brightness and rescan")
        if ink > FAINT_INK_ABOVE
        else Finding("too_light", ink, "ok", f"text at {ink:.0f}/255")
    )
    contrast = paper - ink
    findings.append(
        Finding("low_contrast", contrast, "warning",
                f"only {contrast:.0f} grey levels between text and paper; raise contrast, rescan")
        if contrast < MIN_CONTRAST
        else Finding("low_contrast", contrast, "ok", f"{contrast:.0f} levels from text to paper")
    )
    return findings
