"""Full-text search over OCR text and description (SQLite FTS5, trigram tokenizer).

Text is indexed as one run per page: line breaks between two CJK characters are removed (a
Chinese phrase may wrap), other line breaks become spaces. Queries of three or more
characters use the trigram index; shorter ones scan with LIKE.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.ocr.text import is_cjk


def flatten(text: str) -> str:
    """One line of searchable text; CJK runs that wrapped across lines are rejoined."""
    lines = [line.strip() for line in unicodedata.normalize("NFC", text).splitlines()]
    out = ""
    for line in filter(None, lines):
        if out and not (is_cjk(out[-1]) and is_cjk(line[0])):
            out += " "
        out += line
    return out


def normalize_query(query: str) -> str:
    """The query as indexed text would hold it: NFC, no spaces between CJK characters."""
    return flatten(" ".join(query.split()).replace(" ", "\n")) if query.strip() else ""


def index_page(session: Session, item_id: int, page_id: int, text: str) -> None:
    session.execute(sql("DELETE FROM search_text WHERE page_id = :p"), {"p": page_id})
    session.execute(
        sql("INSERT INTO search_text(body, item_id, page_id) VALUES (:b, :i, :p)"),
        {"b": flatten(text), "i": item_id, "p": page_id},
    )


def index_description(session: Session, item_id: int, text: str) -> None:
    session.execute(
        sql("DELETE FROM search_text WHERE item_id = :i AND page_id IS NULL"), {"i": item_id}
    )
    session.execute(
        sql("INSERT INTO search_text(body, item_id, page_id) VALUES (:b, :i, NULL)"),
        {"b": flatten(text), "i": item_id},
    )


def unindex_item(session: Session, item_id: int) -> None:
    session.execute(sql("DELETE FROM search_text WHERE item_id = :i"), {"i": item_id})


@dataclass
class SearchHit:
    item_id: int
    page_ids: list[int] = field(default_factory=list)  # pages whose text matched
    in_description: bool = False


def search(session: Session, query: str, limit: int = 200) -> list[SearchHit]:
    needle = normalize_query(query)
    if not needle:
        return []
    if len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        rows = session.execute(
            sql("SELECT item_id, page_id FROM search_text WHERE search_text MATCH :q ORDER BY rank"),
            {"q": phrase},
        )
    else:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = session.execute(
            sql("SELECT item_id, page_id FROM search_text WHERE body LIKE :q ESCAPE '\\'"),
            {"q": f"%{escaped}%"},
        )
    hits: dict[int, SearchHit] = {}
    for item_id, page_id in rows:
        hit = hits.setdefault(int(item_id), SearchHit(int(item_id)))
        if page_id is None:
            hit.in_description = True
        else:
            hit.page_ids.append(int(page_id))
        if len(hits) > limit:
            break
    return list(hits.values())[:limit]
