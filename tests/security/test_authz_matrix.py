"""The authorization matrix: every route of the URL map, called as every role, against authz_table.TABLE.

A route missing from the table fails. Set MATCHMAKER_PRINT_MATRIX=1 to print what each route answered,
in the table's format, when extending the table for new routes (then review every value by hand).
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import PASSWORD, make_test_app
from tests.security.authz_table import TABLE
from tests.security.matrix import METHODS, build_url, call, discover, login_clients, outcome
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.db

_DISCOVERY_APP = make_test_app("sqlite://")
CALLS = discover(_DISCOVERY_APP)
ENDPOINTS = sorted({c.endpoint for c in CALLS})
PRINT = os.environ.get("MATCHMAKER_PRINT_MATRIX") == "1"


def test_every_route_of_the_url_map_is_in_the_table() -> None:
    missing = [c.key for c in CALLS if c.method not in TABLE.get(c.endpoint, {})]
    assert not missing, "routes without an entry in tests/security/authz_table.py: " + ", ".join(missing)
    served = {(c.endpoint, c.method) for c in CALLS}
    stale = [f"{m} {e}" for e, row in TABLE.items() for m in METHODS if m in row and (e, m) not in served]
    assert not stale, "entries in authz_table.py for routes the app does not serve: " + ", ".join(stale)
    for endpoint, row in TABLE.items():
        assert row.get("note"), f"{endpoint} needs a note saying why"
        for method in METHODS:
            if method in row:
                assert set(row[method]) == set(ROLES), f"{method} {endpoint} must name every role exactly once"


@pytest.fixture
def matrix_app(database_url, session_factory):
    return make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_route_answers_each_role_as_the_table_says(endpoint, matrix_app, connection, db_session, factory) -> None:
    world = build_world(db_session, factory)
    clients = login_clients(matrix_app, world, PASSWORD)
    row = TABLE.get(endpoint, {})
    methods = [c.method for c in CALLS if c.endpoint == endpoint]
    url = build_url(matrix_app, endpoint, world, row.get("params"), row.get("query", ""))
    # Form values "@name" are the id of the world's object of that name.
    data = {k: (str(world.ids[v[1:]]) if isinstance(v, str) and v.startswith("@") else v)
            for k, v in row.get("data", {}).items()}
    observed: dict[str, dict[str, int | str]] = {}
    problems: list[str] = []
    for method in methods:
        observed[method] = {}
        for role in ROLES:
            response = call(matrix_app, clients[role], connection, method, url, data)
            got = outcome(response)
            response.close()  # static files are streamed from an open file
            observed[method][role] = got
            # Browser hardening on every response of every route.
            csp = response.headers.get("Content-Security-Policy", "")
            for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
                if directive not in csp:
                    problems.append(f"{method} {url} as {role}: CSP lacks {directive}")
            if response.headers.get("X-Content-Type-Options") != "nosniff":
                problems.append(f"{method} {url} as {role}: no nosniff")
            if not response.headers.get("Referrer-Policy"):
                problems.append(f"{method} {url} as {role}: no Referrer-Policy")
            if got == 500 or (isinstance(got, int) and got >= 500):
                problems.append(f"{method} {url} as {role}: server error {got}")
            expected = row.get(method, {}).get(role)
            if expected is not None and expected != got:
                problems.append(f"{method} {url} as {role}: expected {expected}, got {got}")
    if PRINT or endpoint not in TABLE:
        print(f"\n    {endpoint!r}: {{\n        \"note\": \"\",")
        for method, by_role in observed.items():
            print(f"        {method!r}: {by_role!r},")
        print("    },")
    assert endpoint in TABLE, f"{endpoint} is not in authz_table.py (observed: {observed})"
    assert not problems, "\n".join(problems)
