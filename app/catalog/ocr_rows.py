"""An engine's reading of a page and its catalog row, one to the other."""

from __future__ import annotations

from app.catalog.models import PageOcr
from app.ocr.engine import OcrPage, OcrWord


def ocr_page_to_row(ocr: OcrPage) -> dict:
    return dict(
        engine=ocr.engine, languages=ocr.languages, source=ocr.source, rotation=ocr.rotation, skew=ocr.skew,
        width=ocr.width, height=ocr.height, text=ocr.text, mean_confidence=ocr.mean_confidence,
        words=[[w.text, *w.box, w.confidence, w.block, w.line] for w in ocr.words],
    )


def ocr_page_from_row(row: PageOcr) -> OcrPage:
    words = [OcrWord(t, (l, tp, r, b), c, blk, ln) for t, l, tp, r, b, c, blk, ln in row.words]
    return OcrPage(row.width, row.height, words, row.rotation, row.engine, row.languages, row.source,
                   skew=row.skew)
