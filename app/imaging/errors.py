"""Why a file cannot be taken as page images, worded for the operator at the station."""

from __future__ import annotations

from pathlib import Path


class UnreadableFile(Exception):
    """A file Lantai cannot read pages from: what is wrong, which file, what to do."""

    def __init__(self, path: Path, problem: str, remedy: str) -> None:
        super().__init__(f"{path}: {problem}. {remedy}.")
        self.path = path

    def __reduce__(self):
        # Raised in OCR worker processes: rebuilt from its message, since unpickling by the
        # constructor's arguments would fail and break the whole process pool.
        return _rebuild, (type(self), str(self), self.__dict__)


def _rebuild(cls: type[UnreadableFile], message: str, state: dict) -> UnreadableFile:
    error = Exception.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class PageTooLarge(UnreadableFile):
    """A page whose pixel count is over the decoding limit (a possible decompression bomb)."""

    def __init__(self, path: Path, index: int, width: int, height: int, limit: int) -> None:
        super().__init__(
            path,
            f"page {index + 1} is {width} x {height} pixels "
            f"({width * height / 1e6:.0f} megapixels), over the limit of "
            f"{limit / 1e6:.0f} megapixels",
            "Rescan at a lower resolution or split the sheet; raise the limit only for a "
            "file from a trusted source",
        )
        self.width = width
        self.height = height
        self.limit = limit
