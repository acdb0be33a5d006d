"""Separator sheets: generated QR, Code 128 and patch code sheets as a scanner returns them."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from app.catalog.archival_code import DA_T_13, DA_T_22, ArchivalCodeTemplate
from app.qc.separators import Separator, detect_separator, split_at_separators

DPI = 300
A4 = (2480, 3508)  # 300 dpi
DA_T_22_TEMPLATE = ArchivalCodeTemplate(DA_T_22)
FIELDS_0001 = {
    "fonds_code": "Z109",
    "category_code": "WS",
    "year": "2023",
    "retention": "Y",
    "org_code": "BGS",
    "item_no": "0001",
}
# Bar widths of Kodak patch codes in inches, read from the leading edge (A-61599, A-61670).
NARROW, WIDE = 0.08, 0.20
PATCHES = {"1": "WWNN", "2": "WNNW", "3": "WNWN", "4": "NWWN", "6": "NNWW", "T": "NWNW"}


def scanned(page: Image.Image, angle: float = 1.0, seed: int = 0) -> Image.Image:
    """``page`` as a scanner returns it: slightly skewed, noisy, JPEG-compressed."""
    page = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    noise = np.random.default_rng(seed).normal(0, 10, page.size[::-1])
    noisy = np.clip(np.asarray(page, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noisy).save(buffer, "JPEG", quality=75, dpi=(DPI, DPI))
    buffer.seek(0)
    return Image.open(buffer)


def barcode_sheet(*symbols: tuple[str | bytes, zxingcpp.BarcodeFormat]) -> Image.Image:
    """An A4 separator sheet: a caption and each symbol, about 1 in tall, down the page."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=60)
    top = 300
    for content, barcode_format in symbols:
        caption = content.decode() if isinstance(content, bytes) else content
        draw.text((300, top), f"SEPARATOR  {caption}", fill=0, font=font)
        module_px = 12 if barcode_format == zxingcpp.BarcodeFormat.QRCode else 4
        symbol = zxingcpp.create_barcode(content, barcode_format).to_image(scale=module_px)
        image = Image.fromarray(np.asarray(symbol))
        if image.height < DPI:  # a linear symbol is one module tall
            image = image.resize((image.width, DPI), Image.Resampling.NEAREST)
        page.paste(image, (300, top + 150))
        top += 150 + image.height + 300
    return scanned(page)


