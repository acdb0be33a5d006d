"""First pages of official documents for the OCR tests: text from the seed reports, laid out
by the app's own renderer (``app.samples``, GB/T 9704) and written losslessly."""

from __future__ import annotations

import re
from pathlib import Path

from app.samples import DPI, SamplePage, render_page


def seed_sentences(seed: Path, count: int, skip: int = 0) -> str:
    """``count`` whole sentences of a seed report, leaving out those with redacted names (*)."""
    sentences = re.findall(r"[^。\n]+。", seed.read_text(encoding="utf-8"))
    clean = [sentence for sentence in sentences if "*" not in sentence]
    return "".join(clean[skip : skip + count])


def write_first_page(page: SamplePage, path: Path) -> Path:
    """``page`` as page 1 of its document, a colour PNG at 300 dpi (colour for the red header;
    PNG so that what the OCR reads is the layout, not JPEG's artefacts)."""
    render_page(page, 1).save(path, dpi=(DPI, DPI))
    return path
