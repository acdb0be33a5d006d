"""What needs an operator, and trying it again.

Three things stop on their way through the station: a file that could not be taken in
(rejected: not a page image, damaged headers, too many pixels…), a page that could not be read
(failed), and an item whose PDF could not be built (needs attention with no failed page). All
are read from the catalog's states, so the list is the same after a restart, in the window and
in ``lantai attention``. Duplicates are not listed: their content is in the catalog already.

``retry`` puts each back where it fell off: a page goes back to pending, an item back to
processing, and a rejected file is read again from where it was found, by the same ``Ingestor``
that read it the first time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from app.catalog.db import Catalog
from app.catalog.events import Actor, record
from app.catalog.models import Batch, Event, FileStatus, Item, ItemState, Page, PageState, SourceFile, StoredFile
from app.catalog.page_ops import PageOpRefused, RerunOcr
from app.catalog.store import FileStore
from app.config import Settings

KINDS = ("file", "page", "item")

# What the operator can do; the window shows its own translations of these.
REMEDIES = {
    "file": "Put a readable scan at the same path (or fix the settings), then retry",
    "page": "Retry reads the page again; if it fails again, replace it with a rescan or bin it",
    "item": "Retry builds the item's PDF again",
}
# Why an item stopped, by the event that stopped it.
ITEM_REASONS = {"item.pdf_failed": "PDF assembly failed", "item.needs_attention": "a page failed"}


@dataclass(frozen=True)
class RetryOutcome:
    ok: bool
    message: str  # what happened, worded for the operator
    item_id: int | None = None


def attention_list(session: Session) -> list[dict]:
    """Every rejected file, failed page and stuck item, as plain (JSON-able) dicts."""
    return [*_rejected_files(session), *_failed_pages(session), *_stuck_items(session)]


def _entry(kind: str, entry_id: int, reason: str, when: datetime | None, *, path: str | None = None,
           item_id: int | None = None, page: int | None = None, batch_id: int | None = None) -> dict:
    return {"kind": kind, "id": entry_id, "path": path, "item_id": item_id, "page": page, "batch_id": batch_id,
            "reason": reason, "when": when.isoformat(timespec="seconds") + "Z" if when else None,
            "remedy": REMEDIES[kind]}


def _rejected_files(session: Session) -> list[dict]:
    # Only a path's newest record counts: a file rescanned and taken in since is no longer a problem.
    newer = aliased(SourceFile)
    superseded = exists().where(newer.path == SourceFile.path, newer.id > SourceFile.id)
    query = (select(SourceFile).where(SourceFile.status == FileStatus.REJECTED, ~superseded)
             .order_by(SourceFile.id))
    return [_entry("file", source.id, source.reason or "rejected", source.seen_at, path=source.path,
                   batch_id=source.batch_id) for source in session.scalars(query)]


def _failed_pages(session: Session) -> list[dict]:
    rows = session.execute(
        select(Page, SourceFile.path, StoredFile.relpath, Item.batch_id)
        .join(SourceFile, Page.source_file_id == SourceFile.id).join(StoredFile, Page.image_file_id == StoredFile.id)
        .join(Item, Page.item_id == Item.id).where(Page.state == PageState.FAILED)
        .order_by(Page.item_id, Page.position)
    ).all()
    page_id = Event.details["page_id"].as_integer()
    failed_at = dict(session.execute(
        select(page_id, Event.at).where(Event.action == "page.ocr_failed",
                                        page_id.in_([page.id for page, *_ in rows])).order_by(Event.id)
    ).all())
    return [_entry("page", page.id, naming_the_scan(page.error or "failed", relpath, path),
                   failed_at.get(page.id), path=path, item_id=page.item_id, page=page.position, batch_id=batch_id)
            for page, path, relpath, batch_id in rows]


def naming_the_scan(error: str, relpath: str, path: str) -> str:
    """``error`` with the file store's copy (``relpath``, however its folder was written) named
    by the scan's own ``path``: the worker names the copy it opened; the operator knows the
    scanner's file."""
    return re.sub(r"\S*" + re.escape(relpath), lambda _: path, error)


def _stuck_items(session: Session) -> list[dict]:
    # An item with a failed page is listed through that page, and retried with it.
    has_failed_page = exists().where(Page.item_id == Item.id, Page.state == PageState.FAILED)
    items = session.scalars(
        select(Item).where(Item.state == ItemState.NEEDS_ATTENTION, ~has_failed_page).order_by(Item.id)
    ).all()
    stopped = {event.item_id: event for event in session.scalars(
        select(Event).where(Event.action.in_(ITEM_REASONS), Event.item_id.in_([item.id for item in items]))
        .order_by(Event.id)
    )}
    entries = []
    for item in items:
        event = stopped.get(item.id)
        reason = ITEM_REASONS[event.action] if event else "needs attention"
        if event and event.details.get("error"):
            reason = f"{reason}: {event.details['error']}"
        entries.append(_entry("item", item.id, reason, event.at if event else None, item_id=item.id,
                              batch_id=item.batch_id))
    return entries


