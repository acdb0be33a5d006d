from __future__ import annotations

from pathlib import Path

import pytest

from app.scanning import is_ignored


@pytest.mark.parametrize(
    "name",
    [
        "page.tmp",
        "PAGE.TMP",
        "page.jpg.part",
        "page.jpg.crdownload",
        "~$report.docx",
        ".~lock.report.odt#",
        "Thumbs.db",
        "thumbs.db",
        "desktop.ini",
        ".DS_Store",
        "._page.jpg",
        ".hidden.jpg",
        "page.swp",
        ".page.jpg.swp",
        ".trash/page.jpg",
        "doc1/.cache/page.jpg",
        "doc.tmp/page.jpg",
    ],
)
def test_clutter_is_ignored(name: str) -> None:
    assert is_ignored(Path(name))


@pytest.mark.parametrize("name", ["page.jpg", "doc1/page-0001.tif", "scan.pdf", "tmp/page.png", "a~b.jpg"])
def test_page_images_are_not_ignored(name: str) -> None:
    assert not is_ignored(Path(name))


def test_extra_patterns_add_to_the_defaults() -> None:
    assert is_ignored(Path("scan.LOG"), ["*.log"])
    assert is_ignored(Path("@eaDir/page.jpg"), ["@eaDir"])
    assert is_ignored(Path("page.tmp"), ["*.log"])
    assert not is_ignored(Path("page.jpg"), ["*.log"])
