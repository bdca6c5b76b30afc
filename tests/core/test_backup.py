"""Backup and restore round trips: SQLite always, PostgreSQL (in a database of its own) when configured."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from matchmaker import cli
from matchmaker.core import backup
from matchmaker.core.passwords import hash_password
from matchmaker.models import Base, Role, User
from matchmaker.models.database import make_engine, make_session_factory
from tests.fixtures.scratch_db import postgres_available, scratch_database

pytestmark = pytest.mark.db

BACKENDS = ["sqlite"] + (["postgresql"] if postgres_available() else [])


@contextlib.contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite'}"
    else:
        with scratch_database(f"matchmaker_backup_{os.getpid()}") as url:
            yield url


def _emails(url: str) -> list[str]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        emails = sorted(session.scalars(select(User.email)))
    engine.dispose()
    return emails


def _add_user(url: str, email: str) -> None:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        session.add(User(email=email, password_hash=hash_password("x-y-z-w-v"), role=Role.STUDENT))
        session.commit()
    engine.dispose()


@pytest.mark.parametrize("kind", BACKENDS)
def test_backup_then_restore_round_trip(kind, tmp_path, monkeypatch) -> None:
    with database(kind, tmp_path) as url:
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        _add_user(url, "kept@example.org")
        monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
        monkeypatch.setenv("MATCHMAKER_ENV", "development")
        target = tmp_path / "backups" / "matchmaker.backup"
        result = CliRunner().invoke(cli.main, ["backup", str(target)])
        assert result.exit_code == 0, result.output
        assert target.is_file() and target.stat().st_size > 0
        assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]  # the temporary name is gone
        # Life goes on after the backup ...
        _add_user(url, "later@example.org")
        assert _emails(url) == ["kept@example.org", "later@example.org"]
        # ... and the restore brings back exactly the backed-up state.
        result = CliRunner().invoke(cli.main, ["restore", "--yes", str(target)])
        assert result.exit_code == 0, result.output
        assert _emails(url) == ["kept@example.org"]


@pytest.mark.parametrize("kind", BACKENDS)
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(kind, tmp_path) -> None:
    with database(kind, tmp_path) as url:
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        _add_user(url, "stay@example.org")
        junk = tmp_path / "junk.backup"
        junk.write_bytes(b"this is not a backup at all")
        with pytest.raises(backup.BackupError):
            backup.restore(url, junk)
        assert _emails(url) == ["stay@example.org"]


def test_failed_backup_leaves_no_file_under_the_real_name(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    target = tmp_path / "out.backup"

    def boom(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backup.os, "fsync", boom)
    with pytest.raises(OSError):
        backup.backup(url, target)
    assert not target.exists()
    assert list(tmp_path.glob(".out.backup.*")) == []
