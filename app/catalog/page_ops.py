"""Page operations on a selection, each undoable: reorder, turn, bin, restore, keep blank, split,
merge, move, re-read, replace.

An operation is a small object that names pages and items by id (ids stay put whatever moves),
so one object can be applied, reverted and applied again. The GUI wraps each in a QUndoCommand
whose redo/undo call ``apply``/``revert`` in a catalog session; ``UndoHistory`` does the same
without Qt. Every call records one event per item it touched, a revert "<action>.undone".

Rules all operations keep:

- Committed items are frozen. Collecting items are left alone too: ingest still adds pages to
  them and numbers their pages by scan order.
- Pages are numbered 1..n after every change, and an item whose pages changed goes back to
  processing so that its PDF is rebuilt (and its pages set pending are read again).
- Nothing is deleted. A binned page leaves its item (no item, state ``binned``) keeping its
  files, OCR and checks; undo or ``RestorePages`` puts it back in its place. An item left with
  no pages is kept, in state ``empty`` (``merged``: its pages went into another item), so undo
  and redo find it again; the processor only looks at processing items, so it leaves it alone.
- Undo puts every page back as it was: item, number, state, flags, turn. Its items go (back) to
  processing rather than to the state they had: the station may already have rebuilt a PDF with
  the change, so the PDF is rebuilt rather than trusted, and the processor then returns the
  item to awaiting description, ready or needs attention, as before.

Turning a page turns its stored OCR with it (rotation, upright size, every word box), so the
rebuilt PDF shows the image turned with each word's box still on its ink, at once and with
nothing to re-read; skew is a turn about the page centre and stays. The text is what it was:
a page that had been read sideways needs reading in its new orientation, and the text layer
lays lines out horizontally. The operator's whole turn of the stored image is kept in
``process_metadata["operator_rotation"]`` for that: re-reading the page (``RerunOcr``) reads it
in that orientation rather than guessing again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.catalog.db import Catalog
from app.catalog.events import Actor, record
from app.catalog.models import Item, ItemState, Page, PageOcr, PageState
from app.catalog.search import index_page

BINNED = PageState.BINNED
EMPTY = ItemState.EMPTY
MERGED = ItemState.MERGED
KEPT_BLANK = "kept_blank"  # page flag: flagged blank by the checks, kept by the operator

# States an item leaves for processing when its pages change: its PDF, if any, no longer shows them.
REBUILT_STATES = {ItemState.AWAITING_DESCRIPTION, ItemState.READY, ItemState.NEEDS_ATTENTION, EMPTY, MERGED}
# Bin records: the events whose "binned" entries say where a page was taken from.
BIN_ACTIONS = ("pages.binned", "page.replaced")


class PageOpRefused(Exception):
    """The operation cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class _PageWas:
    item_id: int | None
    position: int
    state: str
    flags: list


