"""Reading page images out of scanner files (JPEG, PNG, TIFF, BMP, JPEG 2000, PDF)."""
