"""Resolution against DA/T 31: at least 200 dpi, 300 recommended for small or faint text."""

from __future__ import annotations

from app.config import ImageRules
from app.imaging.pageinfo import PageInfo
from app.qc.findings import Finding


def check_resolution(info: PageInfo, rules: ImageRules) -> Finding:
    if not info.dpi:
        return Finding(
            "resolution", None, "warning",
            "no resolution recorded in the file; set the scanner to write its dpi "
            f"(DA/T 31 requires at least {rules.min_dpi} dpi)",
        )
    dpi = min(info.dpi)  # the coarser direction limits what can be read
    if dpi < rules.min_dpi:
        return Finding(
            "resolution", dpi, "error",
            f"{dpi:g} dpi is below the {rules.min_dpi} dpi DA/T 31 requires; "
            f"rescan at {rules.recommended_dpi} dpi",
        )
    if dpi < rules.recommended_dpi:
        return Finding(
            "resolution", dpi, "warning",
            f"{dpi:g} dpi is below the recommended {rules.recommended_dpi} dpi; rescan at "
            f"{rules.recommended_dpi} dpi if the text is small, dense or faint",
        )
    return Finding("resolution", dpi, "ok", f"{dpi:g} dpi")
