"""One item as the operator's window shows it: its pages, checks, description and suggestions.

Plain data only, so it can be read on a worker thread and handed to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.description import FIELDS
from app.catalog.models import DescriptionRecord, Item
from app.catalog.ocr_rows import ocr_page_from_row
from app.catalog.store import FileStore
from app.catalog.suggestions import Suggestion, suggest

_VERDICT_ORDER = ("ok", "warning", "error")


@dataclass(frozen=True)
class PageImage:
    page_id: int
    number: int
    state: str  # pending | done | failed
    path: Path
    frame: int  # page within a multi-page file
    rotation: int  # clockwise degrees that show the stored image upright
    verdict: str  # worst of the page's checks: ok | warning | error
    problems: tuple[str, ...]  # messages of the checks that did not pass
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemDetail:
    id: int
    state: str
    pages: tuple[PageImage, ...]
    description: dict | None  # field name -> stored value, None when not described yet
    prefill: dict  # fields read off a separator sheet
    suggestions: dict[str, Suggestion]  # read off the first page's OCR: title, date, doc_no, responsible
    batch_id: int = 0
    profile: str = "default"  # the station profile it was scanned under: its rules describe it


def read_item_detail(session: Session, store: FileStore, item_id: int) -> ItemDetail | None:
    item = session.get(Item, item_id)
    if item is None:
        return None
    pages = []
    for page in item.pages:
        worst = max((check.verdict for check in page.checks), key=_VERDICT_ORDER.index, default="ok")
        rotation = page.ocr.rotation if page.ocr else page.exif_rotation
        pages.append(PageImage(page.id, page.position, page.state, store.path(page.image_file.relpath),
                               page.frame, rotation, worst,
                               tuple(c.message for c in page.checks if c.verdict != "ok"), tuple(page.flags)))
    desc = item.description
    values = {spec.name: getattr(desc, spec.name) for spec in FIELDS} if desc else None
    first = item.pages[0] if item.pages else None
    suggestions = suggest(ocr_page_from_row(first.ocr)) if first is not None and first.ocr else {}
    return ItemDetail(item.id, item.state, tuple(pages), values, dict(item.prefill or {}), suggestions,
                      item.batch_id, item.profile)


def next_item_no(session: Session, fonds: str, year: str, category: str, retention: str) -> str:
    """One more than the highest 件号 used in this fonds, year, category and retention."""
    numbers = session.scalars(
        select(DescriptionRecord.item_no).where(
            DescriptionRecord.fonds_code == fonds, DescriptionRecord.year == year,
            DescriptionRecord.category_code == category, DescriptionRecord.retention == retention)
    )
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{highest + 1:04d}"


def code_holder(session: Session, archival_code: str, item_id: int) -> int | None:
    """The other item that already has this 档号 (the column is unique, so this is indexed)."""
    return session.scalar(select(DescriptionRecord.item_id).where(
        DescriptionRecord.archival_code == archival_code, DescriptionRecord.item_id != item_id))
