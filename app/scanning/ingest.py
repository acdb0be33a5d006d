"""Taking a stable scanner file into the catalog, idempotently.

Every file seen gets a ``SourceFile`` row saying what became of it: ingested, duplicate (its
SHA-256 was ingested before) or rejected (with the reason). A file already recorded with the
same path, size and mtime is skipped without being read, so a restart's rescan is cheap and
nothing is ingested twice. The copy into the store happens before the database transaction;
the transaction then records file, pages and item at once, so a crash at any point leaves
either nothing (the file is taken again on restart) or everything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.catalog.db import Catalog
from app.catalog.events import Actor, record
from app.catalog.models import (
    Batch,
    FileStatus,
    Item,
    ItemState,
    Page,
    PageState,
    SourceFile,
    StoredFile,
    StoredFileKind,
    utcnow,
)
from app.catalog.store import FileStore, StoredBlob
from app.config import Profile
from app.imaging.device import device_tags
from app.imaging.errors import UnreadableFile
from app.imaging.pdfsource import pdf_page_image
from app.imaging.mediatype import media_type_of
from app.imaging.pageinfo import PageInfo
from app.imaging.probe import probe
from app.scanning.grouping import Placement, place

log = logging.getLogger("lantai.scanning")

# bits per pixel of Pillow's modes
BIT_DEPTH = {"1": 1, "L": 8, "P": 8, "LA": 16, "I;16": 16, "RGB": 24, "RGBA": 32, "CMYK": 32}

SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/bmp": ".bmp",
    "image/jp2": ".jp2",
    "application/pdf": ".pdf",
}


@dataclass(frozen=True)
class IngestOutcome:
    path: Path
    status: str  # ingested | duplicate | rejected | known
    source_file_id: int | None = None
    item_id: int | None = None
    pages: int = 0
    reason: str = ""


class Ingestor:
    """Ingests files for one station profile, in one batch per station run."""

    def __init__(self, catalog: Catalog, store: FileStore, profile: Profile, actor: Actor):
        self.catalog = catalog
        self.store = store
        self.profile = profile
        self.actor = actor
        self._batch_id: int | None = None

    def ingest(self, path: Path, root: Path | None = None, *, reread: bool = False) -> IngestOutcome:
        """Take ``path`` in. A file seen before unchanged is "known" and not read again, unless
        ``reread`` (a retry of a rejected file: a raised limit may let it in now)."""
        path = path.absolute()
        stat = path.stat()
        with self.catalog.session() as session:
            known = None if reread else session.scalar(
                select(SourceFile).where(
                    SourceFile.path == str(path),
                    SourceFile.size == stat.st_size,
                    SourceFile.mtime_ns == stat.st_mtime_ns,
                )
            )
            if known is not None:
                return IngestOutcome(path, "known", known.id, reason=known.status)

        media_type = media_type_of(path)
        blob = self.store.put_file(path, SUFFIXES.get(media_type or "", path.suffix))
        source = SourceFile(
            path=str(path), watch_root=str(root) if root else None, size=blob.size,
            mtime_ns=stat.st_mtime_ns, sha256=blob.sha256, status=FileStatus.INGESTED,
        )
        with self.catalog.session() as session:
            first = session.scalar(
                select(SourceFile).where(
                    SourceFile.sha256 == blob.sha256, SourceFile.status == FileStatus.INGESTED
                )
            )
            if first is not None:
                source.status = FileStatus.DUPLICATE
                source.duplicate_of_id = first.id
                source.reason = f"same content as {first.path}"
                return self._record(session, source, "file.duplicate", duplicate_of=first.path)

        # Reading pages and extracting PDF images writes files only; the catalog learns of
        # them in the one transaction below.
        try:
            if media_type is None:
                raise UnreadableFile(
                    path, "not a page image Lantai reads (JPEG, PNG, TIFF, BMP, JPEG 2000 or PDF)",
                    "Check the scanner's output format; the file stays where it is",
                )
            stored_path = self.store.path(blob.relpath)
            max_pixels = int(self.profile.image_rules.max_megapixels * 1_000_000)
            pages = [self._page_image(stored_path, media_type, info, max_pixels)
                     for info in probe(stored_path, max_pixels)]
        except UnreadableFile as exc:
            source.status = FileStatus.REJECTED
            source.reason = str(exc).replace(str(self.store.path(blob.relpath)), str(path))
            pages = []

        with self.catalog.session() as session:
            source.stored_file = self._stored_file(session, blob, StoredFileKind.ORIGINAL, media_type)
            if source.status == FileStatus.REJECTED:
                return self._record(session, source, "file.rejected")
            placement = place(
                self.profile.grouping, path, root, blob.sha256, stat.st_mtime_ns,
                profile=self.profile.name, gap_seconds=self.profile.time_gap_seconds,
            )
            item = self._item_for(session, placement, stat.st_mtime_ns)
            device = device_tags(path)
            for extracted, info in pages:
                image = source.stored_file
                if extracted is not None:
                    image = self._stored_file(session, extracted, StoredFileKind.EXTRACTED, info.media_type)
                page = self._page(item, source, image, info, placement)
                page.process_metadata = self._process_metadata(info, image, device)
                session.add(page)
            outcome = self._record(session, source, "file.ingested", item_id=item.id, pages=len(pages))
            self._renumber(session, item)
            item.last_page_at = utcnow()
            if placement.single_file:
                item.state = ItemState.PROCESSING
            return outcome

    def _record(self, session: Session, source: SourceFile, action: str, *, item_id: int | None = None,
                pages: int = 0, **details) -> IngestOutcome:
        source.batch_id = self._batch(session)
        session.add(source)
        session.flush()
        record(session, self.actor, action, item_id=item_id, path=source.path, sha256=source.sha256,
               reason=source.reason, pages=pages, **details)
        return IngestOutcome(Path(source.path), source.status, source.id, item_id, pages, source.reason or "")

    def close_batch(self) -> None:
        if self._batch_id is None:
            return
        with self.catalog.session() as session:
            session.get(Batch, self._batch_id).closed_at = utcnow()

    def _batch(self, session: Session) -> int:
        if self._batch_id is None:
            batch = Batch(profile=self.profile.name, station=self.actor.station, operator=self.actor.name)
            session.add(batch)
            session.flush()
            record(session, self.actor, "batch.started", batch_id=batch.id, profile=self.profile.name)
            self._batch_id = batch.id
        return self._batch_id

    def _stored_file(self, session: Session, blob: StoredBlob, kind: str, media_type: str | None) -> StoredFile:
        stored = session.scalar(select(StoredFile).where(StoredFile.relpath == blob.relpath))
        if stored is None:
            stored = StoredFile(kind=kind, relpath=blob.relpath, sha256=blob.sha256, size=blob.size,
                                media_type=media_type or "application/octet-stream")
            session.add(stored)
            session.flush()
        return stored

    def _item_for(self, session: Session, placement: Placement, mtime_ns: int) -> Item:
        """The item this file joins: an open one with the same key, or a new one."""
        candidate = session.scalar(
            select(Item)
            .where(Item.group_key == placement.group_key,
                   Item.state.not_in((ItemState.COMMITTED, ItemState.EMPTY, ItemState.MERGED)))
            .order_by(Item.id.desc())
        )
        if candidate is not None and placement.gap_seconds is not None:
            newest = session.scalar(
                select(func.max(SourceFile.mtime_ns)).join(Page, Page.source_file_id == SourceFile.id)
                .where(Page.item_id == candidate.id)
            )
            if candidate.state != ItemState.COLLECTING or (
                newest is not None and mtime_ns - newest > placement.gap_seconds * 1e9
            ):
                candidate = None
        if candidate is None:
            candidate = Item(batch_id=self._batch(session), profile=self.profile.name,
                             group_key=placement.group_key, state=ItemState.COLLECTING)
            session.add(candidate)
            session.flush()
            record(session, self.actor, "item.created", item_id=candidate.id, group_key=placement.group_key)
        elif candidate.state != ItemState.COLLECTING:
            # A late page of a folder item that was already closed: it joins its item, whose
            # PDF is then rebuilt, as long as the item is not committed.
            candidate.state = ItemState.COLLECTING
            candidate.pdf_file_id = None
            record(session, self.actor, "item.reopened", item_id=candidate.id)
        return candidate

    @staticmethod
    def _page(item: Item, source: SourceFile, image: StoredFile, info: PageInfo, placement: Placement) -> Page:
        return Page(
            item_id=item.id, source_file=source, image_file=image, source_index=info.index,
            frame=info.index if image is source.stored_file else 0,
            sort_key=f"{placement.sort_key}#{info.index:05d}", position=0,
            width=info.width, height=info.height,
            dpi_x=info.dpi[0] if info.dpi else None, dpi_y=info.dpi[1] if info.dpi else None,
            mode=info.mode, media_type=info.media_type, exif_rotation=info.exif_rotation,
            has_text=info.has_text, flags=[] if info.dpi else ["no_dpi"], state=PageState.PENDING,
        )

    def _process_metadata(self, info: PageInfo, image: StoredFile, device: dict[str, str]) -> dict:
        """DA/T 31 §4: scan parameters, device, software, operator, time and digest."""
        return {
            "dpi": list(info.dpi) if info.dpi else None,
            "colour_mode": info.mode,
            "bit_depth": BIT_DEPTH.get(info.mode),
            "compression": info.compression,
            "pixels": [info.width, info.height],
            **device,
            "operator": self.actor.name,
            "station": self.actor.station,
            "ingested_at": utcnow().isoformat(timespec="seconds") + "Z",
            "sha256": image.sha256,
        }

    def _page_image(
        self, stored_path: Path, media_type: str, info: PageInfo, max_pixels: int
    ) -> tuple[StoredBlob | None, PageInfo]:
        """Where a page's pixels live: in the original (None), or, for a scanner PDF page
        without text, in an image taken out of it without re-encoding (or rendered)."""
        if media_type != "application/pdf" or info.has_text:
            return None, info
        extracted = pdf_page_image(stored_path, info.index, max_pixels)
        blob = self.store.put_bytes(extracted.data, SUFFIXES.get(extracted.media_type, ".bin"))
        return blob, PageInfo(
            index=info.index, width=extracted.width, height=extracted.height, dpi=extracted.dpi,
            mode=info.mode, media_type=extracted.media_type, compression=info.compression,
            exif_rotation=extracted.rotation,
        )

    @staticmethod
    def _renumber(session: Session, item: Item) -> None:
        session.flush()
        pages = session.scalars(select(Page).where(Page.item_id == item.id).order_by(Page.sort_key)).all()
        for number, page in enumerate(pages, start=1):
            page.position = number


def close_quiet_items(catalog: Catalog, actor: Actor, quiet_seconds: float, *, everything: bool = False) -> list[int]:
    """Close collecting items that received no page for ``quiet_seconds`` (or all of them)."""
    limit = utcnow() - timedelta(seconds=quiet_seconds)
    with catalog.session() as session:
        query = select(Item).where(Item.state == ItemState.COLLECTING)
        if not everything:
            query = query.where(Item.last_page_at <= limit)
        closed = []
        for item in session.scalars(query):
            item.state = ItemState.PROCESSING
            record(session, actor, "item.closed", item_id=item.id, pages=len(item.pages))
            closed.append(item.id)
        return closed
