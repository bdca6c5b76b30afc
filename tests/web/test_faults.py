"""Faults: a clean 503 page when the database is away (even for a signed-in user, whose menu needs the
database), and the load and fault run in short form (PostgreSQL with an outage when configured, else SQLite)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from matchmaker.services.accounts import users as accounts
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]


def _database_away(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def test_signed_in_user_gets_a_clean_503_when_the_database_is_away(client, factory, login, monkeypatch) -> None:
    login(factory.student())
    monkeypatch.setattr(accounts, "load_session_user", _database_away)
    response = client.get("/student/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    html = response.get_data(as_text=True)
    assert "Tillfälligt otillgänglig" in html and "Temporarily unavailable" in html
    assert response.headers["Content-Security-Policy"]
    # A 404 while the database is away is also answered cleanly (its page menu needs the user too).
    assert client.get("/no-such-page").status_code == 503


def test_healthz_says_unavailable_as_json(client, monkeypatch) -> None:
    from matchmaker.web.extensions import Database

    class Broken:
        def execute(self, *_a, **_k):
            _database_away()

        def rollback(self):
            pass

        def close(self):
            pass

    monkeypatch.setattr(Database, "session", property(lambda self: Broken()))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json() == {"status": "unavailable"}


def _load_module():
    spec = importlib.util.spec_from_file_location("load_faults", ROOT / "benchmarks" / "load_faults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_short_load_and_fault_run(capsys) -> None:
    """10 users for 15 s against `matchmaker serve`; on PostgreSQL with a 4 s outage; a matching run killed."""
    lf = _load_module()
    postgres = TEST_DATABASE_URL.startswith("postgresql")
    outage = 0.0 if (not postgres or os.environ.get("MATCHMAKER_TEST_NO_OUTAGE") == "1") else 4.0
    cfg = lf.Config(users=10, duration=15.0, outage=outage, sqlite=not postgres, extra_students=1500,
                    pg_url=TEST_DATABASE_URL or lf.DEFAULT_PG, db_name=f"matchmaker_load_ci_{os.getpid()}",
                    quiet=True)
    res = lf.run(cfg)
    print("\n".join(res.lines()))
    assert res.requests > 50
    assert res.server_errors == 0, res.notes
    assert res.transport_errors == 0
    assert res.acked_writes > 0 and res.acked_missing == []
    assert res.unavailable_outside_outage == 0  # on SQLite too: no "database is locked" 503s
    if outage:
        assert res.unavailable > 0  # the gap was noticed, and answered with the clean 503 page
        assert res.recovery_seconds is not None  # the service recovered by itself
    assert res.kill["killed_half_way"] and res.kill["previous_intact"] and res.kill["previous_visible"]


def test_the_fault_script_stops_only_the_cluster_its_url_names(monkeypatch) -> None:
    lf = _load_module()
    with pytest.raises(lf.WrongCluster, match="not this machine"):
        lf.cluster_for("postgresql+psycopg://postgres@db.example.org:5432/x")
    listing = "15 main 5432 online postgres /var/lib/postgresql/15/main log\n16 main 5433 online postgres d log\n"

    class Listed:
        returncode, stdout = 0, listing

    monkeypatch.setattr(lf.subprocess, "run", lambda *a, **k: Listed())
    assert lf.cluster_for("postgresql+psycopg://postgres@127.0.0.1:5432/x") == ("15", "main")
    assert lf.cluster_for("postgresql+psycopg://postgres@localhost:5433/x") == ("16", "main")  # not the newest
    with pytest.raises(lf.WrongCluster, match="0 local clusters listen on port 5999"):
        lf.cluster_for("postgresql+psycopg://postgres@127.0.0.1:5999/x")
    lf.TARGET.clear()
    with pytest.raises(lf.WrongCluster):
        lf.pg_ctl("stop")  # nothing chosen, nothing stopped


def test_a_503_outside_the_outage_fails_the_run() -> None:
    lf = _load_module()
    res = lf.Result(backend="sqlite", users=1, duration=1.0, requests=10)
    assert res.ok
    res.unavailable_outside_outage = 1
    assert not res.ok and "TARGETS MET          NO" in res.lines()