class _Change:
    """What one application of an operation changed, kept so that it can be reverted exactly."""

    def __init__(self, session: Session):
        self.session = session  # the one applying; a revert brings its own
        self.pages_was: dict[int, _PageWas] = {}
        self.items_was: dict[int, str | None] = {}  # None: the item was created by the operation
        self.rebuilt: set[int] = set()  # items whose pages changed
        self.emptied_as: dict[int, str] = {}  # state of an item left without pages
        self.binned: dict[int, list[dict]] = {}  # item id -> where its binned pages were
        self.states_after: dict[int, str] = {}

    # reading, with validation -----------------------------------------------------------

    def item(self, item_id: int) -> Item:
        item = editable_item(self.session, item_id)
        self.items_was.setdefault(item.id, item.state)
        return item

    def created(self, item: Item) -> None:
        self.items_was[item.id] = None

    def pages_of(self, item: Item) -> list[Page]:
        pages = list(self.session.scalars(
            select(Page).where(Page.item_id == item.id).order_by(Page.position, Page.sort_key)
        ))
        for page in pages:
            self.touch(page)
        return pages

    def pages(self, page_ids: Sequence[int]) -> list[Page]:
        """The pages named, in that order; each once, each in an item that may change."""
        if not page_ids:
            raise PageOpRefused("no pages selected")
        if len(set(page_ids)) != len(page_ids):
            raise PageOpRefused(f"pages {list(page_ids)}: a page is named twice")
        return [self.page(page_id) for page_id in page_ids]

    def page(self, page_id: int) -> Page:
        page = self.session.get(Page, page_id)
        if page is None:
            raise PageOpRefused(f"no page {page_id}")
        if page.item_id is None:
            where = "in the bin; restore it first" if page.state == BINNED else "a separator sheet, in no item"
            raise PageOpRefused(f"page {page_id} is {where}")
        self.item(page.item_id)
        self.touch(page)
        return page

    def touch(self, page: Page) -> None:
        self.pages_was.setdefault(page.id, _PageWas(page.item_id, page.position, page.state, list(page.flags)))

    # changing ---------------------------------------------------------------------------

    def lay_out(self, item: Item, pages: list[Page]) -> None:
        """Make ``pages`` the item's pages, in this order."""
        before = [page.id for page in self.pages_of(item)]
        for number, page in enumerate(pages, start=1):
            self.touch(page)
            page.item_id = item.id
            page.position = number
        if [page.id for page in pages] != before:
            self.rebuilt.add(item.id)

    def bin(self, page: Page) -> None:
        """Take the page out of its item (the caller lays the item out without it)."""
        self.binned.setdefault(page.item_id, []).append(
            {"page_id": page.id, "position": page.position, "state": page.state})
        page.item_id = None
        page.state = BINNED

    def settle(self) -> None:
        """Number pages, set the changed items' states, keep search pointing at the right items."""
        self.session.flush()
        for item_id in self.rebuilt:
            item = self.session.get(Item, item_id)
            count = _renumber(self.session, item_id)
            if not count:
                item.state = self.emptied_as.get(item_id, EMPTY)
            elif item.state in REBUILT_STATES:
                item.state = ItemState.PROCESSING
        for page_id, was in self.pages_was.items():
            page = self.session.get(Page, page_id)
            if page.item_id != was.item_id:
                _reindex(self.session, page)
            self.states_after[page_id] = page.state
        _forget_loaded_relations(self.session, self.items_was, self.pages_was)

    def revert(self, session: Session) -> None:
        self.session = session
        for item_id in self.items_was.keys() | {was.item_id for was in self.pages_was.values()} - {None}:
            editable_item(self.session, item_id)
        for page_id, was in self.pages_was.items():
            page = self.session.get(Page, page_id)
            moved = page.item_id != was.item_id
            page.item_id, page.position, page.flags = was.item_id, was.position, list(was.flags)
            if page.state == self.states_after[page_id]:  # else the processor has moved it on
                page.state = was.state
            if moved:
                _reindex(self.session, page)
        self.session.flush()
        for item_id in self.rebuilt:
            item = self.session.get(Item, item_id)
            if _renumber(self.session, item_id):
                item.state = ItemState.PROCESSING
            else:
                item.state = self.items_was[item_id] or MERGED  # a split's new item: merged back
        _forget_loaded_relations(self.session, self.items_was, self.pages_was)


def editable_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise PageOpRefused(f"no item {item_id}")
    if item.state == ItemState.COMMITTED:
        raise PageOpRefused(f"item {item_id} is committed; committed items are frozen")
    if item.state == ItemState.COLLECTING:
        raise PageOpRefused(f"item {item_id} is still receiving pages from the scanner;"
                            " change its pages once it has closed")
    return item


def _renumber(session: Session, item_id: int) -> int:
    pages = session.scalars(select(Page).where(Page.item_id == item_id).order_by(Page.position, Page.sort_key))
    count = 0
    for count, page in enumerate(pages, start=1):
        page.position = count
    return count


def _reindex(session: Session, page: Page) -> None:
    """Search finds a page's text under the item it is in, and not at all in the bin."""
    if page.item_id is not None and page.ocr is not None:
        index_page(session, page.item_id, page.id, page.ocr.text)
    else:
        session.execute(sql("DELETE FROM search_text WHERE page_id = :p"), {"p": page.id})


