"""Machinery of the authorization matrix: URL map discovery, URL building with real objects, isolated calls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection
from werkzeug.routing import Rule

from .world import DEFAULT_PARAMS, ROLES, World

REDIRECT_LOGIN = "redirect-login"
METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Call:
    """One endpoint and method, as found in the URL map."""

    endpoint: str
    method: str
    rule: str

    @property
    def key(self) -> str:
        return f"{self.method} {self.endpoint}"


def discover(app: Flask) -> list[Call]:
    """Every (endpoint, method) pair the app serves, sorted."""
    calls = {
        Call(rule.endpoint, method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in METHODS
        if method in (rule.methods or set())
    }
    return sorted(calls, key=lambda c: (c.endpoint, c.method))


def rule_for(app: Flask, endpoint: str) -> Rule:
    """The URL rule of an endpoint (the first, if several)."""
    return next(iter(app.url_map.iter_rules(endpoint)))


def build_url(app: Flask, endpoint: str, world: World, params: dict[str, str] | None = None,
              query: str = "") -> str:
    """The URL of an endpoint with each parameter filled by the named object of the world."""
    names = {**DEFAULT_PARAMS, **(params or {})}
    rule = rule_for(app, endpoint)
    values: dict[str, Any] = {}
    for arg in rule.arguments:
        if arg not in names:
            raise KeyError(f"{endpoint}: no object for URL parameter {arg!r}; add it to world.DEFAULT_PARAMS or "
                           f"to the route's params in authz_table.py")
        values[arg] = world.ids[names[arg]]
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **values)
    return url + (("?" + query) if query else "")


def outcome(response: Any) -> int | str:
    """A response as the table writes it: the status code, or "redirect-login"."""
    if response.status_code in (301, 302, 303) and response.headers.get("Location", "").startswith("/login"):
        return REDIRECT_LOGIN
    return int(response.status_code)


@dataclass
class Clients:
    """A logged-in test client per role (anonymous: none)."""

    by_role: dict[str, FlaskClient]

    def __getitem__(self, role: str) -> FlaskClient:
        return self.by_role[role]


def login_clients(app: Flask, world: World, password: str) -> Clients:
    """Log each role in with its own client."""
    clients = {"anonymous": app.test_client()}
    for role in ROLES[1:]:
        client = app.test_client()
        response = client.post("/login", data={"email": world.users[role].email, "password": password})
        assert response.status_code == 302, f"login of {role} failed"
        clients[role] = client
    return Clients(clients)


def isolated(connection: Connection) -> Iterator[None]:
    """Run one request inside a savepoint that is rolled back, so no call changes what the next one sees."""
    nested = connection.begin_nested()
    try:
        yield
    finally:
        if nested.is_active:
            nested.rollback()


def call(app: Flask, client: FlaskClient, connection: Connection, method: str, url: str,
         data: dict[str, Any] | None = None) -> Any:
    """One isolated request."""
    gen = isolated(connection)
    next(gen)
    try:
        if method == "GET":
            return client.get(url)
        return client.post(url, data=data or {})
    finally:
        next(gen, None)


def call_api(client: FlaskClient, connection: Connection, method: str, url: str, token: str | None,
             spec: dict[str, Any]) -> Any:
    """One isolated API request with a bearer token (None: without), the row's JSON body and headers."""
    gen = isolated(connection)
    next(gen)
    try:
        headers = {**spec.get("headers", {}), **({"Authorization": f"Bearer {token}"} if token else {})}
        return client.open(url, method=method, json=spec.get("json"), headers=headers)
    finally:
        next(gen, None)
