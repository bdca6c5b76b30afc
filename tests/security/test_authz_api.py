"""Every API operation x role x scope, with bearer tokens, against authz_api.PLATFORM_TABLE["api"] rows."""

from __future__ import annotations

import pytest

from matchmaker.services.accounts import tokens
from tests.conftest import make_test_app
from tests.security.authz_api import PLATFORM_TABLE
from tests.security.matrix import build_url, call_api
from tests.security.world import build_world

pytestmark = pytest.mark.db

_DISCOVERY_APP = make_test_app("sqlite://")
API_ENDPOINTS = sorted({r.endpoint for r in _DISCOVERY_APP.url_map.iter_rules() if r.endpoint.startswith("api.")})
OPERATIONS = sorted({(r.endpoint, m) for r in _DISCOVERY_APP.url_map.iter_rules() if r.endpoint.startswith("api.")
                     for m in (r.methods or set()) - {"HEAD", "OPTIONS"}})
PUBLIC = {"api.openapi", "api.docs", "api.docs_asset"}


def test_every_api_operation_is_in_the_table() -> None:
    missing = [f"{m} {e}" for e, m in OPERATIONS
               if e not in PUBLIC and m not in PLATFORM_TABLE.get(e, {}).get("api", {})]
    assert not missing, "API operations without an 'api' row in tests/security/authz_api.py: " + ", ".join(missing)


@pytest.fixture
def matrix_app(database_url, session_factory):
    return make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)


@pytest.mark.parametrize(("endpoint", "method"), [(e, m) for e, m in OPERATIONS if e not in PUBLIC])
def test_operation_answers_each_role_and_scope_as_the_table_says(endpoint, method, matrix_app, connection,
                                                                  db_session, factory) -> None:
    world = build_world(db_session, factory)
    row = PLATFORM_TABLE[endpoint]
    spec = row["api"][method]
    url = build_url(matrix_app, endpoint, world, row.get("params"))
    client = matrix_app.test_client()
    problems = []
    anonymous = call_api(client, connection, method, url, None, spec)
    if anonymous.status_code != 401:
        problems.append(f"no token: expected 401, got {anonymous.status_code}")
    for role, expected in spec["expect"].items():
        user = world.users[role]
        allowed = list(tokens.allowed_scopes(user))
        full = tokens.create_token(db_session, user, "all", allowed, 30).secret
        got = call_api(client, connection, method, url, full, spec)
        if got.status_code != expected:
            problems.append(f"{role} with every scope: expected {expected}, got {got.status_code} {got.get_json()}")
        if got.status_code >= 400 and got.mimetype != "application/problem+json":
            problems.append(f"{role}: error without problem+json")
        if spec["scope"] is not None:
            others = [s for s in allowed if s != spec["scope"]]
            narrow = tokens.create_token(db_session, user, "narrow", others, 30).secret
            lacking = call_api(client, connection, method, url, narrow, spec)
            if lacking.status_code != 403:
                problems.append(f"{role} without {spec['scope']}: expected 403, got {lacking.status_code}")
    assert not problems, f"{method} {url}:\n" + "\n".join(problems)
