"""Recognising page files by their content, whatever their extension says."""

from __future__ import annotations

from pathlib import Path

from app.imaging.errors import UnreadableFile

ACCEPTED = "JPEG, PNG, TIFF, BMP, JPEG 2000 or PDF"

_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"II+\x00", "image/tiff"),  # BigTIFF
    (b"MM\x00+", "image/tiff"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "image/jp2"),
    (b"\xff\x4f\xff\x51", "image/j2c"),  # bare JPEG 2000 codestream, as PDFs may embed it
)
# "BM" alone matches plenty of text; a BMP also names a known DIB header size at offset 14.
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
# Readers accept junk before "%PDF-" within the first kilobyte, and some scanners write it.
_PDF_HEADER_WINDOW = 1024


def media_type_of(path: Path) -> str | None:
    """The media type of ``path`` by its magic bytes; None if it is not a page file we take."""
    with path.open("rb") as file:
        head = file.read(_PDF_HEADER_WINDOW)
    return media_type_of_bytes(head)


def media_type_of_bytes(head: bytes) -> str | None:
    """The media type of data starting with ``head``; None if not a page file we take."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "image/bmp"
    if b"%PDF-" in head:
        return "application/pdf"
    return None


def require_media_type(path: Path) -> str:
    """The media type of ``path``, or UnreadableFile saying why it cannot be taken."""
    try:
        empty = path.stat().st_size == 0
        media_type = None if empty else media_type_of(path)
    except FileNotFoundError as exc:
        raise UnreadableFile(
            path, "the file does not exist", "Check the folder and the file name"
        ) from exc
    except OSError as exc:
        raise UnreadableFile(
            path, f"the file cannot be read ({exc.strerror})",
            "Check that no other program holds it and that you may read it",
        ) from exc
    if empty:
        raise UnreadableFile(
            path, "the file is empty (0 bytes)",
            "Copy it again from the scanner, or rescan the page",
        )
    if media_type is None:
        raise UnreadableFile(
            path,
            f"the content is not a page image ({ACCEPTED}), whatever its extension says",
            "Save or export the scan in one of these formats and import it again",
        )
    return media_type
