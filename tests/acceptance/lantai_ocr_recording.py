"""Run ``lantai ocr`` exactly as a user does, and also pickle the ``OcrPage`` of every page.

Usage: python lantai_ocr_recording.py OCR_PAGES.pickle ocr FILES... -o OUT.pdf

The acceptance tests compare the PDF with the OCR result that made it; recording that result
on its way into the PDF spares them recognising every page a second time.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import app.convert
from app.cli import main


def _recording(record: Path):
    write = app.convert.write_searchable_pdf

    def write_and_record(pages, out, metadata=None):
        record.write_bytes(pickle.dumps([page.ocr for page in pages]))
        write(pages, out, metadata)

    return write_and_record


if __name__ == "__main__":
    app.convert.write_searchable_pdf = _recording(Path(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