def patch_sheet(widths: str, *, turn: int = 0) -> Image.Image:
    """An A4 sheet with a patch (bars ``widths``, W or N, from the top) at Kodak's sizes,
    turned ``turn`` degrees counter-clockwise before scanning."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    left, top = 0.5 * DPI, 0.5 * DPI
    for width in widths:
        height = (WIDE if width == "W" else NARROW) * DPI
        draw.rectangle((left, top, A4[0] - left, top + height - 1), fill=15)
        top += height + NARROW * DPI
    return scanned(page.rotate(turn, expand=True))


@pytest.fixture(scope="module")
def qr_sheet() -> Image.Image:
    return barcode_sheet(("Z109-WS·2023-Y-BGS-0001", zxingcpp.BarcodeFormat.QRCode))


def corpus_pages(corpus: Path) -> list[Path]:
    folder = corpus / "cjk-rendered"
    return sorted(p for p in folder.iterdir() if p.suffix in {".png", ".jpg", ".tif"})


def test_code128_with_a_dot_for_the_middle_dot_prefills_the_description() -> None:
    sheet = barcode_sheet(("Z109-WS.2023-Y-BGS-0001", zxingcpp.BarcodeFormat.Code128))

    assert detect_separator(sheet, DA_T_22_TEMPLATE) == Separator(
        "code128", "Z109-WS.2023-Y-BGS-0001", FIELDS_0001
    )


def test_qr_with_the_middle_dot_prefills_the_description(qr_sheet: Image.Image) -> None:
    # zxing writes "·" as Latin-1 (QR's default) and guesses Shift_JIS when reading it.
    separator = detect_separator(qr_sheet, DA_T_22_TEMPLATE)

    assert separator == Separator("qr", "Z109-WS·2023-Y-BGS-0001", FIELDS_0001)


def test_qr_written_as_utf8_prefills_the_description() -> None:
    sheet = barcode_sheet(("Z109-WS·2023-Y-BGS-0001".encode(), zxingcpp.BarcodeFormat.QRCode))

    separator = detect_separator(sheet, DA_T_22_TEMPLATE)

    assert separator is not None and separator.prefill == FIELDS_0001


def test_the_profiles_template_decides_what_is_a_code() -> None:
    sheet = barcode_sheet(("Z109-WS.2011.Y.BGS-0026", zxingcpp.BarcodeFormat.Code128))

    separator = detect_separator(sheet, ArchivalCodeTemplate(DA_T_13))

    assert separator is not None
    assert separator.prefill == FIELDS_0001 | {"year": "2011", "item_no": "0026"}
    assert detect_separator(sheet, DA_T_22_TEMPLATE) == Separator(
        "code128", "Z109-WS.2011.Y.BGS-0026", {}
    )


def test_a_barcode_that_is_no_archival_code_still_separates() -> None:
    sheet = barcode_sheet(("https://archives.example.cn/batch/17", zxingcpp.BarcodeFormat.QRCode))

    assert detect_separator(sheet, DA_T_22_TEMPLATE) == Separator(
        "qr", "https://archives.example.cn/batch/17", {}
    )


def test_of_several_barcodes_the_archival_code_is_taken() -> None:
    sheet = barcode_sheet(
        ("https://archives.example.cn/batch/17", zxingcpp.BarcodeFormat.QRCode),
        ("Z109-WS.2023-Y-BGS-0001", zxingcpp.BarcodeFormat.Code128),
    )

    separator = detect_separator(sheet, DA_T_22_TEMPLATE)

    assert separator == Separator("code128", "Z109-WS.2023-Y-BGS-0001", FIELDS_0001)


def test_without_a_template_nothing_is_prefilled(qr_sheet: Image.Image) -> None:
    separator = detect_separator(qr_sheet)

    assert separator is not None and separator.kind == "qr" and separator.prefill == {}


@pytest.mark.parametrize("turn", [0, 90, 180, 270], ids=lambda turn: f"turned{turn}")
def test_patch_t_separates_in_any_orientation(turn: int) -> None:
    sheet = patch_sheet(PATCHES["T"], turn=turn)

    assert detect_separator(sheet, DA_T_22_TEMPLATE) == Separator("patch_t", "", {})


@pytest.mark.parametrize("patch", ["1", "2", "4", "6"])
def test_other_patch_codes_do_not_separate(patch: str) -> None:
    # Patch 3 is patch T upside down, so it does separate (see app/qc/patchcode.py).
    assert detect_separator(patch_sheet(PATCHES[patch])) is None


def test_no_page_of_the_corpus_is_a_separator(corpus: Path) -> None:
    for path in corpus_pages(corpus):
        assert detect_separator(Image.open(path), DA_T_22_TEMPLATE) is None, path.name


def test_a_qr_sheet_between_two_documents_makes_two_items(
    corpus: Path, qr_sheet: Image.Image
) -> None:
    first, second, third = (Image.open(path) for path in corpus_pages(corpus)[:3])
    batch = [first, second, qr_sheet, third]

    items = split_at_separators(batch, lambda page: detect_separator(page, DA_T_22_TEMPLATE))

    assert [(opener, pages) for opener, pages in items] == [
        (None, [first, second]),
        (Separator("qr", "Z109-WS·2023-Y-BGS-0001", FIELDS_0001), [third]),
    ]


def test_split_keeps_items_without_a_leading_separator_and_empty_ones() -> None:
    sheet_a, sheet_b = Separator("patch_t", ""), Separator("code128", "X")
    separators = {"A": sheet_a, "B": sheet_b}

    def split(pages: str) -> list[tuple[Separator | None, list[str]]]:
        return split_at_separators(list(pages), separators.get)

    assert split("") == []
    assert split("xy") == [(None, ["x", "y"])]
    assert split("AxyBz") == [(sheet_a, ["x", "y"]), (sheet_b, ["z"])]
    assert split("xABy") == [(None, ["x"]), (sheet_a, []), (sheet_b, ["y"])]
    assert split("xA") == [(None, ["x"]), (sheet_a, [])]

