"""One data directory opened for work: settings, catalog, file store and who is acting.

The CLI and the GUI both go through this facade, so each operation is written once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.catalog import attention
from app.catalog.bin import binned_pages
from app.catalog.cataloguing import CommitResult, commit_item, describe_item
from app.catalog.db import Catalog
from app.catalog.details import ItemDetail, code_holder, next_item_no, read_item_detail
from app.catalog.description import Problem
from app.catalog.events import Actor, record
from app.catalog.page_ops import PageOperation
from app.catalog.models import Batch, Item, Page, PageCheck, PageOcr, SourceFile
from app.catalog.progress import batch_progress
from app.catalog.search import search
from app.catalog.store import FileStore
from app.catalog.views import item_summary
from app.config import Profile, Settings, SettingsError, changed_keys, load_settings, save_settings
from app.paths import DataLayout, resolve_data_dir
from app.qc.report import AcceptanceRow


class WorkspaceError(Exception):
    """An operation the user asked for cannot be done; the message says why and what to do."""


@dataclass
class Workspace:
    layout: DataLayout
    settings: Settings
    profile: Profile
    catalog: Catalog
    store: FileStore
    actor: Actor

    @classmethod
    def open(cls, data_dir: str | os.PathLike | None = None, *, profile: str | None = None) -> Workspace:
        layout = DataLayout(resolve_data_dir(data_dir))
        try:
            layout.create()
        except OSError as exc:
            raise WorkspaceError(f"cannot use data directory {layout.root}: {exc.strerror};"
                                 " choose another with --data-dir") from exc
        settings = load_settings(layout.settings)
        operator = os.environ.get("LANTAI_OPERATOR") or settings.operator
        return cls(layout, settings, settings.profile(profile), Catalog.open(layout.database),
                   FileStore(layout.store), Actor(operator, settings.station))

    @staticmethod
    def settings_only(data_dir: str | os.PathLike | None = None) -> Settings:
        return load_settings(DataLayout(resolve_data_dir(data_dir)).settings)

    def save_settings(self, settings: Settings) -> list[str]:
        """Write the station's settings file and record what changed (the keys, returned).

        This workspace keeps the settings it was opened with: a running station and the
        window's forms use them until Lantai is restarted.
        """
        try:
            before = load_settings(self.layout.settings)
        except SettingsError:  # unreadable: saving replaces it (its .bak keeps it)
            before = None
        changed = changed_keys(before or self.settings, settings)
        if not changed and before is not None and self.layout.settings.exists():
            return []  # nothing to write: the file and its backup stay as they are
        save_settings(settings, self.layout.settings)
        if changed:
            with self.catalog.session() as session:
                record(session, self.actor, "settings.changed", changed=changed)
        return changed

    def watched_folders(self) -> list[Path]:
        """The profile's watched folders; the data directory's inbox when it names none, so a
        fresh install has somewhere to drop scans."""
        return list(self.profile.watch) or [self.layout.inbox]

    def items(self, *, state: str | None = None, with_text: bool = True) -> list[dict]:
        # Loaded up front, a statement each, all that item_summary reads: lazy loading would
        # cost statements per item, and the GUI lists every item every few seconds. A page's
        # OCR words (the bulk of the catalog) are never needed here: only its text, and only
        # when asked for.
        pages = selectinload(Item.pages)
        options = [selectinload(Item.description), pages.selectinload(Page.source_file),
                   pages.selectinload(Page.checks)]
        if with_text:
            options.append(pages.selectinload(Page.ocr).load_only(PageOcr.text))
        with self.catalog.session() as session:
            query = select(Item).options(*options).order_by(Item.id)
            if state:
                query = query.where(Item.state == state)
            return [item_summary(item, with_text=with_text) for item in session.scalars(query)]

    def item_detail(self, item_id: int) -> ItemDetail | None:
        with self.catalog.session() as session:
            return read_item_detail(session, self.store, item_id)

    def next_item_no(self, fonds: str, year: str, category: str, retention: str) -> str:
        with self.catalog.session() as session:
            return next_item_no(session, fonds, year, category, retention)

    def code_holder(self, archival_code: str, item_id: int) -> int | None:
        with self.catalog.session() as session:
            return code_holder(session, archival_code, item_id)

    def search(self, query: str) -> list[dict]:
        with self.catalog.session() as session:
            results = []
            for hit in search(session, query):
                item = session.get(Item, hit.item_id)
                if item is None:
                    continue
                hit_ids = set(hit.page_ids)
                positions = sorted(page.position for page in item.pages if page.id in hit_ids)
                results.append({**item_summary(item), "hit_pages": positions})
            return results

    def acceptance_rows(self, batch_id: int | None = None) -> tuple[int, list[AcceptanceRow]]:
        """Every recorded check of a batch's pages (the newest batch by default)."""
        with self.catalog.session() as session:
            if batch_id is None:
                batch_id = session.scalar(select(func.max(Batch.id)))
            if batch_id is None or session.get(Batch, batch_id) is None:
                raise WorkspaceError(f"no batch {batch_id or ''} to report on; ingest some scans first".replace("  ", " "))
            query = (
                select(PageCheck, Page, SourceFile).join(Page, PageCheck.page_id == Page.id)
                .join(Item, Page.item_id == Item.id).join(SourceFile, Page.source_file_id == SourceFile.id)
                .where(Item.batch_id == batch_id).order_by(SourceFile.path, Page.source_index, PageCheck.id)
            )
            rows = [AcceptanceRow(source.path, page.source_index + 1, check.check, check.value, check.verdict,
                                  check.message) for check, page, source in session.execute(query)]
            return batch_id, rows

    # Page operations: each runs in its own transaction, so an undo stack can replay them.

    def apply_page_op(self, build: Callable[[Session], PageOperation]) -> PageOperation:
        """Build an operation from the catalog as it is now, and apply it. Building it here, not
        from what a window last showed, lets operations queued in quick succession each see the
        result of the one before."""
        with self.catalog.session() as session:
            operation = build(session)
            operation.apply(session, self.actor)
        return operation

    def revert_page_op(self, operation: PageOperation) -> PageOperation:
        with self.catalog.session() as session:
            operation.revert(session, self.actor)
        return operation

    def reapply_page_op(self, operation: PageOperation) -> PageOperation:
        with self.catalog.session() as session:
            operation.apply(session, self.actor)
        return operation

    # The bin
    def binned_pages(self) -> list[dict]:
        """Pages in the bin, newest first, with where each came from and whether it can go back."""
        with self.catalog.session() as session:
            return binned_pages(session)

    def describe(self, item_id: int, values: dict) -> list[Problem]:
        with self.catalog.session() as session:
            item = self._item(session, item_id)
            return describe_item(session, item, values, self.profile_named(item.profile), self.actor)

    def commit(self, item_id: int) -> CommitResult:
        with self.catalog.session() as session:
            profile = self.profile_named(self._item(session, item_id).profile)
        return commit_item(self.catalog, self.store, item_id, profile, self.actor)

    def profile_named(self, name: str) -> Profile:
        """An item is described by the rules of the profile it was scanned under (its 档号
        template above all), whichever profile the station runs now; one since removed from
        the settings falls back to the current one."""
        return self.settings.profiles.get(name, self.profile)

    def switch_profile(self, name: str) -> Profile:
        """The profile new scans are taken in with; the caller restarts the station."""
        try:
            self.profile = self.settings.profile(name)
        except SettingsError as exc:
            raise WorkspaceError(str(exc)) from exc
        return self.profile

    @staticmethod
    def _item(session, item_id: int) -> Item:
        item = session.get(Item, item_id)
        if item is None:
            raise WorkspaceError(f"no item {item_id}; `lantai items` lists them")
        return item

    # Needs attention
    def attention_list(self) -> list[dict]:
        """Rejected files, failed pages and stuck items, with the reason and when."""
        with self.catalog.session() as session:
            return attention.attention_list(session)

    def retry(self, kind: str, entry_id: int) -> attention.RetryOutcome:
        return attention.retry(self.catalog, self.store, self.settings, self.actor, kind, entry_id)

    def batch_progress(self) -> list[dict]:
        """Pages read and items finished per batch still at work (and the newest finished one)."""
        with self.catalog.session() as session:
            return batch_progress(session)
