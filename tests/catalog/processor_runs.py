"""The station's processor run to the end, for tests that change items through the catalog."""

from __future__ import annotations

from app.ocr.pool import OcrPool
from app.processing import Processor
from app.workspace import Workspace


def settle(ws: Workspace) -> None:
    """Run the processor until it has nothing left: OCR of pending pages, PDFs of items."""
    with OcrPool(workers=1) as pool:
        processor = Processor(ws.catalog, ws.store, ws.settings, ws.actor, pool)
        try:
            processor.run_until_idle()
        finally:
            processor.close()
