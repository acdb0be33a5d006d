"""The Alembic migrations build exactly the schema the models describe, both ways."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.catalog.db import Catalog, alembic_config, upgrade
from app.catalog.migrations_filter import include_object
from app.catalog.models import Base


def test_head_schema_matches_the_models(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'catalog.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_up_again(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'catalog.sqlite3'}")
    upgrade(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(config, "head")
    assert {"page_check", "separator_sheet", "search_text"} <= set(inspect(engine).get_table_names())


def test_catalog_runs_sqlite_in_wal_mode(tmp_path):
    catalog = Catalog.open(tmp_path / "catalog.sqlite3")
    with catalog.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
