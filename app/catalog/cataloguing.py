"""Describing an item and committing it to the catalog.

A commit copies the item's originals and its searchable PDF under names derived from the
archival code (DA/T 31 naming), checks each copy's SHA-256 against the digest recorded at
ingest, and then, in one transaction, records the files, the committed state, the event and
the sync-outbox entry that will carry the item to the central catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.archival_code import ArchivalCodeTemplate, stored_name
from app.catalog.db import Catalog
from app.catalog.description import FIELDS, Description, Problem, normalize_field, validate
from app.catalog.events import Actor, record
from app.catalog.models import (
    DescriptionRecord,
    Item,
    ItemState,
    StoredFile,
    StoredFileKind,
    SyncOutbox,
    utcnow,
)
from app.catalog.search import index_description
from app.catalog.store import FileStore, sha256_of
from app.config import Profile

DESCRIBED_FIELDS = [spec.name for spec in FIELDS]


class CommitRefused(Exception):
    """The item cannot be committed as it is; the message says why and what to do."""


def describe_item(session: Session, item: Item, values: dict, profile: Profile, actor: Actor) -> list[Problem]:
    """Set (or change) the item's description; nothing is saved if there is any error."""
    if item.state == ItemState.COMMITTED:
        return [Problem("item", "committed", f"item {item.id} is committed; its description is frozen",
                        params={"item": item.id})]
    if item.state in (ItemState.EMPTY, ItemState.MERGED):
        return [Problem("item", item.state, _pageless(item), params={"item": item.id})]
    current = _description_of(item)
    if item.description is None:  # a separator sheet's barcode may have given some fields
        current = Description(**{**current.__dict__, **{k: normalize_field(k, v) for k, v in item.prefill.items()}})
    changes = {name: normalize_field(name, value) for name, value in values.items()}
    desc = Description(**{**current.__dict__, **changes})
    if desc.pages is None:
        desc.pages = len(item.pages)
    problems = validate(desc, pages_linked=len(item.pages))
    code = ""
    try:
        code = ArchivalCodeTemplate(profile.archival_code_template).compose(desc)
    except ValueError as exc:
        # the reason is the template's own English text: the interface shows it as it is
        problems.append(Problem("archival_code", "compose", f"档号 archival_code: {exc}"))
    if code:
        holder = session.scalar(
            select(DescriptionRecord).where(DescriptionRecord.archival_code == code,
                                            DescriptionRecord.item_id != item.id)
        )
        if holder is not None:
            problems.append(Problem("archival_code", "duplicate",
                                    f"档号 archival_code: {code} is already used by item {holder.item_id};"
                                    " change 件号 item_no", params={"code": code, "holder": holder.item_id}))
    if any(p.severity == "error" for p in problems):
        return problems

    row = item.description or DescriptionRecord(item_id=item.id)
    for name in DESCRIBED_FIELDS:
        setattr(row, name, getattr(desc, name))
    row.archival_code = code
    item.description = row
    index_description(session, item.id, " ".join([code, desc.title, desc.responsible, desc.doc_no,
                                                    desc.remarks, *desc.persons, *desc.themes]))
    if item.state == ItemState.AWAITING_DESCRIPTION:
        item.state = ItemState.READY
    record(session, actor, "item.described", item_id=item.id, archival_code=code,
           changed=sorted(changes))
    return problems


def _description_of(item: Item) -> Description:
    if item.description is None:
        return Description()
    names = {f.name for f in fields(Description)}
    return Description(**{name: getattr(item.description, name) for name in names})


@dataclass(frozen=True)
class CommitResult:
    archival_code: str
    files: list[str]  # paths relative to the store


