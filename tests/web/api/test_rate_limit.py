"""Rate limits per token: one token's burst is refused with problem+json, another token is not affected."""

from __future__ import annotations

import pytest

from matchmaker.models import Role
from tests.conftest import make_test_app
from tests.web.api.conftest import Api

pytestmark = pytest.mark.db


@pytest.fixture
def limited_client(database_url, session_factory):
    app = make_test_app(database_url, session_factory, API_RATE_LIMIT="3 per minute",
                        RATELIMIT_STORAGE_URI="memory://")
    return app.test_client()


def test_a_token_over_its_limit_gets_429_and_others_go_on(limited_client, factory, token_for) -> None:
    first = Api(limited_client, token_for(factory.user(Role.EMPLOYER), "offers:read"))
    second = Api(limited_client, token_for(factory.user(Role.EMPLOYER), "offers:read"))
    assert [first.get("/offers").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/offers")
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    body = refused.get_json()
    assert body["status"] == 429 and body["type"].endswith("rate-limited")
    assert "Retry-After" in refused.headers or "X-RateLimit-Reset" in refused.headers
    assert second.get("/offers").status_code == 200
