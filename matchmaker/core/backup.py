"""Backup and restore of the whole database: SQLite's online backup API, PostgreSQL's pg_dump/pg_restore.

A backup is written to a temporary name next to the target and renamed when complete, so a crash never
leaves a half-written file under the real name. A restore replaces the database's content as a whole.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why."""


def backend(database_url: str) -> str:
    """'sqlite' or 'postgresql'."""
    name = make_url(database_url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"unsupported database backend {name!r}")
    return name


def _sqlite_path(database_url: str) -> str:
    path = make_url(database_url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return path


def _pg_args(database_url: str) -> tuple[list[str], dict[str, str]]:
    """libpq connection arguments and environment (the password goes in the environment, not argv)."""
    url = make_url(database_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["--dbname", url.database or "postgres"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed)")
    return path


def backup(database_url: str, target: str | Path) -> Path:
    """Write a complete, consistent backup of the database to `target` (temporary name, then rename)."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if backend(database_url) == "sqlite":
            tmp.unlink()  # sqlite3 creates the file itself
            source = sqlite3.connect(_sqlite_path(database_url))
            dest = sqlite3.connect(tmp)
            try:
                # The online backup API copies a consistent snapshot while the app keeps running.
                source.backup(dest)
            finally:
                dest.close()
                source.close()
        else:
            args, env = _pg_args(database_url)
            result = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(tmp), *args],
                env=env, capture_output=True, text=True, check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _check_file(path: Path, kind: str) -> None:
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    with path.open("rb") as fh:
        head = fh.read(16)
    magic = SQLITE_MAGIC if kind == "sqlite" else PG_MAGIC
    if not head.startswith(magic):
        raise BackupError(f"{path} is not a {kind} backup made by `matchmaker backup`")


def restore(database_url: str, source: str | Path) -> None:
    """Replace the database's whole content with the backup in `source` (same backend)."""
    source = Path(source).resolve()
    kind = backend(database_url)
    _check_file(source, kind)
    if kind == "sqlite":
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dest = sqlite3.connect(_sqlite_path(database_url), timeout=30)
        try:
            # Copying into the live file through the backup API keeps open connections and WAL consistent.
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        return
    args, env = _pg_args(database_url)
    result = subprocess.run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
         "--exit-on-error", *args, str(source)],
        env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was changed): {result.stderr.strip()}")
