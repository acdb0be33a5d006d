"""SQLAlchemy models of the local catalog.

Every state that must survive a crash is a column here: a restarted station reads what to do
next from these tables, never from memory.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class FileStatus:
    INGESTED = "ingested"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class PageState:
    PENDING = "pending"  # waiting for OCR
    DONE = "done"
    FAILED = "failed"
    SEPARATOR = "separator"  # a separator sheet: kept, but in no item
    BINNED = "binned"  # deleted by the operator: in no item, restorable to its place


class ItemState:
    COLLECTING = "collecting"  # may still receive pages (folder and time-gap grouping)
    PROCESSING = "processing"  # closed; OCR or PDF still to do
    AWAITING_DESCRIPTION = "awaiting_description"
    READY = "ready"  # described, waiting for commit
    COMMITTED = "committed"
    NEEDS_ATTENTION = "needs_attention"  # a page failed; an operator must look
    EMPTY = "empty"  # every page binned or moved away; kept so undo can fill it again
    MERGED = "merged"  # its pages were merged into another item


class StoredFileKind:
    ORIGINAL = "original"  # a scanner file, byte for byte
    EXTRACTED = "extracted"  # a page image taken out of a scanner PDF without re-encoding
    PDF = "pdf"  # an item's searchable PDF (derived)
    ARCHIVED = "archived"  # a committed copy named after the archival code


class Batch(Base):
    """One scan session of one station profile."""

    __tablename__ = "batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile: Mapped[str] = mapped_column(String(64))
    station: Mapped[str] = mapped_column(String(128))
    operator: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    items: Mapped[list[Item]] = relationship(back_populates="batch")


class StoredFile(Base):
    """A file kept under the data directory, with the digest taken when it was stored."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    relpath: Mapped[str] = mapped_column(String(1024), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceFile(Base):
    """A file seen in a watched folder or given to ``ingest``, and what became of it."""

    __tablename__ = "source_file"
    __table_args__ = (Index("ix_source_file_seen", "path", "size", "mtime_ns"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batch.id"))
    path: Mapped[str] = mapped_column(String(2048))
    watch_root: Mapped[str | None] = mapped_column(String(2048))
    size: Mapped[int]
    mtime_ns: Mapped[int]
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(2048))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("source_file.id"))
    stored_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    stored_file: Mapped[StoredFile | None] = relationship()


class Item(Base):
    """A document (件): the unit that is described, committed and searched."""

    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))
    profile: Mapped[str] = mapped_column(String(64))
    group_key: Mapped[str] = mapped_column(String(2048), index=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_page_at: Mapped[datetime] = mapped_column(default=utcnow)
    pdf_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    committed_at: Mapped[datetime | None]
    # description fields read off a separator sheet's barcode, offered when describing
    prefill: Mapped[dict] = mapped_column(JSON, default=dict)

    batch: Mapped[Batch] = relationship(back_populates="items")
    pages: Mapped[list[Page]] = relationship(
        # never deletes a page: a page leaving its item (a separator sheet) is kept
        back_populates="item", order_by="Page.position", cascade="save-update, merge"
    )
    description: Mapped[DescriptionRecord | None] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    pdf_file: Mapped[StoredFile | None] = relationship(foreign_keys=[pdf_file_id])


class Page(Base):
    """One page image of an item, in order."""

    __tablename__ = "page"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"), index=True)  # None: a separator
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_file.id"))
    image_file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    source_index: Mapped[int] = mapped_column(default=0, server_default="0")  # page within the scanner's file
    frame: Mapped[int] = mapped_column(default=0)  # frame within image_file (a multi-page TIFF)
    sort_key: Mapped[str] = mapped_column(String(2100))
    position: Mapped[int]  # 1-based page number within the item
    width: Mapped[int]
    height: Mapped[int]
    dpi_x: Mapped[float | None]
    dpi_y: Mapped[float | None]
    mode: Mapped[str] = mapped_column(String(8))
    media_type: Mapped[str] = mapped_column(String(64))
    exif_rotation: Mapped[int] = mapped_column(default=0)
    has_text: Mapped[bool] = mapped_column(default=False)  # scanner PDF page with its own text
    flags: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(16), index=True)
    error: Mapped[str | None] = mapped_column(String(2048))
    # DA/T 31 process metadata: dpi, colour mode, bit depth, compression, device, software…
    process_metadata: Mapped[dict] = mapped_column(JSON, default=dict)
    # what made the processing copy out of the master: [{"op": "rotate", "degrees": 90}, …]
    operations: Mapped[list] = mapped_column(JSON, default=list)
    phash: Mapped[str | None] = mapped_column(String(16))  # perceptual hash, for near-duplicates

    item: Mapped[Item | None] = relationship(back_populates="pages")
    checks: Mapped[list[PageCheck]] = relationship(back_populates="page", cascade="all, delete-orphan")
    source_file: Mapped[SourceFile] = relationship()
    image_file: Mapped[StoredFile] = relationship()
    ocr: Mapped[PageOcr | None] = relationship(back_populates="page", cascade="all, delete-orphan")