def _forget_loaded_relations(session: Session, item_ids, page_ids) -> None:
    # Pages were moved by their item_id; relations loaded earlier would still show the old places.
    session.flush()
    for item_id in item_ids:
        session.expire(session.get(Item, item_id), ["pages"])
    for page_id in page_ids:
        session.expire(session.get(Page, page_id), ["item"])


class PageOperation(ABC):
    """One undoable change of pages; subclasses say what in ``_apply``."""

    action: ClassVar[str]
    _change: _Change | None = None

    def apply(self, session: Session, actor: Actor) -> None:
        change = _Change(session)
        self._apply(session, change)
        change.settle()
        self._change = change
        self._record(session, actor, self.action)

    def revert(self, session: Session, actor: Actor) -> None:
        if self._change is None:
            raise PageOpRefused(f"{self.action}: nothing to undo, it was not applied")
        self._revert(session, self._change)
        self._record(session, actor, f"{self.action}.undone")
        self._change = None

    @abstractmethod
    def _apply(self, session: Session, change: _Change) -> None: ...

    def _revert(self, session: Session, change: _Change) -> None:
        change.revert(session)

    def details(self) -> dict[str, Any]:
        return asdict(self)

    def _record(self, session: Session, actor: Actor, action: str) -> None:
        for item_id in sorted(self._change.items_was):
            binned = self._change.binned.get(item_id)
            record(session, actor, action, item_id=item_id, operation=self.details(),
                   **({"binned": binned} if binned else {}))


@dataclass
class ReorderPages(PageOperation):
    """Put an item's pages in a new order (a drag, or a key that moves the selection)."""

    item_id: int
    page_ids: list[int]  # every page of the item, in the new order
    action: ClassVar[str] = "pages.reordered"

    def _apply(self, session: Session, change: _Change) -> None:
        item = change.item(self.item_id)
        pages = {page.id: page for page in change.pages_of(item)}
        if sorted(self.page_ids) != sorted(pages):
            raise PageOpRefused(f"the new order must name each of item {item.id}'s {len(pages)} pages"
                                f" once: {sorted(pages)}")
        change.lay_out(item, [pages[page_id] for page_id in self.page_ids])


@dataclass
class RotatePages(PageOperation):
    """Turn pages by quarter turns clockwise (negative: anticlockwise); see the module's note."""

    page_ids: list[int]
    quarter_turns: int
    action: ClassVar[str] = "pages.rotated"
    # page id -> its metadata and operations before the turn, and its OCR rotation after it
    _was: dict[int, tuple[dict, list, int]] = field(default_factory=dict, init=False, repr=False)

    def _apply(self, session: Session, change: _Change) -> None:
        degrees = self.quarter_turns % 4 * 90
        if not degrees:
            raise PageOpRefused("a turn by whole turns leaves the pages as they are")
        self._was = {}
        for page in change.pages(self.page_ids):
            if page.has_text:
                raise PageOpRefused(f"page {page.id} is a scanner PDF page with its own text, copied into"
                                    " the PDF as it is; it cannot be turned here")
            if page.ocr is None:
                raise PageOpRefused(f"page {page.id} has not been read yet ({page.state});"
                                    " turn it once its OCR is done")
            metadata, operations = dict(page.process_metadata), list(page.operations)
            _turn_ocr(page.ocr, degrees)
            size = metadata.get("size_mm")
            page.process_metadata = {**metadata, "operator_rotation": page.ocr.rotation,
                                     **({"size_mm": size[::-1]} if size and degrees != 180 else {})}
            page.operations = [*operations, {"op": "rotate", "clockwise_degrees": degrees, "by": "operator"}]
            self._was[page.id] = (metadata, operations, page.ocr.rotation)
            change.rebuilt.add(page.item_id)

    def _revert(self, session: Session, change: _Change) -> None:
        change.revert(session)
        for page_id, (metadata, operations, rotation) in self._was.items():
            page = session.get(Page, page_id)
            if page.ocr is None or page.ocr.rotation != rotation:
                continue  # read again since: that reading is the page's OCR now
            _turn_ocr(page.ocr, -self.quarter_turns % 4 * 90)
            page.process_metadata, page.operations = metadata, operations

    def details(self) -> dict[str, Any]:
        return {"page_ids": self.page_ids, "quarter_turns": self.quarter_turns}


