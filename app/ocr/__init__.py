"""OCR: an engine seam (``engine``) and its Tesseract implementation."""
