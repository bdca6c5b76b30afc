"""The authorization matrix for an employer whose organisation no coach has verified (authz_unverified.py).

The world of the main matrix, with X's organisation unverified: employer X calls every route of the employer area
(its own objects in the URL) and gets what UNVERIFIED_TABLE says: offers yes, students and colleagues no.
Set MATCHMAKER_PRINT_MATRIX=1 to print what each route answered.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import PASSWORD, make_test_app
from tests.security.authz_table import TABLE
from tests.security.authz_unverified import UNVERIFIED_TABLE
from tests.security.matrix import build_url, call, discover, outcome
from tests.security.world import build_world

pytestmark = pytest.mark.db

CALLS = [c for c in discover(make_test_app("sqlite://")) if c.endpoint.startswith("employer.")]
PRINT = os.environ.get("MATCHMAKER_PRINT_MATRIX") == "1"


def test_every_employer_route_has_a_row_for_the_unverified_employer() -> None:
    missing = [c.key for c in CALLS if c.method not in UNVERIFIED_TABLE.get(c.endpoint, {})]
    assert not missing, "employer routes without a row in authz_unverified.py: " + ", ".join(missing)
    for endpoint, row in UNVERIFIED_TABLE.items():
        assert row.get("note"), f"{endpoint} needs a note"


def test_unverified_employer_gets_what_the_table_says(database_url, session_factory, connection, db_session,
                                                      factory) -> None:
    app = make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)
    world = build_world(db_session, factory)
    employer = world.users["employer_x"]
    employer.organization.verified = False
    db_session.flush()
    client = app.test_client()
    assert client.post("/login", data={"email": employer.email, "password": PASSWORD}).status_code == 302
    problems, observed = [], {}
    for c in CALLS:
        row = TABLE.get(c.endpoint, {})
        url = build_url(app, c.endpoint, world, row.get("params"), row.get("query", ""))
        data = {k: (str(world.ids[v[1:]]) if isinstance(v, str) and v.startswith("@") else v)
                for k, v in row.get("data", {}).items()}
        response = call(app, client, connection, c.method, url, data)
        got = outcome(response)
        observed.setdefault(c.endpoint, {})[c.method] = got
        expected = UNVERIFIED_TABLE.get(c.endpoint, {}).get(c.method)
        if expected != got:
            problems.append(f"{c.method} {url}: expected {expected}, got {got}")
        if got == 403 and "inte verifierad än" not in response.get_data(as_text=True):  # Swedish by default
            problems.append(f"{c.method} {url}: a 403 without the explanation")
    if PRINT:
        for endpoint, by_method in observed.items():
            print(f"    {endpoint!r}: {{\"note\": \"\", **{by_method!r}}},")
    assert not problems, "\n".join(problems)
