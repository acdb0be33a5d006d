"""The bin: pages the operator deleted, where each was taken from, and whether it can go back.

The undo history of a session ends with it; the bin is read from the catalog (the pages in
state ``binned`` and the events that binned them), so after a restart an operator still sees
what was deleted and can restore it with ``RestorePages``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.catalog.models import Event, Item, Page, PageState
from app.catalog.page_ops import PageOpRefused, bin_record, editable_item


def binned_pages(session: Session) -> list[dict]:
    """Every page in the bin as plain (JSON-able) data: the most recently binned first, pages
    binned together in their item's order."""
    query = (select(Page).where(Page.state == PageState.BINNED)
             .options(selectinload(Page.source_file), selectinload(Page.image_file), selectinload(Page.ocr)))
    entries = [_entry(session, page) for page in session.scalars(query)]
    return sorted(entries, key=lambda entry: (-(entry["event_id"] or 0), entry["item_id"] or 0,
                                              entry["position"] or 0, entry["page_id"]))


def _entry(session: Session, page: Page) -> dict:
    entry = {
        "page_id": page.id, "source_file": Path(page.source_file.path).name, "source_path": page.source_file.path,
        "source_page": page.source_index + 1, "image": page.image_file.relpath, "frame": page.frame,
        "rotation": page.ocr.rotation if page.ocr else page.exif_rotation,
        "item_id": None, "position": None, "item_state": None, "archival_code": None, "title": None,
        "event_id": None, "binned_at": None, "binned_by": None, "station": None,
        "restorable": False, "reason": None,
    }
    try:
        place = bin_record(session, page.id)
    except PageOpRefused as refusal:  # binned before bins were recorded: only a move can place it
        return {**entry, "reason": str(refusal)}
    item, event = session.get(Item, place.item_id), session.get(Event, place.event_id)
    entry.update(item_id=place.item_id, position=place.position, item_state=item.state if item else None,
                 event_id=event.id, binned_at=event.at.isoformat(timespec="seconds") + "Z",
                 binned_by=event.actor, station=event.station)
    if item is not None and item.description is not None:
        entry.update(archival_code=item.description.archival_code, title=item.description.title)
    try:
        editable_item(session, place.item_id)  # the same rule RestorePages applies
        entry["restorable"] = True
    except PageOpRefused as refusal:
        entry["reason"] = str(refusal)
    return entry
