"""Helpers for tests that need a PostgreSQL database of their own (never the shared test database)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL


def postgres_available() -> bool:
    """True when the suite runs against PostgreSQL (MATCHMAKER_TEST_DATABASE_URL)."""
    return TEST_DATABASE_URL.startswith("postgresql")


@contextlib.contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """Create a fresh PostgreSQL database next to the test database; drop it afterwards. Yields its URL."""
    import psycopg

    base = make_url(TEST_DATABASE_URL)
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
