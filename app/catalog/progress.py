"""How far each batch has got: pages read, items assembled, described and committed.

One grouped query for all batches, so the window can ask every two seconds of a catalog with
thousands of pages. A batch is finished when no page waits for OCR and no item is still
collecting pages or waiting for its PDF; what the operator has still to describe is not
station work.
"""

from __future__ import annotations

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from app.catalog.models import Batch, Item, ItemState, Page, PageState

BUSY = (ItemState.COLLECTING, ItemState.PROCESSING)
AWAITING = (ItemState.AWAITING_DESCRIPTION, ItemState.READY)


def _pages_where(condition):
    return func.count(case((condition, Page.id)))


def _items_where(condition):
    return func.count(distinct(case((condition, Item.id))))


def batch_progress(session: Session) -> list[dict]:
    """The batches with station work left, and the newest finished one, oldest first."""
    query = (
        select(
            Batch.id.label("batch_id"), Batch.started_at, Batch.profile,
            func.count(Page.id).label("pages_total"),
            _pages_where(Page.state == PageState.DONE).label("pages_done"),
            _pages_where(Page.state == PageState.FAILED).label("pages_failed"),
            _pages_where(Page.state == PageState.PENDING).label("pages_pending"),
            func.count(distinct(Item.id)).label("items_total"),
            _items_where(Item.state.in_(BUSY)).label("items_processing"),
            _items_where(Item.state.in_(AWAITING)).label("items_awaiting"),
            _items_where(Item.state == ItemState.COMMITTED).label("items_committed"),
            _items_where(Item.state == ItemState.NEEDS_ATTENTION).label("items_attention"),
        )
        .join(Item, Item.batch_id == Batch.id)
        .outerjoin(Page, Page.item_id == Item.id)  # pages in no item (separators, the bin) are not work
        .where(Item.state.not_in((ItemState.EMPTY, ItemState.MERGED)))
        .group_by(Batch.id)
        .order_by(Batch.id)
    )
    rows = []
    for row in session.execute(query).mappings():
        entry = dict(row, started=row["started_at"].isoformat(timespec="seconds") + "Z")
        del entry["started_at"]
        entry["finished"] = not entry["pages_pending"] and not entry["items_processing"]
        rows.append(entry)
    newest_finished = max((row["batch_id"] for row in rows if row["finished"]), default=None)
    return [row for row in rows if not row["finished"] or row["batch_id"] == newest_finished]