def retry(catalog: Catalog, store: FileStore, settings: Settings, actor: Actor, kind: str,
          entry_id: int) -> RetryOutcome:
    """Try again what ``attention_list`` listed as (kind, id); each retry is an event."""
    if kind == "file":
        return _retry_file(catalog, store, settings, actor, entry_id)
    if kind not in KINDS:
        return RetryOutcome(False, f"cannot retry a {kind!r}: name a {', '.join(KINDS)}")
    try:
        with catalog.session() as session:
            if kind == "page":
                return _retry_page(session, actor, entry_id)
            return _retry_item(session, actor, entry_id)
    except PageOpRefused as exc:  # raised before anything changed; the session rolled back
        return RetryOutcome(False, str(exc))


def _retry_page(session: Session, actor: Actor, page_id: int) -> RetryOutcome:
    page = session.get(Page, page_id)
    if page is None or page.state != PageState.FAILED:
        state = f"it is {page.state}" if page else "there is no such page"
        return RetryOutcome(False, f"page {page_id} has not failed ({state}); nothing to retry")
    item_id, number = page.item_id, page.position
    RerunOcr([page_id]).apply(session, actor)  # pending again; its item back to processing
    return RetryOutcome(True, f"item {item_id} page {number} will be read again", item_id)


def _retry_item(session: Session, actor: Actor, item_id: int) -> RetryOutcome:
    item = session.get(Item, item_id)
    if item is None or item.state != ItemState.NEEDS_ATTENTION:
        state = f"it is {item.state.replace('_', ' ')}" if item else "there is no such item"
        return RetryOutcome(False, f"item {item_id} does not need attention ({state}); nothing to retry")
    failed = [page.id for page in item.pages if page.state == PageState.FAILED]
    if failed:
        RerunOcr(failed).apply(session, actor)
        return RetryOutcome(True, f"item {item_id}: {len(failed)} failed page(s) will be read again", item_id)
    item.state = ItemState.PROCESSING
    record(session, actor, "item.retried", item_id=item_id)
    return RetryOutcome(True, f"item {item_id} goes back to processing; its PDF is built again", item_id)


def _retry_file(catalog: Catalog, store: FileStore, settings: Settings, actor: Actor,
                source_id: int) -> RetryOutcome:
    from app.scanning.ingest import Ingestor  # the imaging stack, loaded only for a file retry

    with catalog.session() as session:
        source = session.get(SourceFile, source_id)
        if source is None or source.status != FileStatus.REJECTED:
            return RetryOutcome(False, f"no rejected file {source_id}; refresh the list of what needs attention")
        if session.scalar(select(SourceFile.id).where(SourceFile.path == source.path, SourceFile.id > source_id)):
            return RetryOutcome(False, f"{source.path} has been read again since; refresh the list")
        batch = session.get(Batch, source.batch_id) if source.batch_id else None
        path, reason = Path(source.path), source.reason
        root = Path(source.watch_root) if source.watch_root else None
    if not path.is_file():
        return RetryOutcome(False, f"{path} is no longer there; put a readable scan at that path and retry"
                                   " (the rejection stays listed)")
    profile = settings.profiles.get(batch.profile) if batch else None
    ingestor = Ingestor(catalog, store, profile or settings.profile(), actor)
    # The rejection's record stays: the new reading gets a record of its own, which supersedes
    # it in this list; until that is written, nothing has changed.
    with catalog.session() as session:
        record(session, actor, "file.retried", path=str(path), source_file_id=source_id,
               previous_reason=reason)
    try:
        outcome = ingestor.ingest(path, root, reread=True)
    except OSError as exc:
        return RetryOutcome(False, f"cannot read {path} ({exc.strerror or exc}); the rejection stays listed")
    finally:
        ingestor.close_batch()
    if outcome.status == FileStatus.INGESTED:
        return RetryOutcome(True, f"{path} taken in: item {outcome.item_id}, {outcome.pages} page(s)",
                            outcome.item_id)
    if outcome.status == FileStatus.DUPLICATE:
        return RetryOutcome(True, f"{path}: {outcome.reason}; not taken in twice")
    return RetryOutcome(False, f"still not readable: {outcome.reason}")  # rejected again
