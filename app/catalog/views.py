"""Items as plain data for the CLI's ``--json`` output and the GUI's lists."""

from __future__ import annotations

from app.catalog.models import Item


def item_summary(item: Item, *, with_text: bool = True) -> dict:
    """The keys scripts rely on: id, state, archival_code, title, pages, source_files."""
    desc = item.description
    sources: list[str] = []
    for page in item.pages:
        if page.source_file.path not in sources:
            sources.append(page.source_file.path)
    pages = []
    for page in item.pages:
        entry = {"page_id": page.id, "number": page.position, "state": page.state, "source_file": page.source_file.path,
                 "source_page": page.source_index + 1, "flags": page.flags}
        if with_text:
            entry["text"] = page.ocr.text if page.ocr else None
        if page.error:
            entry["error"] = page.error
        entry["checks"] = [{"check": c.check, "value": c.value, "verdict": c.verdict, "message": c.message}
                           for c in page.checks]
        pages.append(entry)
    return {
        "id": item.id,
        "state": item.state,
        "archival_code": desc.archival_code if desc else None,
        "title": desc.title if desc else None,
        "page_count": len(item.pages),
        "pages": pages,
        "source_files": sources,
        "prefill": item.prefill,
        "batch_id": item.batch_id,
        "profile": item.profile,
    }
