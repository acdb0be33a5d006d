"""What Alembic's autogenerate compares: everything but the hand-made FTS5 index."""

from __future__ import annotations


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    # The FTS5 index and its shadow tables are created by hand in 0001; autogenerate
    # must not take them for tables to drop.
    return not (type_ == "table" and name.startswith("search_text"))
