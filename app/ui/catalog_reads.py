"""What the window reads from the catalog beyond ``Workspace.items()``; run on worker threads.

Plain data only (no Qt), so each function can run in a pool and its result cross threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.catalog.description import FIELDS
from app.catalog.models import DescriptionRecord, Item
from app.workspace import Workspace

_VERDICT_ORDER = ("ok", "warning", "error")


@dataclass(frozen=True)
class PageImage:
    number: int
    path: Path
    frame: int  # page within a multi-page file
    rotation: int  # clockwise degrees that show the stored image upright
    verdict: str  # worst of the page's checks: ok | warning | error
    problems: tuple[str, ...]  # messages of the checks that did not pass


@dataclass(frozen=True)
class ItemDetail:
    id: int
    state: str
    pages: tuple[PageImage, ...]
    description: dict | None  # field name -> stored value, None when not described yet
    prefill: dict  # fields read off a separator sheet


def item_detail(workspace: Workspace, item_id: int) -> ItemDetail | None:
    with workspace.catalog.session() as session:
        item = session.get(Item, item_id)
        if item is None:
            return None
        pages = []
        for page in item.pages:
            verdicts = [check.verdict for check in page.checks]
            worst = max(verdicts, key=_VERDICT_ORDER.index, default="ok")
            rotation = page.ocr.rotation if page.ocr else page.exif_rotation
            pages.append(PageImage(page.position, workspace.store.path(page.image_file.relpath), page.frame,
                                   rotation, worst,
                                   tuple(c.message for c in page.checks if c.verdict != "ok")))
        desc = item.description
        values = {spec.name: getattr(desc, spec.name) for spec in FIELDS} if desc else None
        return ItemDetail(item.id, item.state, tuple(pages), values, dict(item.prefill or {}))


def next_item_no(workspace: Workspace, fonds: str, year: str, category: str, retention: str) -> str:
    """One more than the highest 件号 used in this fonds, year, category and retention."""
    with workspace.catalog.session() as session:
        numbers = session.scalars(
            select(DescriptionRecord.item_no).where(
                DescriptionRecord.fonds_code == fonds, DescriptionRecord.year == year,
                DescriptionRecord.category_code == category, DescriptionRecord.retention == retention)
        )
        highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{highest + 1:04d}"


def code_holder(workspace: Workspace, archival_code: str, item_id: int) -> int | None:
    """The other item that already has this 档号 (the column is unique, so this is indexed)."""
    with workspace.catalog.session() as session:
        return session.scalar(select(DescriptionRecord.item_id).where(
            DescriptionRecord.archival_code == archival_code, DescriptionRecord.item_id != item_id))
