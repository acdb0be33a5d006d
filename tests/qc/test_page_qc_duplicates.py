"""Near-duplicate pages in a batch: a rescan of the same sheet is found, other pages are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import ImageRules
from app.imaging.decode import open_page
from app.qc.duplicates import MAX_DISTANCE, near_duplicates
from app.qc.page import check_page
from page_qc_samples import info_for, rendered, rescanned


@pytest.fixture(scope="module")
def hashes(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    folder = tmp_path_factory.mktemp("rescans")
    pages = {name: rendered(corpus, f"{name}.png") for name in ("seedA-002", "seedA-003")}
    pages["seedA-000"] = rendered(corpus, "seedA-000.tif")
    pages["seedA-003 rescanned"] = rescanned(pages["seedA-003"], path=folder / "rescan.jpg")
    pages["linn"] = open_page(corpus / "scans" / "linn.png")
    return {name: check_page(image, info_for(image), ImageRules()).phash for name, image in pages.items()}


def test_rescan_of_the_same_sheet_is_found(hashes):
    pairs = near_duplicates([(name, hashes[name]) for name in ("seedA-003", "seedA-003 rescanned")])
    assert [pair[:2] for pair in pairs] == [("seedA-003", "seedA-003 rescanned")]


def test_same_sheet_with_a_scanner_border_is_found(hashes):
    # seedA-002 is seedA-000's sheet on a black border, scanned again: the hash is of the content.
    assert near_duplicates([("000", hashes["seedA-000"]), ("002", hashes["seedA-002"])])


def test_different_pages_are_not_duplicates(hashes):
    distinct = [(name, hashes[name]) for name in ("seedA-000", "seedA-003", "linn")]
    assert near_duplicates(distinct) == []
    assert min(
        (a ^ b).bit_count() for i, (_, a) in enumerate(distinct) for _, b in distinct[i + 1 :]
    ) > 2 * MAX_DISTANCE


def test_pairs_carry_their_distance():
    assert near_duplicates([("a", 0b1011), ("b", 0b0001), ("c", (1 << 63) - 1)], max_distance=2) == [("a", "b", 2)]
