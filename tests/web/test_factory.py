"""The app factory, configuration, health check and response headers."""

from __future__ import annotations

import pytest

from matchmaker.web import create_app
from matchmaker.web.config import ConfigError

pytestmark = pytest.mark.db


def test_production_refuses_to_start_without_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    monkeypatch.delenv("MATCHMAKER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="MATCHMAKER_SECRET_KEY"):
        create_app()


def test_production_with_secret_has_secure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "s3cret-for-this-test")
    monkeypatch.setenv("MATCHMAKER_PUBLIC_URL", "https://matchmaker.example.org")
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", "sqlite://")
    app = create_app({"QUEUE_BACKEND": "sync"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["QUEUE_BACKEND"] == "sync"
    # Login throttling is shared by all web processes: Redis by default in production.
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    response = app.test_client().get("/privacy", base_url="https://matchmaker.example.org")
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_unknown_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCHMAKER_ENV", "staging")
    with pytest.raises(ConfigError, match="development, testing, production"):
        create_app()


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.delenv("MATCHMAKER_ENV", raising=False)
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "a-real-secret-for-this-test")
    app = create_app()
    assert app.config["DATABASE_URL"] == url
    assert app.config["MATCHMAKER_ENV"] == "development"
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_default_database_is_sqlite_in_instance_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MATCHMAKER_DATABASE_URL", raising=False)
    app = create_app({"ENV": "testing"})
    assert app.config["DATABASE_URL"].startswith("sqlite:///")
    assert app.config["DATABASE_URL"].endswith("instance/matchmaker.sqlite")


def test_healthz_does_a_database_round_trip(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["database"] == "ok"


def test_healthz_reports_503_when_database_is_unreachable(database_url) -> None:
    app = create_app({"ENV": "testing", "QUEUE_BACKEND": "sync",
                      "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_security_headers_and_cookie_flags(client, factory) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    user = factory.student()
    response = client.post("/login", data={"email": user.email, "password": "correct-horse-battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_a_friendly_404(client) -> None:
    response = client.get("/does-not-exist")
    assert response.status_code == 404
    assert b"<html" in response.data


def test_a_failing_rollback_at_teardown_does_not_turn_the_answer_into_an_error(client, monkeypatch) -> None:
    """A database restart kills the connection: the teardown rollback fails, the answer stays as it was."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    def dead_connection(self) -> None:
        raise OperationalError("ROLLBACK", {}, Exception("terminating connection due to administrator command"))

    monkeypatch.setattr(Session, "rollback", dead_connection)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
