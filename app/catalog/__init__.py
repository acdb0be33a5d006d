"""The local catalog: batches, items, pages, stored files, OCR text, description and events."""