def _turn_ocr(ocr: PageOcr, degrees: int) -> None:
    """Turn a page's reading clockwise with its image: boxes, upright size and rotation.

    Boxes are whole pixels, so turning back gives exactly the boxes there were. The levelling
    turn (skew) is about the page centre and stays as it is.
    """
    width, height = ocr.width, ocr.height
    words = []
    for text, left, top, right, bottom, *rest in ocr.words:
        box = {
            90: (height - bottom, left, height - top, right),
            180: (width - right, height - bottom, width - left, height - top),
            270: (top, width - right, bottom, width - left),
        }[degrees]
        words.append([text, *box, *rest])
    ocr.words = words
    if degrees != 180:
        ocr.width, ocr.height = height, width
    ocr.rotation = (ocr.rotation + degrees) % 360


@dataclass
class DeletePages(PageOperation):
    """Move pages to the bin; their items may be left with no pages (state ``empty``)."""

    page_ids: list[int]
    action: ClassVar[str] = "pages.binned"

    def _apply(self, session: Session, change: _Change) -> None:
        pages = change.pages(self.page_ids)
        for item_id in {page.item_id for page in pages}:
            item = change.item(item_id)
            change.lay_out(item, [page for page in change.pages_of(item) if page.id not in self.page_ids])
        for page in pages:
            change.bin(page)


@dataclass
class RestorePages(PageOperation):
    """Take pages out of the bin, back to the item and place they were binned from."""

    page_ids: list[int]
    action: ClassVar[str] = "pages.restored"

    def _apply(self, session: Session, change: _Change) -> None:
        if len(set(self.page_ids)) != len(self.page_ids) or not self.page_ids:
            raise PageOpRefused(f"pages {self.page_ids}: name each page in the bin once")
        places: dict[int, list[tuple[int, Page, str]]] = {}
        for page_id in self.page_ids:
            page = session.get(Page, page_id)
            if page is None or page.state != BINNED:
                raise PageOpRefused(f"page {page_id} is not in the bin")
            place = bin_record(session, page_id)
            places.setdefault(place.item_id, []).append((place.position, page, place.state))
        for item_id, restored in places.items():
            item = change.item(item_id)
            pages = change.pages_of(item)
            for position, page, state in sorted(restored, key=lambda place: place[0]):
                change.touch(page)
                pages.insert(position - 1, page)
                page.state = state
            change.lay_out(item, pages)


class BinRecord(NamedTuple):
    item_id: int
    position: int
    state: str
    event_id: int  # the event that binned the page: who and when


def bin_record(session: Session, page_id: int) -> BinRecord:
    """Item, number and state a binned page had, from the newest event that binned it."""
    row = session.execute(sql(
        "SELECT event.item_id, json_extract(binned.value, '$.position'), json_extract(binned.value, '$.state'),"
        " event.id FROM event, json_each(event.details, '$.binned') AS binned"
        f" WHERE event.action IN ({', '.join(repr(action) for action in BIN_ACTIONS)})"
        " AND json_extract(binned.value, '$.page_id') = :page ORDER BY event.id DESC LIMIT 1"
    ), {"page": page_id}).first()
    if row is None:
        raise PageOpRefused(f"page {page_id}: no record of where it was binned from; move it with MovePages")
    return BinRecord(*row)


@dataclass
class KeepBlank(PageOperation):
    """Keep pages the checks flagged blank: the operator says the blank side belongs there."""

    page_ids: list[int]
    action: ClassVar[str] = "pages.kept_blank"

    def _apply(self, session: Session, change: _Change) -> None:
        for page in change.pages(self.page_ids):
            if not any(check.check == "blank" and check.verdict == "warning" for check in page.checks):
                raise PageOpRefused(f"page {page.id} is not flagged blank; only a flagged page is kept as blank")
            if KEPT_BLANK not in page.flags:
                page.flags = [*page.flags, KEPT_BLANK]


