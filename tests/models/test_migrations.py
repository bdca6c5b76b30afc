"""Migrating an empty database to head yields exactly the models' schema (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from matchmaker.core.migrations import alembic_config
from matchmaker.models import Base
from matchmaker.models.database import make_engine
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.db


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """An empty database of the backend under test: a new SQLite file, or a new PostgreSQL schema."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'migrate.sqlite'}"
        return
    schema = f"migrate_{uuid.uuid4().hex[:8]}"
    admin = make_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in TEST_DATABASE_URL else "?"
    try:
        yield f"{TEST_DATABASE_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_upgrade_to_head_matches_the_models(empty_database_url) -> None:
    command.upgrade(alembic_config(empty_database_url), "head")
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert diff == [], f"migrations and models differ: {diff}"


def test_downgrade_to_base_removes_everything(empty_database_url) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
