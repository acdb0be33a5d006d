"""Alembic environment: run against the connection the catalog hands over."""

from __future__ import annotations

from alembic import context

from app.catalog.migrations_filter import include_object
from app.catalog.models import Base

connection = context.config.attributes["connection"]


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
