"""Searchable PDF assembly: page images at true size with an invisible OCR text layer."""

from __future__ import annotations

from app.pdf.assemble import PdfPage, write_searchable_pdf
from app.pdf.metadata import PdfMetadata

__all__ = ["PdfMetadata", "PdfPage", "write_searchable_pdf"]
