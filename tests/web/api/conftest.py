"""API test helpers: a token for a user with chosen scopes, and a client that sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import User
from matchmaker.services.accounts import tokens


@pytest.fixture
def token_for(db_session: Session) -> Callable[..., str]:
    """token_for(user, "offers:read", ...) -> the secret of a fresh token with those scopes."""

    def make(user: User, *scopes: str, days: int = 30) -> str:
        wanted = list(scopes) or list(tokens.allowed_scopes(user))
        return tokens.create_token(db_session, user, "test", wanted, days).secret

    return make


class Api:
    """Calls /api/v1 with a bearer token."""

    def __init__(self, client: FlaskClient, token: str = "") -> None:
        self.client, self.token = client, token

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        out = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**out, **(extra or {})}

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get("/api/v1" + path, headers=self.headers(kw.pop("headers", None)), **kw)

    def send(self, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        return self.client.open("/api/v1" + path, method=method, json=body,
                                headers=self.headers(kw.pop("headers", None)), **kw)


@pytest.fixture
def api(client: FlaskClient) -> Callable[[str], Api]:
    """api(token) -> an API caller with that token."""
    return lambda token="": Api(client, token)