@dataclass
class SplitItem(PageOperation):
    """Pages from ``at_page_id`` on become a new item of the same batch, profile and group."""

    item_id: int
    at_page_id: int
    action: ClassVar[str] = "item.split"
    new_item_id: int | None = field(default=None, init=False)  # kept, so a redo refills the same item

    def _apply(self, session: Session, change: _Change) -> None:
        item = change.item(self.item_id)
        pages = change.pages_of(item)
        ids = [page.id for page in pages]
        if self.at_page_id not in ids:
            raise PageOpRefused(f"page {self.at_page_id} is not in item {item.id}")
        cut = ids.index(self.at_page_id)
        if cut == 0:
            raise PageOpRefused(f"page {self.at_page_id} is item {item.id}'s first page: a split there"
                                " leaves nothing behind")
        new = session.get(Item, self.new_item_id) if self.new_item_id else None
        if new is None:
            new = Item(batch_id=item.batch_id, profile=item.profile, group_key=item.group_key,
                       state=ItemState.PROCESSING, last_page_at=item.last_page_at)
            session.add(new)
            session.flush()
            self.new_item_id = new.id
            change.created(new)
        elif change.pages_of(change.item(new.id)):
            raise PageOpRefused(f"item {new.id}, split off before, has pages again; split anew")
        change.lay_out(item, pages[:cut])
        change.lay_out(new, pages[cut:])


@dataclass
class MergeItems(PageOperation):
    """Append the sources' pages, in order, to the target; the sources stay, ``merged``."""

    target_item_id: int
    source_item_ids: list[int]
    action: ClassVar[str] = "items.merged"

    def _apply(self, session: Session, change: _Change) -> None:
        if self.target_item_id in self.source_item_ids or len(set(self.source_item_ids)) != len(self.source_item_ids):
            raise PageOpRefused("name the target once and each other item once")
        if not self.source_item_ids:
            raise PageOpRefused("no items to merge into the target")
        target = change.item(self.target_item_id)
        pages = change.pages_of(target)
        for source_id in self.source_item_ids:
            source = change.item(source_id)
            _same_profile(target, source)
            source_pages = change.pages_of(source)
            if not source_pages:
                raise PageOpRefused(f"item {source_id} has no pages to merge")
            pages += source_pages
            change.lay_out(source, [])
            change.emptied_as[source_id] = MERGED
        change.lay_out(target, pages)


@dataclass
class MovePages(PageOperation):
    """Move pages, in the order named, into an item; the first lands at ``position``, counted
    among the item's other pages (1 to their number + 1)."""

    page_ids: list[int]
    to_item_id: int
    position: int
    action: ClassVar[str] = "pages.moved"

    def _apply(self, session: Session, change: _Change) -> None:
        target = change.item(self.to_item_id)
        moved = change.pages(self.page_ids)
        for item_id in {page.item_id for page in moved} - {target.id}:
            source = change.item(item_id)
            _same_profile(target, source)
            change.lay_out(source, [page for page in change.pages_of(source) if page.id not in self.page_ids])
        others = [page for page in change.pages_of(target) if page.id not in self.page_ids]
        if not 1 <= self.position <= len(others) + 1:
            raise PageOpRefused(f"position {self.position} is outside item {target.id}:"
                                f" give 1 to {len(others) + 1}")
        cut = self.position - 1
        change.lay_out(target, others[:cut] + moved + others[cut:])


def shifted(session: Session, page_ids: Sequence[int], offset: int) -> MovePages:
    """The pages moved ``offset`` places within their item (a key press; negative: earlier)."""
    order = _item_order(session, page_ids)
    chosen = [page_id for page_id in order if page_id in page_ids]
    others = [page_id for page_id in order if page_id not in page_ids]
    before = order.index(chosen[0])  # pages ahead of the first chosen, none of them chosen
    position = max(1, min(len(others) + 1, before + 1 + offset))
    if others[:position - 1] + chosen + others[position - 1:] == order:
        raise PageOpRefused("the pages are already at the " + ("start" if offset < 0 else "end") + " of the item")
    return MovePages(chosen, session.get(Page, chosen[0]).item_id, position)


