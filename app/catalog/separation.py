"""A separator sheet found among an item's pages starts a new item there.

The sheet itself is recorded (SeparatorSheet, and its page, now in no item) and leaves the item; the pages after it move to
a new item carrying what the sheet's barcode said. Results arrive in any order, and splitting
by the pages' order keys gives the same items whatever the order.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.catalog.events import Actor, record
from app.catalog.models import Item, ItemState, Page, PageState, SeparatorSheet
from app.qc.separators import Separator


def split_at_separator(session: Session, page: Page, separator: Separator, actor: Actor) -> None:
    item = page.item
    earlier = [p for p in item.pages if p.sort_key < page.sort_key]
    later = [p for p in item.pages if p.sort_key > page.sort_key]
    sheet = SeparatorSheet(page_id=page.id, kind=separator.kind, text=separator.text,
                           prefill=separator.prefill)
    if not earlier:
        opened = item  # the sheet leads its item: nothing to split
    elif later or item.state == ItemState.COLLECTING:
        # Pages still to come join the newest item of the group, which is this new one.
        opened = Item(batch_id=item.batch_id, profile=item.profile, group_key=item.group_key,
                      state=item.state, last_page_at=item.last_page_at)
        session.add(opened)
        session.flush()
        for moved in later:
            moved.item = opened
        record(session, actor, "item.split", item_id=item.id, new_item_id=opened.id,
               pages_moved=len(later))
    else:
        opened = None  # a sheet after the last page of a closed item opens nothing
    if opened is not None and separator.prefill:
        opened.prefill = dict(separator.prefill)
    sheet.item_id = opened.id if opened is not None else None
    session.add(sheet)
    page.item = None  # the sheet stays recorded as a page, in no item
    page.state = PageState.SEPARATOR
    session.flush()
    for changed in {item, opened} - {None}:
        session.expire(changed, ["pages"])
        for number, remaining in enumerate(sorted(changed.pages, key=lambda p: p.sort_key), start=1):
            remaining.position = number
    record(session, actor, "page.separator", item_id=item.id, kind=separator.kind, text=separator.text,
           opened_item_id=sheet.item_id)
