"""The door: Host headers, reverse proxies, the development key, and headers on signed-in pages."""

from __future__ import annotations

import pytest
from flask import request

from matchmaker.web import create_app
from matchmaker.web.config import ConfigError
from tests.conftest import PASSWORD, make_test_app

pytestmark = pytest.mark.db

PUBLIC = "https://matchmaker.example.org"


def _production(database_url, session_factory, **overrides):
    return make_test_app(database_url, session_factory, ENV="production", PUBLIC_URL=PUBLIC, SECRET_KEY="k" * 40,
                         **overrides)


def test_production_refuses_unknown_host_headers(database_url, session_factory, factory, db_session) -> None:
    user = factory.student()
    app = _production(database_url, session_factory)
    client = app.test_client()
    assert client.get("/", base_url=PUBLIC).status_code == 200
    assert client.get("/", base_url="https://matchmaker.example.org:443").status_code == 200
    for host in ("evil.example", "matchmaker.example.org.evil.example", "localhost"):
        response = client.post("/password/forgot", data={"email": user.email}, headers={"Host": host})
        assert response.status_code == 400, host
        assert "Unknown host" in response.get_data(as_text=True)
    from matchmaker.models import OutboxMail
    assert db_session.query(OutboxMail).count() == 0  # refused before any view ran


def test_extra_trusted_hosts_come_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MATCHMAKER_TRUSTED_HOSTS", "internal.example, 10.0.0.5")
    app = create_app({"ENV": "production", "PUBLIC_URL": PUBLIC, "SECRET_KEY": "k" * 40, "QUEUE_BACKEND": "sync",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'h.sqlite'}"})
    assert app.config["ACCEPTED_HOSTS"] == ["matchmaker.example.org", "internal.example", "10.0.0.5"]
    client = app.test_client()
    assert client.get("/privacy", headers={"Host": "internal.example"}).status_code == 200
    assert client.get("/privacy", headers={"Host": "other.example"}).status_code == 400


def test_development_and_testing_accept_any_host(client) -> None:
    assert client.get("/privacy", headers={"Host": "whatever.example"}).status_code == 200


def _probe(app):
    @app.route("/_probe")
    def probe() -> str:
        return f"{request.remote_addr} {request.url}"

    return app.test_client()


def test_behind_one_proxy_the_client_address_and_https_come_from_its_headers(database_url, session_factory) -> None:
    client = _probe(make_test_app(database_url, session_factory, PROXY_HOPS=1))
    forwarded = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
    body = client.get("/_probe", headers=forwarded, environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_data(as_text=True)
    assert body == "198.51.100.7 https://localhost/_probe"
    # A client that adds its own X-Forwarded-For in front: the proxy appends the real address, which counts.
    spoofed = {"X-Forwarded-For": "1.2.3.4, 198.51.100.8", "X-Forwarded-Proto": "https"}
    body = client.get("/_probe", headers=spoofed, environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_data(as_text=True)
    assert body.startswith("198.51.100.8 ")


def test_without_a_proxy_setting_forwarded_headers_are_ignored(app) -> None:
    client = _probe(app)
    forwarded = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
    body = client.get("/_probe", headers=forwarded, environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_data(as_text=True)
    assert body == "10.0.0.1 http://localhost/_probe"


def test_behind_a_proxy_login_throttling_is_per_client(database_url, session_factory) -> None:
    app = make_test_app(database_url, session_factory, PROXY_HOPS=1)
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every request arrives from the proxy

    def attempt(client_address: str, n: int) -> int:
        return client.post("/login", data={"email": f"guess{n}@example.org", "password": "wrong-password"},
                           headers={"X-Forwarded-For": client_address}, environ_base=proxy).status_code

    assert [attempt("198.51.100.1", n) for n in range(10)] == [400] * 10
    assert attempt("198.51.100.1", 10) == 429  # this client is throttled ...
    assert attempt("198.51.100.2", 11) == 400  # ... but not the next one behind the same proxy


def test_without_a_proxy_setting_a_forged_forwarded_for_does_not_dodge_the_throttle(app) -> None:
    client = app.test_client()
    for n in range(10):
        client.post("/login", data={"email": f"g{n}@example.org", "password": "wrong-password"},
                    headers={"X-Forwarded-For": f"198.51.100.{n}"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    response = client.post("/login", data={"email": "g99@example.org", "password": "wrong-password"},
                           headers={"X-Forwarded-For": "203.0.113.1"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 429


def test_proxy_hops_must_be_a_small_number(monkeypatch) -> None:
    monkeypatch.setenv("MATCHMAKER_PROXY_HOPS", "²")
    with pytest.raises(ConfigError, match="MATCHMAKER_PROXY_HOPS"):
        create_app({"ENV": "testing"})


def test_the_development_key_needs_an_explicit_development_environment(monkeypatch) -> None:
    monkeypatch.delenv("MATCHMAKER_ENV", raising=False)
    monkeypatch.delenv("MATCHMAKER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="MATCHMAKER_ENV=development"):
        create_app()
    monkeypatch.setenv("MATCHMAKER_ENV", "development")
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", "sqlite://")
    assert create_app({"QUEUE_BACKEND": "sync"}).config["SECRET_KEY"] == "dev-only-not-secret"


def test_signed_in_pages_are_not_stored_and_every_page_has_a_permissions_policy(client, login, factory) -> None:
    anonymous = client.get("/privacy")
    assert "no-store" not in anonymous.headers.get("Cache-Control", "")
    assert "camera=()" in anonymous.headers["Permissions-Policy"]
    login(factory.student())
    for url in ("/student/", "/student/profile", "/privacy", "/offers", "/no-such-page"):
        response = client.get(url)
        assert response.headers.get("Cache-Control") == "no-store", url
        assert "geolocation=()" in response.headers["Permissions-Policy"], url


def test_logout_by_get_only_asks_and_changes_nothing(client, login, factory) -> None:
    login(factory.student())
    page = client.get("/logout")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'method="post"' in html and "Logga ut?" in html
    assert client.get("/student/").status_code == 200  # still signed in
    assert client.post("/logout").status_code == 302
    assert client.get("/student/").status_code == 302
    assert client.get("/logout").status_code == 302  # nothing to confirm when signed out


def test_a_user_logged_in_elsewhere_stays_in_after_a_forged_get(app, factory) -> None:
    user = factory.student()
    victim = app.test_client()
    victim.post("/login", data={"email": user.email, "password": PASSWORD})
    victim.get("/logout")  # e.g. <img src="https://matchmaker.example.org/logout"> on another site
    assert victim.get("/student/").status_code == 200
