"""Engine and session factory creation, shared by the web app, the CLI and job workers."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Set by whoever knows a transaction will write (a POST request, a job): on SQLite it then starts with
# BEGIN IMMEDIATE, taking the write lock first, so concurrent writers queue behind busy_timeout instead of
# failing with "database is locked" when a read transaction tries to become a write transaction (WAL mode).
WRITE_INTENT: ContextVar[bool] = ContextVar("matchmaker_write_intent", default=False)


def is_locked_error(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database table is locked" (worth retrying the transaction)."""
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the settings Matchmaker relies on for each backend."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _tune_sqlite(engine, in_memory=url in ("sqlite://", "sqlite:///:memory:"))
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: Engine, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; we issue BEGIN ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            # WAL lets readers run while the job worker writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if WRITE_INTENT.get() and not in_memory else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit (views render after committing)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
