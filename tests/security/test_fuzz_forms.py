"""Property-based fuzzing of every form: random and hostile input never causes a server error, and markup that
was sent is never rendered unescaped (neither in the re-rendered form nor on the page a redirect leads to)."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD, make_test_app
from tests.security.authz_table import TABLE
from tests.security.matrix import build_url, discover, login_clients, outcome
from tests.security.world import ROLES, build_world

pytestmark = [pytest.mark.db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("MATCHMAKER_FUZZ_EXAMPLES", "30"))
MARKER = "<script>alert('mm-xss')</script>"
MARKER_ATTR = '"><img src=x onerror=alert(1)>'
RAW = re.compile(r"<script>alert\('mm-xss'\)</script>|<img src=x onerror=alert\(1\)>")


HOSTILE = st.sampled_from([
    "", " ", "0", "-1", "1e309", "99999999999999999999999", "NaN", "true", "null", "[]", "{}",
    "' OR '1'='1", "1; DROP TABLE users; --", "%s%s%n", "{{7*7}}", "${7*7}", "../../etc/passwd",
    MARKER, MARKER_ATTR, "<b>bold</b>", "javascript:alert(1)", "\u202eevil\u202c", "ｅｘａｍｐｌｅ",
    "Åsa Ödmark-Ängström", "😀" * 50, "\r\n\r\nX-Injected: 1", "a" * 5000, "2026-02-30", "HT2026", "VT9999",
    "a@b", "x" * 300 + "@example.org",
])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
VALUE = st.one_of(HOSTILE, TEXT, st.integers(-10**12, 10**12).map(str), st.just("A" * 200_000))
# Names found in the app's forms, plus ones that forms use for hidden state.
COMMON_NAMES = ["csrf_token", "version_id", "status", "message", "notes", "comment", "visible", "q", "name",
                "title", "description", "offer", "places", "rank-1", "rating", "feedback", "email", "password",
                "program", "kind", "lang", "next", "action", "student", "max_choices"]

_DISCOVERY = make_test_app("sqlite://")
POST_ENDPOINTS = sorted({c.endpoint for c in discover(_DISCOVERY) if c.method == "POST"})
GET_ENDPOINTS = {c.endpoint for c in discover(_DISCOVERY) if c.method == "GET"}


def _allowed_role(endpoint: str) -> str:
    """The role the table lets through for POST (the owner), else anonymous."""
    row = TABLE.get(endpoint, {}).get("POST", {})
    for role in ROLES:
        if row.get(role) not in (403, 404, "redirect-login", None):
            return role
    return "anonymous"


def _field_names(html: str) -> list[str]:
    return sorted(set(re.findall(r'name="([^"]+)"', html)))


@pytest.fixture
def fuzz_app(database_url, session_factory):
    return make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS)
def test_form_survives_hostile_input(endpoint, fuzz_app, connection, db_session, factory) -> None:
    world = build_world(db_session, factory)
    clients = login_clients(fuzz_app, world, PASSWORD)
    role = _allowed_role(endpoint)
    client = clients[role]
    url = build_url(fuzz_app, endpoint, world, TABLE.get(endpoint, {}).get("params"))
    names = list(COMMON_NAMES)
    if endpoint in GET_ENDPOINTS:
        names += _field_names(client.get(url).get_data(as_text=True))
    names = sorted(set(names) - {"csrf_token"})

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(form=st.dictionaries(st.sampled_from(names), VALUE, max_size=len(names)),
           extra=st.dictionaries(TEXT.filter(bool), HOSTILE, max_size=2))
    def check(form: dict[str, str], extra: dict[str, str]) -> None:
        nested = connection.begin_nested()  # every example starts from the same world
        try:
            response = client.post(url, data={**extra, **form})
            assert response.status_code < 500, f"{endpoint} as {role}: {response.status_code} for {form!r}"
            body = response.get_data(as_text=True)
            assert not RAW.search(body), f"{endpoint}: markup rendered unescaped for {form!r}"
            if response.status_code in (302, 303) and outcome(response) != "redirect-login":
                location = response.headers["Location"]
                if location.startswith("/") and not location.startswith("/static"):
                    page = client.get(location)
                    assert page.status_code < 500, f"{endpoint} -> {location}: {page.status_code}"
                    assert not RAW.search(page.get_data(as_text=True)), f"{endpoint} -> {location}: unescaped"
        finally:
            if nested.is_active:
                nested.rollback()

    check()


def test_nul_bytes_are_refused_before_they_reach_the_database(fuzz_app) -> None:
    client = fuzz_app.test_client()
    response = client.post("/register", data={"role": "student", "name": "A\x00B", "email": "nul@example.org",
                                              "password": "a-good-passphrase", "confirm": "a-good-passphrase"})
    assert response.status_code == 400
    assert client.get("/offers?q=a%00b").status_code == 400