def commit_item(catalog: Catalog, store: FileStore, item_id: int, profile: Profile, actor: Actor) -> CommitResult:
    from app.pdf import write_searchable_pdf  # PyMuPDF loads only for commits
    from app.processing import item_metadata, pdf_page_spec

    with catalog.session() as session:
        item = session.get(Item, item_id)
        _check_committable(item)
        desc = item.description
        problems = [p for p in validate(_description_of(item), pages_linked=len(item.pages))
                    if p.severity == "error"]
        if problems:
            raise CommitRefused("; ".join(p.message for p in problems))
        folder = f"archive/{desc.fonds_code}/{desc.year}/{Path(stored_name(desc.archival_code, ext='pdf')).stem}"
        plan = _original_names(item, desc.archival_code)
        pdf_pages = [pdf_page_spec(store, page) for page in item.pages]
        metadata = item_metadata(item)

    written: list[Path] = []
    try:
        copies: list[tuple[str, str, StoredFile]] = []
        for name, original in plan:
            relpath = f"{folder}/{name}"
            blob = store.put_named(store.path(original.relpath), relpath)
            written.append(store.path(relpath))
            if blob.sha256 != original.sha256:
                raise CommitRefused(f"{original.relpath}: its SHA-256 no longer matches the digest taken at"
                                    " ingest; the stored original is damaged, restore it from backup")
            copies.append((relpath, blob.sha256, original))
        pdf_relpath = f"{folder}/{stored_name(desc.archival_code, ext='pdf')}"
        pdf_path = store.path(pdf_relpath)
        write_searchable_pdf(pdf_pages, pdf_path, metadata)
        written.append(pdf_path)

        with catalog.session() as session:
            item = session.get(Item, item_id)
            _check_committable(item)
            files = []
            for relpath, sha, original in copies:
                session.add(StoredFile(kind=StoredFileKind.ARCHIVED, relpath=relpath, sha256=sha,
                                       size=original.size, media_type=original.media_type))
                files.append({"path": relpath, "sha256": sha, "original": original.relpath})
            pdf = StoredFile(kind=StoredFileKind.PDF, relpath=pdf_relpath, sha256=sha256_of(pdf_path),
                             size=pdf_path.stat().st_size, media_type="application/pdf")
            session.add(pdf)
            files.append({"path": pdf_relpath, "sha256": pdf.sha256})
            session.flush()
            item.pdf_file_id = pdf.id
            item.state = ItemState.COMMITTED
            item.committed_at = utcnow()
            session.add(SyncOutbox(item_id=item.id))
            record(session, actor, "item.committed", item_id=item.id,
                   archival_code=item.description.archival_code, files=files)
            return CommitResult(item.description.archival_code, [f["path"] for f in files])
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _check_committable(item: Item | None) -> None:
    if item is None:
        raise CommitRefused("no such item; `lantai items` lists them")
    if item.state == ItemState.COMMITTED:
        raise CommitRefused(f"item {item.id} is already committed")
    if item.state in (ItemState.COLLECTING, ItemState.PROCESSING):
        raise CommitRefused(f"item {item.id} is still being processed (OCR and PDF); wait until"
                            " `lantai items` shows it awaiting description or ready")
    if item.state == ItemState.NEEDS_ATTENTION:
        raise CommitRefused(f"item {item.id} needs attention: a page failed; see `lantai items --json`")
    if item.state in (ItemState.EMPTY, ItemState.MERGED):
        raise CommitRefused(_pageless(item))
    if item.description is None:
        raise CommitRefused(f"item {item.id} has no description; run `lantai describe {item.id} …` first")
    if item.description.pages != len(item.pages):
        raise CommitRefused(f"item {item.id} is described as {item.description.pages} page(s) but has"
                            f" {len(item.pages)} now (pages were moved or binned); run"
                            f" `lantai describe {item.id} --pages {len(item.pages)}` or put the pages back")


def _pageless(item: Item) -> str:
    went = "were merged into another item" if item.state == ItemState.MERGED else "were binned or moved"
    return (f"item {item.id} has no pages (they {went}); there is nothing to describe or commit."
            " Undo the page operation to bring them back")


def _original_names(item: Item, code: str) -> list[tuple[str, StoredFile]]:
    """DA/T 31 names for the item's page images: ``档号-0001.jpg`` per single-page image,
    ``档号.tif`` for a multi-page file (numbered by its first page if there are several)."""
    by_file: dict[int, list] = {}
    for page in item.pages:
        by_file.setdefault(page.image_file_id, []).append(page)
    multi = [pages for pages in by_file.values() if len(pages) > 1]
    plan = []
    for pages in by_file.values():
        image = pages[0].image_file
        ext = Path(image.relpath).suffix.lstrip(".") or "bin"
        if len(pages) > 1 and len(multi) == 1:
            plan.append((stored_name(code, ext=ext), image))
        else:
            plan.append((stored_name(code, pages[0].position, ext=ext), image))
    return plan
