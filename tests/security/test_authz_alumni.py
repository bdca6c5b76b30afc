"""The alumnus role against the authorization matrix: its own pages, and refused everywhere role-bound else."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, make_test_app
from tests.fixtures.alumni import make_alumnus
from tests.security.authz_table import TABLE
from tests.security.matrix import build_url, call, discover, outcome
from tests.security.world import build_world

pytestmark = pytest.mark.db

_CALLS = discover(make_test_app("sqlite://"))
# The role-bound areas an alumnus must never enter: their before_request refuses other roles.
AREAS = ("student.", "employer.", "coach.", "admin.")


# What the alumnus gets on each alumni route (routes not named here refuse the alumnus: 403).
ALUMNUS_ROWS: dict[str, dict[str, int]] = {
    "alumnus.home": {"GET": 200},
    "alumnus.consent": {"GET": 200, "POST": 400},
    "alumnus.profile": {"GET": 200, "POST": 302},
    "alumnus.mentoring": {"GET": 200},
    "alumnus.mentoring_register": {"GET": 200, "POST": 400},
    "alumnus.mentoring_check_in": {"POST": 404},
    "alumnus.my_data": {"GET": 200},
    "alumnus.export": {"GET": 200},
    "alumnus.delete_account": {"GET": 200, "POST": 400},
    "student.graduation": {"GET": 403, "POST": 403},
    "student.graduated": {"POST": 403},
    "coach.alumni_page": {"GET": 403},
    "coach.alumni_csv": {"GET": 403},
    "employer.alumni_contacts": {"GET": 403},
}


@pytest.fixture
def alumnus_client(database_url, session_factory, db_session, factory):
    app = make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)
    world = build_world(db_session, factory)
    alumnus = make_alumnus(db_session, factory)
    db_session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": alumnus.email, "password": PASSWORD}).status_code == 302
    return app, client, world


def test_every_alumni_route_says_what_an_alumnus_gets() -> None:
    alumni_routes = {c.endpoint for c in _CALLS if c.endpoint.startswith("alumnus.") or "alumni" in c.endpoint
                     or "graduat" in c.endpoint}
    missing = alumni_routes - set(ALUMNUS_ROWS)
    assert not missing, "alumni routes without a row: " + ", ".join(sorted(missing))
    for endpoint, expected in ALUMNUS_ROWS.items():
        assert set(expected) == {m for m in ("GET", "POST") if m in TABLE[endpoint]}, endpoint


def test_alumnus_gets_what_the_rows_say(alumnus_client, connection) -> None:
    app, client, world = alumnus_client
    problems = []
    for endpoint, expected in ALUMNUS_ROWS.items():
        row = TABLE[endpoint]
        url = build_url(app, endpoint, world, row.get("params"), row.get("query", ""))
        for method, status in expected.items():
            got = outcome(call(app, client, connection, method, url, row.get("data")))
            if got != status:
                problems.append(f"{method} {endpoint}: expected {status}, got {got}")
    assert not problems, "\n".join(problems)


def test_alumnus_is_refused_in_every_other_role_area(alumnus_client, connection) -> None:
    app, client, world = alumnus_client
    problems = []
    for c in _CALLS:
        if not c.endpoint.startswith(AREAS) or c.endpoint in ALUMNUS_ROWS:
            continue
        row = TABLE[c.endpoint]
        url = build_url(app, c.endpoint, world, row.get("params"), row.get("query", ""))
        got = outcome(call(app, client, connection, c.method, url, row.get("data")))
        if got != 403:
            problems.append(f"{c.key}: expected 403, got {got}")
    assert not problems, "\n".join(problems)


def test_no_shared_route_fails_for_an_alumnus(alumnus_client, connection) -> None:
    """Pages every role shares (Karriärsök, account, notifications, calendars, API) never answer an alumnus 5xx."""
    app, client, world = alumnus_client
    problems = []
    for c in _CALLS:
        if c.endpoint.startswith(AREAS) or c.endpoint in ALUMNUS_ROWS or c.endpoint == "static":
            continue
        row = TABLE[c.endpoint]
        url = build_url(app, c.endpoint, world, row.get("params"), row.get("query", ""))
        response = call(app, client, connection, c.method, url, row.get("data"))
        response.close()
        if response.status_code >= 500:
            problems.append(f"{c.key}: {response.status_code}")
    assert not problems, "\n".join(problems)
