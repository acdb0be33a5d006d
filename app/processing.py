"""Turning ingested pages into OCR text and items into searchable PDFs.

What is left to do is read from the catalog on every tick (pages ``pending``, items
``processing``), so a restarted station simply carries on. OCR runs in worker processes, one
page per core; the results are written here, on the one thread that writes the catalog.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from app.catalog.attention import naming_the_scan
from app.catalog.db import Catalog
from app.catalog.events import Actor, record
from app.catalog.models import (
    Item,
    ItemState,
    Page,
    PageOcr,
    PageState,
    SeparatorSheet,
    StoredFile,
    StoredFileKind,
)
from app.catalog.ocr_rows import ocr_page_from_row, ocr_page_to_row
from app.catalog.search import index_page
from app.catalog.store import FileStore, sha256_of
from app.config import Settings
from app.catalog.quality import record_near_duplicates, record_page_qc, record_page_sizes
from app.catalog.separation import split_at_separator
from app.imaging.pageinfo import PageInfo
from app.imaging.pdfsource import pdf_page_text
from app.ocr.engine import OcrPage
from app.ocr.pool import OcrPool
from app.pagework import PageResult, PageWork, process_page
from app.pdf import PdfMetadata, PdfPage, write_searchable_pdf

log = logging.getLogger("lantai.processing")

# Physical size of a page whose file records no resolution (the page is flagged "no_dpi").
ASSUMED_DPI = 300.0


@dataclass(frozen=True)
class Progress:
    """One step of work done, for the station's output and the GUI's status bar."""

    kind: str  # page_done | page_failed | item_ready | item_failed
    item_id: int
    page: int | None = None
    message: str = ""
    details: dict = field(default_factory=dict)


class Processor:
    def __init__(
        self,
        catalog: Catalog,
        store: FileStore,
        settings: Settings,
        actor: Actor,
        pool: OcrPool,
        report: Callable[[Progress], None] = lambda progress: None,
    ):
        self.catalog = catalog
        self.store = store
        self.settings = settings
        self.actor = actor
        self.pool = pool
        self.report = report
        self._ocr: dict[Future, int] = {}
        self._pdf_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lantai-pdf")
        self._pdf: dict[Future, tuple[int, tuple[int, ...], Path]] = {}
        # keep every core busy, but don't queue the whole backlog (a restart re-reads it)
        self._max_in_flight = 2 * pool.workers

    def tick(self) -> bool:
        """Do what can be done now; True while work is outstanding."""
        self._collect_ocr()
        self._submit_ocr()
        self._collect_pdfs()
        self._start_pdfs()
        return bool(self._ocr or self._pdf or self._pending_work())

    def run_until_idle(self, poll: float = 0.05) -> None:
        while self.tick():
            time.sleep(poll)

    def close(self) -> None:
        self._pdf_writer.shutdown(wait=True)

    # OCR -------------------------------------------------------------------------------

    def _submit_ocr(self) -> None:
        room = self._max_in_flight - len(self._ocr)
        if room <= 0:
            return
        busy = set(self._ocr.values())
        with self.catalog.session() as session:
            query = (
                select(Page).where(Page.state == PageState.PENDING, Page.id.not_in(busy))
                .order_by(Page.item_id, Page.position).limit(room)
            )
            for page in session.scalars(query):
                path = self.store.path(page.image_file.relpath)
                if page.has_text:
                    self._save_ocr(session, page, pdf_page_text(path, page.frame))
                    continue
                profile = self.settings.profile(page.item.profile)
                work = PageWork(
                    image=path, frame=page.frame, info=page_info(page), languages=profile.ocr_languages,
                    rules=profile.image_rules, archival_code_template=profile.archival_code_template,
                    operator_rotation=page.process_metadata.get("operator_rotation"),
                )
                self._ocr[self.pool.run(process_page, work)] = page.id

    def _collect_ocr(self) -> None:
        done = [future for future in self._ocr if future.done()]
        if not done:
            return
        with self.catalog.session() as session:
            for future in done:
                page = session.get(Page, self._ocr.pop(future))
                if page is None or page.state != PageState.PENDING:
                    continue  # the page was removed or redone meanwhile: a stale result
                try:
                    self._save_result(session, page, future.result())
                except Exception as exc:  # the page, not the station, failed
                    scan = page.source_file.path
                    log.exception("OCR failed for page %s (%s)", page.id, scan)
                    page.state = PageState.FAILED
                    page.error = naming_the_scan(f"OCR failed: {exc}", page.image_file.relpath, scan)
                    record(session, self.actor, "page.ocr_failed", item_id=page.item_id,
                           page_id=page.id, error=page.error)
                    self.report(Progress("page_failed", page.item_id, page.position, page.error))

    def _save_result(self, session, page: Page, result: PageResult) -> None:
        if result.separator is not None:
            split_at_separator(session, page, result.separator, self.actor)
            self.report(Progress("separator", page.item_id, message=result.separator.text,
                                 details={"kind": result.separator.kind, "prefill": result.separator.prefill}))
            return
        record_page_qc(session, page, result.qc, result.ocr.skew)
        record_near_duplicates(session, page)
        self._save_ocr(session, page, result.ocr)

    def _save_ocr(self, session, page: Page, ocr: OcrPage) -> None:
        session.merge(PageOcr(page_id=page.id, **ocr_page_to_row(ocr)))
        page.state = PageState.DONE
        page.error = None
        index_page(session, page.item_id, page.id, ocr.text)
        record(session, self.actor, "page.ocr_done", item_id=page.item_id, page_id=page.id,
               engine=ocr.engine, confidence=round(ocr.mean_confidence, 1), rotation=ocr.rotation)
        self.report(Progress("page_done", page.item_id, page.position,
                             details={"confidence": round(ocr.mean_confidence, 1)}))

    # PDF -------------------------------------------------------------------------------

    def _start_pdfs(self) -> None:
        building = {item_id for item_id, _, _ in self._pdf.values()}
        # Asked every tick, so only items whose pages are all read are loaded: a batch still
        # being read costs one query, not every item with all its pages.
        pending = exists().where(Page.item_id == Item.id, Page.state == PageState.PENDING)
        with self.catalog.session() as session:
            items = session.scalars(
                select(Item).where(Item.state == ItemState.PROCESSING, Item.id.not_in(building), ~pending)
                .options(selectinload(Item.pages))
            ).all()
            for item in items:
                if not item.pages:  # it held only a separator sheet, which is recorded apart
                    record(session, self.actor, "item.removed_empty", item_id=item.id)
                    for sheet in session.scalars(select(SeparatorSheet).where(SeparatorSheet.item_id == item.id)):
                        sheet.item_id = None
                    session.delete(item)
                    continue
                if PageState.FAILED in {page.state for page in item.pages}:
                    item.state = ItemState.NEEDS_ATTENTION
                    record(session, self.actor, "item.needs_attention", item_id=item.id)
                    self.report(Progress("item_failed", item.id, message="a page failed OCR"))
                    continue
                record_page_sizes(session, item, self.settings.profile(item.profile).image_rules)
                pages = [pdf_page_spec(self.store, page) for page in item.pages]
                out = self.store.path(f"derived/item-{item.id}.pdf")
                out.parent.mkdir(parents=True, exist_ok=True)
                snapshot = tuple(page.id for page in item.pages)
                future = self._pdf_writer.submit(write_searchable_pdf, pages, out, item_metadata(item))
                self._pdf[future] = (item.id, snapshot, out)

    def _collect_pdfs(self) -> None:
        done = [future for future in self._pdf if future.done()]
        for future in done:
            item_id, snapshot, out = self._pdf.pop(future)
            with self.catalog.session() as session:
                item = session.get(Item, item_id)
                current = tuple(page.id for page in item.pages)
                if item.state != ItemState.PROCESSING or current != snapshot:
                    continue  # pages changed while the PDF was written: the next tick rebuilds
                try:
                    future.result()
                except Exception as exc:
                    log.exception("PDF assembly failed for item %s", item_id)
                    item.state = ItemState.NEEDS_ATTENTION
                    record(session, self.actor, "item.pdf_failed", item_id=item_id, error=str(exc))
                    self.report(Progress("item_failed", item_id, message=f"PDF assembly failed: {exc}"))
                    continue
                relpath = out.relative_to(self.store.root).as_posix()
                stored = session.scalar(select(StoredFile).where(StoredFile.relpath == relpath))
                if stored is None:
                    stored = StoredFile(kind=StoredFileKind.PDF, relpath=relpath, media_type="application/pdf",
                                        sha256="", size=0)
                    session.add(stored)
                stored.sha256 = sha256_of(out)
                stored.size = out.stat().st_size
                session.flush()
                item.pdf_file_id = stored.id
                item.state = ItemState.READY if item.description else ItemState.AWAITING_DESCRIPTION
                record(session, self.actor, "item.pdf_built", item_id=item_id, pages=len(current),
                       sha256=stored.sha256)
                self.report(Progress("item_ready", item_id, message=item.state,
                                     details={"pages": len(current)}))

    def _pending_work(self) -> bool:
        with self.catalog.session() as session:
            pending_page = session.scalar(select(Page.id).where(Page.state == PageState.PENDING).limit(1))
            processing = session.scalar(select(Item.id).where(Item.state == ItemState.PROCESSING).limit(1))
            return pending_page is not None or processing is not None


def page_info(page: Page) -> PageInfo:
    """What the checks need to know of a page, as recorded at ingest."""
    dpi = (page.dpi_x, page.dpi_y or page.dpi_x) if page.dpi_x else None
    return PageInfo(index=page.source_index, width=page.width, height=page.height, dpi=dpi, mode=page.mode,
                    media_type=page.media_type, compression=page.process_metadata.get("compression"),
                    exif_rotation=page.exif_rotation, has_text=page.has_text)


def pdf_page_spec(store: FileStore, page: Page) -> PdfPage:
    """How a catalogued page goes into a searchable PDF."""
    path = store.path(page.image_file.relpath)
    ocr = ocr_page_from_row(page.ocr)
    if page.has_text:
        return PdfPage(image=path, dpi=(72.0, 72.0), ocr=ocr, source_pdf=(path, page.frame))
    dpi = (page.dpi_x or ASSUMED_DPI, page.dpi_y or page.dpi_x or ASSUMED_DPI)
    return PdfPage(image=path, dpi=dpi, frame=page.frame, rotation=ocr.rotation, ocr=ocr)


def item_metadata(item: Item) -> PdfMetadata:
    desc = item.description
    if desc is None:
        return PdfMetadata()
    return PdfMetadata(title=desc.title, author=desc.responsible, subject=desc.doc_no,
                       keywords=" ".join([*desc.themes, *desc.persons]), archival_code=desc.archival_code)
