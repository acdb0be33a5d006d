"""Image checks, separator sheets and process metadata as the capture pipeline records them."""

from __future__ import annotations

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw
from sqlalchemy import select

from app.catalog.models import Event, Page, PageCheck, SeparatorSheet
from app.station import Reporter, ingest_once
from app.workspace import Workspace

A4_300DPI = (2480, 3508)


def qr_separator_sheet(text: str) -> Image.Image:
    sheet = Image.new("L", A4_300DPI, 255)
    ImageDraw.Draw(sheet).text((300, 200), "SEPARATOR", fill=0)
    symbol = Image.fromarray(np.asarray(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
                                        .to_image(scale=12)))
    sheet.paste(symbol, (300, 400))
    return sheet


def folder_profile(tmp_path) -> Workspace:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text('[profiles.default]\ngrouping = "folder"\n', encoding="utf-8")
    return Workspace.open(data)


def ingest(ws: Workspace, *paths):
    return ingest_once(ws.catalog, ws.store, ws.settings, ws.profile, ws.actor, list(paths), Reporter())


def test_qr_separator_between_two_documents_makes_two_items_and_prefills(tmp_path, make_strips):
    ws = folder_profile(tmp_path)
    folder = tmp_path / "scans" / "box-17"
    make_strips(folder, 2)  # page-001, page-002: the first document
    qr_separator_sheet("Z109-WS·2023-Y-BGS-0001").save(folder / "page-003.png", dpi=(300, 300))
    make_strips(folder, 1, start=3)  # page-004: the second document

    ingest(ws, tmp_path / "scans")

    first, second = ws.items()
    assert [p["source_file"].rsplit("/", 1)[1] for p in first["pages"]] == ["page-001.jpg", "page-002.jpg"]
    assert [p["source_file"].rsplit("/", 1)[1] for p in second["pages"]] == ["page-004.jpg"]
    assert [p["number"] for p in second["pages"]] == [1]
    with ws.catalog.session() as session:
        [sheet] = session.scalars(select(SeparatorSheet)).all()
        assert (sheet.kind, sheet.item_id) == ("qr", second["id"])
        kept = session.get(Page, sheet.page_id)  # recorded, in no item, never deleted
        assert (kept.item_id, kept.state, kept.source_file.path.rsplit("/", 1)[1]) == (None, "separator", "page-003.png")
        assert session.scalar(select(Event).where(Event.action == "item.split")) is not None

    # The barcode gave fonds, category, year, retention, org and item number: the rest is typed.
    problems = ws.describe(second["id"], {"title": "关于档案工作的报告", "responsible": "扬州市档案馆",
                                          "date": "20230512"})
    assert not [p for p in problems if p.severity == "error"], problems
    assert ws.items()[1]["archival_code"] == "Z109-WS·2023-Y-BGS-0001"


def test_checks_and_process_metadata_are_recorded_per_page(tmp_path, corpus):
    ws = Workspace.open(tmp_path / "data")
    low_res = corpus / "cjk-rendered" / "seedA-005.jpg"  # 150 dpi in the manifest

    ingest(ws, low_res)

    [item] = ws.items()
    [page] = item["pages"]
    verdicts = {c["check"]: c["verdict"] for c in page["checks"]}
    assert verdicts["resolution"] == "error"
    assert verdicts["blank"] == "ok"
    with ws.catalog.session() as session:
        [resolution] = session.scalars(select(PageCheck).where(PageCheck.check == "resolution")).all()
        assert "150" in resolution.message
        meta = session.scalar(select(Page)).process_metadata
    assert meta["dpi"] == [150, 150] and meta["colour_mode"] == "L" and meta["bit_depth"] == 8
    assert meta["compression"] == "jpeg" and meta["operator"] == ws.actor.name and len(meta["sha256"]) == 64


def test_the_same_sheet_scanned_twice_is_flagged_on_both_pages_and_kept(tmp_path, make_strips):
    ws = Workspace.open(tmp_path / "data")
    [original] = make_strips(tmp_path / "scans", 1)
    again = Image.open(original).convert("L")
    again = again.transform(again.size, Image.Transform.AFFINE, (1, 0, 3, 0, 1, 2), fillcolor=255)
    again.save(tmp_path / "scans" / "page-001-again.jpg", dpi=(300, 300), quality=80)

    ingest(ws, tmp_path / "scans")

    items = ws.items()
    assert len(items) == 2  # flagged, never dropped
    for item in items:
        flags = [c for c in item["pages"][0]["checks"] if c["check"] == "near_duplicate"]
        assert flags and flags[0]["verdict"] == "warning"