def appended(session: Session, page_ids: Sequence[int], item_id: int, *, first: bool = False) -> MovePages:
    """The pages moved, in their order, to the start or the end of another item."""
    order = _item_order(session, page_ids)
    chosen = [page_id for page_id in order if page_id in page_ids]
    count = session.scalar(select(func.count()).select_from(Page).where(Page.item_id == item_id))
    return MovePages(chosen, item_id, 1 if first else count + 1)


def placed_before(session: Session, page_ids: Sequence[int], before_page_id: int | None) -> MovePages:
    """The pages moved, in their order, in front of another page of their item (a drop);
    ``None``: to the end."""
    order = _item_order(session, page_ids)
    chosen = [page_id for page_id in order if page_id in page_ids]
    others = [page_id for page_id in order if page_id not in page_ids]
    if before_page_id in page_ids:
        raise PageOpRefused("the pages were dropped on themselves")
    position = others.index(before_page_id) + 1 if before_page_id in others else len(others) + 1
    return MovePages(chosen, session.get(Page, chosen[0]).item_id, position)


def _item_order(session: Session, page_ids: Sequence[int]) -> list[int]:
    """Every page id of the item the first named page is in, in page order."""
    page = session.get(Page, page_ids[0]) if page_ids else None
    if page is None or page.item_id is None:
        raise PageOpRefused("select pages of an item first")
    return list(session.scalars(select(Page.id).where(Page.item_id == page.item_id)
                                .order_by(Page.position, Page.sort_key)))


@dataclass
class RerunOcr(PageOperation):
    """Read pages again: they go back to pending, and the processor picks them up."""

    page_ids: list[int]
    action: ClassVar[str] = "pages.ocr_requested"

    def _apply(self, session: Session, change: _Change) -> None:
        for page in change.pages(self.page_ids):
            page.state = PageState.PENDING
            page.error = None
            change.rebuilt.add(page.item_id)


@dataclass
class ReplacePage(PageOperation):
    """A rescan takes a page's place: the old page goes to the bin, the new one (which arrived
    as an item of its own, or anywhere else) takes its item and number."""

    page_id: int
    with_page_id: int
    action: ClassVar[str] = "page.replaced"

    def _apply(self, session: Session, change: _Change) -> None:
        if self.page_id == self.with_page_id:
            raise PageOpRefused(f"page {self.page_id} cannot replace itself")
        old, new = change.page(self.page_id), change.page(self.with_page_id)
        item = change.item(old.item_id)
        if new.item_id != item.id:
            source = change.item(new.item_id)
            _same_profile(item, source)
            change.lay_out(source, [page for page in change.pages_of(source) if page.id != new.id])
        change.lay_out(item, [new if page.id == old.id else page for page in change.pages_of(item) if page.id != new.id])
        change.bin(old)


def _same_profile(target: Item, source: Item) -> None:
    if source.profile != target.profile:
        raise PageOpRefused(f"item {source.id} is of profile {source.profile!r} and item {target.id} of"
                            f" {target.profile!r}: their pages are read and named by different rules")


class UndoHistory:
    """Apply, undo and redo operations, each in its own catalog session (the core's
    QUndoStack; the GUI may use a QUndoStack of commands calling ``apply``/``revert`` instead)."""

    def __init__(self, catalog: Catalog, actor: Actor, limit: int = 100):
        self.catalog = catalog
        self.actor = actor
        self._done: deque[PageOperation] = deque(maxlen=limit)
        self._undone: list[PageOperation] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def do(self, operation: PageOperation) -> None:
        with self.catalog.session() as session:
            operation.apply(session, self.actor)
        self._done.append(operation)
        self._undone.clear()

    def undo(self) -> PageOperation:
        """Revert the newest operation; refused (and kept) if its items cannot change now."""
        if not self._done:
            raise PageOpRefused("nothing to undo")
        with self.catalog.session() as session:
            self._done[-1].revert(session, self.actor)
        self._undone.append(self._done.pop())
        return self._undone[-1]

    def redo(self) -> PageOperation:
        if not self._undone:
            raise PageOpRefused("nothing to redo")
        with self.catalog.session() as session:
            self._undone[-1].apply(session, self.actor)
        self._done.append(self._undone.pop())
        return self._done[-1]
