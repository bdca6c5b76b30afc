"""Integer parameters: every route of the URL map, with odd numbers in every URL parameter, query and form field.

"²" passes `str.isdigit()` but not `int()`; 2**63 overflows SQLite's integers (2**31 PostgreSQL's); a 5000-digit
number is over Python's int() limit. None of them may make a 500: an id out of range is a 404, a bad page number
is page 1.
"""

from __future__ import annotations

import re

import pytest

from matchmaker.core.validation import MAX_ID, page_number, parse_int
from matchmaker.models import Role
from tests.conftest import PASSWORD, make_test_app
from tests.security.authz_table import TABLE
from tests.security.matrix import build_url, call, login_clients
from tests.security.world import build_world

ODD = ["²", "-1", "0", str(2**63), "9" * 5000, "٣", "1_0", " 7"]
WALK = ODD[:6]  # the five the issue names, and an Arabic-Indic digit (int() takes it, SQL would not)
ACTIONS = ["add_applicants", "add_offer", "add_program", "close", "dismiss", "move", "note", "open", "publish",
           "recommend", "remove_offer", "remove_student", "run", "submit"]  # the `action` values views dispatch on
# Every name a view reads as a number from the query or a form (grep request.args / request.form in web/).
NUMBER_FIELDS = ["page", "program", "municipality", "within_days", "offer", "student", "places", "round", "rating",
                 "organization", "version", "version_id", "k", "count", "max_choices", "status", "kind", "term",
                 "lines-0-id", "lines-0-program", "lines-0-count", "rank-1", "choice-1", "municipalities"]


def test_parse_int_takes_only_ascii_digits_within_range() -> None:
    assert parse_int("42") == 42
    assert parse_int(" 42 ") == 42
    for odd in ["²", "٣", "-1", "+1", "1_0", "1.0", "", "x", str(2**63), "9" * 5000, None, True]:
        assert parse_int(odd) is None, odd
    assert parse_int("0") is None and parse_int("0", low=0) == 0
    assert parse_int(str(MAX_ID)) == MAX_ID and parse_int(str(MAX_ID + 1)) is None
    assert [page_number(v) for v in ["3", "²", "0", "-2", str(2**63), None]] == [3, 1, 1, 1, 1, 1]


def test_offers_page_with_a_superscript_two_is_page_one(client) -> None:
    response = client.get("/offers?page=²")
    assert response.status_code == 200


def test_an_id_out_of_range_is_404_not_500(client, login, factory) -> None:
    login(factory.user(Role.EMPLOYER))
    for value in (str(2**63), "9" * 5000, "٣", str(MAX_ID + 1)):
        assert client.get(f"/employer/offers/{value}").status_code == 404, value


@pytest.mark.db
def test_every_route_with_odd_numbers_never_answers_500(database_url, session_factory, connection, db_session,
                                                        factory) -> None:
    app = make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)
    world = build_world(db_session, factory)
    clients = login_clients(app, world, PASSWORD)
    roles = ["anonymous", "student_a", "employer_x", "coach", "admin"]
    problems: list[str] = []
    checked = 0
    actions = ACTIONS
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        # Odd values in the URL itself, and real objects in the URL with odd values in the query and form.
        real = build_url(app, rule.endpoint, world, TABLE.get(rule.endpoint, {}).get("params"))
        for value, url in [(v, re.sub(r"<[^>]+>", v, rule.rule)) for v in WALK] + [(v, real) for v in WALK]:
            query = "&".join(f"{name}={value}" for name in NUMBER_FIELDS)
            for method in sorted({"GET", "POST"} & set(rule.methods or ())):
                target = f"{url}?{query}" if method == "GET" else url
                for role in roles:
                    checked += 1
                    data = {**dict.fromkeys(NUMBER_FIELDS, value), "action": actions[checked % len(actions)]}
                    try:  # the testing app re-raises a view's exception instead of answering 500
                        response = call(app, clients[role], connection, method, target, data)
                    except Exception as exc:  # noqa: BLE001 - every crash is a finding to list
                        problems.append(f"{method} {rule.rule} ({value[:8]}) as {role}: {exc!r}"[:200])
                        continue
                    if response.status_code >= 500 and response.status_code != 503:
                        problems.append(f"{method} {rule.rule} ({value[:8]}) as {role}: {response.status_code}")
                    response.close()
    assert checked > 1000
    assert not problems, f"{len(problems)} server errors:\n" + "\n".join(sorted(set(problems))[:60])


def test_a_huge_count_in_a_contract_line_is_a_field_error_not_an_overflow(client, login, factory, people) -> None:
    program = factory.program()
    login(people["coach"])
    form = {"organization": str(people["org_x"].id), "title": "Avtal", "period_start": "2026-01-01",
            "period_end": "2026-12-01", "status": "draft", "lines-0-id": "", "lines-0-kind": "internship",
            "lines-0-program": str(program.id), "lines-0-count": str(2**63)}
    response = client.post("/coach/contracts/new", data=form)
    assert response.status_code == 400
    assert "högst 1000" in response.get_data(as_text=True)