class PageCheck(Base):
    """One image-quality check of a page (DA/T 31): what was measured and the verdict."""

    __tablename__ = "page_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id"), index=True)
    check: Mapped[str] = mapped_column(String(32))
    value: Mapped[dict | list | float | str | None] = mapped_column(JSON)
    verdict: Mapped[str] = mapped_column(String(8), index=True)  # ok | warning | error
    message: Mapped[str] = mapped_column(String(1024), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    page: Mapped[Page] = relationship(back_populates="checks")


class SeparatorSheet(Base):
    """A separator page: recorded, kept out of items; it opened ``item_id``."""

    __tablename__ = "separator_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id"))
    kind: Mapped[str] = mapped_column(String(16))  # patch_t | qr | code128
    text: Mapped[str] = mapped_column(String(1024), default="")
    prefill: Mapped[dict] = mapped_column(JSON, default=dict)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PageOcr(Base):
    """The recognised text of a page, with every word's box, confidence, block and line."""

    __tablename__ = "page_ocr"

    page_id: Mapped[int] = mapped_column(ForeignKey("page.id"), primary_key=True)
    engine: Mapped[str] = mapped_column(String(64))
    languages: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    rotation: Mapped[int]
    # degrees the upright page was levelled by before OCR; the boxes are in that frame
    skew: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    width: Mapped[int]
    height: Mapped[int]
    text: Mapped[str]
    # [[text, left, top, right, bottom, confidence, block, line], ...]
    words: Mapped[list] = mapped_column(JSON)
    mean_confidence: Mapped[float]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    page: Mapped[Page] = relationship(back_populates="ocr")


class DescriptionRecord(Base):
    """The archival description (著录) of an item; fields as in shared/domain.md."""

    __tablename__ = "description"

    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    archival_code: Mapped[str] = mapped_column(String(128), unique=True)
    fonds_code: Mapped[str] = mapped_column(String(32))
    category_code: Mapped[str] = mapped_column(String(8))
    year: Mapped[str] = mapped_column(String(4))
    retention: Mapped[str] = mapped_column(String(8))
    org_code: Mapped[str] = mapped_column(String(32), default="")
    item_no: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(1024))
    responsible: Mapped[str] = mapped_column(String(512))
    doc_no: Mapped[str] = mapped_column(String(128), default="")
    date: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int]
    secrecy: Mapped[str] = mapped_column(String(32), default="")
    open_status: Mapped[str] = mapped_column(String(16), default="")
    remarks: Mapped[str] = mapped_column(String(2048), default="")
    persons: Mapped[list] = mapped_column(JSON, default=list)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    item: Mapped[Item] = relationship(back_populates="description")


class Event(Base):
    """Something someone (or the station) did: the source of figures and of the audit trail."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    station: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class SyncOutbox(Base):
    """A committed item waiting to go to the central catalog; written with the commit."""

    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("item_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
