"""Image-quality findings written to the catalog: per page, across a batch, across an item."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.catalog.models import Item, Page, PageCheck
from app.config import ImageRules
from app.qc.duplicates import near_duplicates
from app.qc.findings import Finding, PageQc
from app.qc.page_size import check_item


def record_page_qc(session: Session, page: Page, qc: PageQc, ocr_skew: float) -> None:
    """The page's own checks, replacing any earlier run's, and what OCR and the PDF correct."""
    _replace(session, page, [f for f in qc.findings], exclude=("near_duplicate", "page_size"))
    page.phash = f"{qc.phash:016x}"
    page.process_metadata = {**page.process_metadata, "size_mm": qc.size_mm, "skew_deg": qc.skew_deg,
                             "rotation": qc.rotation, "border": qc.border}
    operations = []
    if qc.rotation != page.exif_rotation:
        operations.append({"op": "rotate", "clockwise_degrees": qc.rotation})
    elif qc.rotation:
        operations.append({"op": "rotate", "clockwise_degrees": qc.rotation, "from": "file header"})
    if ocr_skew:
        operations.append({"op": "deskew", "anticlockwise_degrees": -ocr_skew, "by": "placement"})
    page.operations = operations


def record_near_duplicates(session: Session, page: Page) -> None:
    """The same sheet scanned twice in one batch: flagged on both pages, never removed."""
    others = session.execute(
        select(Page.id, Page.position, Page.item_id, Page.phash).join(Item)
        .where(Item.batch_id == page.item.batch_id, Page.id != page.id, Page.phash.is_not(None))
    ).all()
    hashes = [(page.id, int(page.phash, 16))] + [(row.id, int(row.phash, 16)) for row in others]
    where = {row.id: (row.item_id, row.position) for row in others}
    for first, second, distance in near_duplicates(hashes):
        if page.id not in (first, second):
            continue
        other = second if first == page.id else first
        item_id, position = where[other]
        message = (f"looks like the same sheet as item {item_id} page {position} ({distance} bits apart);"
                   " remove one scan if the sheet was scanned twice")
        session.add(PageCheck(page=page, check="near_duplicate", value=distance, verdict="warning",
                              message=message))
        twin = session.get(Page, other)
        session.add(PageCheck(page=twin, check="near_duplicate", value=distance, verdict="warning",
                              message=f"looks like the same sheet as item {page.item_id} page {page.position}"
                                      f" ({distance} bits apart)"))


def record_page_sizes(session: Session, item: Item, rules: ImageRules) -> None:
    """Whether each page has the item's usual sheet size (checked once all pages are in)."""
    pages = list(item.pages)
    summaries = [PageQc(size_mm=tuple(p.process_metadata["size_mm"]) if p.process_metadata.get("size_mm")
                        else None) for p in pages]
    for page, findings in zip(pages, check_item(summaries, rules)):
        _replace(session, page, findings, only="page_size")


def _replace(session: Session, page: Page, findings: list[Finding], *, exclude=(), only: str | None = None):
    query = delete(PageCheck).where(PageCheck.page_id == page.id)
    query = query.where(PageCheck.check == only) if only else query.where(PageCheck.check.not_in(exclude))
    session.execute(query)
    for finding in findings:
        session.add(PageCheck(page=page, check=finding.check, value=finding.value,
                              verdict=finding.verdict, message=finding.message))
