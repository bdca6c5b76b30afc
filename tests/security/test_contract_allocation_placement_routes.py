"""Every route of contracts, allocation rounds, placements and reports for every role: anonymous, student A/B,
employer X/Y, coach, admin.

Student A takes part in the round and holds the placement; student B does neither. Employer X's offer is in
the round and hosts the placement; employer Y has neither. Wrong owners get 404 (existence is not leaked).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from matchmaker.models import Placement
from matchmaker.services.allocation import rounds as allocation
from tests.conftest import PASSWORD, make_test_app
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db
SOON = date.today() + timedelta(days=7)  # the ranking deadline of the rounds opened here

ROLES = ["anonymous", "student_a", "student_b", "employer_x", "employer_y", "coach", "admin"]


@pytest.fixture
def world(db_session, factory, people):
    program = factory.program()
    offer = factory.offer(people["org_x"], title="Hemlig praktik hos X")
    contract = make_contract(db_session, people["org_x"], program)
    found = allocation.create_round(db_session, people["coach"], "Runda", 2)
    allocation.add_offer(db_session, people["coach"], found, offer.id, 1)
    allocation._add_students(db_session, people["coach"], found, [people["student_a"].student_profile.id], "test")
    allocation.open_round(db_session, people["coach"], found, SOON)
    placement = Placement(student_id=people["student_a"].student_profile.id, offer_id=offer.id,
                          period_start=date(2026, 6, 1), term="VT2026")
    db_session.add(placement)
    db_session.flush()
    return {"contract": contract.id, "round": found.id, "placement": placement.id, "offer": offer.id,
            "line": contract.commitments[0].id, "program": program.id, "version": contract.version_id}


def coach_routes(w):
    """(method, url, data) of every coach route."""
    c, r, p = w["contract"], w["round"], w["placement"]
    edit = {"version_id": str(w["version"]), "organization": "", "title": ""}
    return [
        ("GET", "/coach/contracts", None), ("GET", "/coach/contracts.csv", None),
        ("GET", f"/coach/contracts/{c}", None), ("GET", f"/coach/contracts/{c}.csv", None),
        ("GET", "/coach/contracts/new", None), ("GET", f"/coach/contracts/{c}/edit", None),
        ("POST", "/coach/contracts/new", {"title": ""}), ("POST", f"/coach/contracts/{c}/edit", edit),
        ("GET", "/coach/allocation", None), ("POST", "/coach/allocation", {"name": ""}),
        ("GET", f"/coach/allocation/{r}", None), ("POST", f"/coach/allocation/{r}/run", {}),
        ("GET", "/coach/placements", None), ("GET", "/coach/placements.csv", None),
        ("POST", f"/coach/placements/{p}/completed", {"completed": "yes"}),
        ("POST", f"/coach/placements/{p}/region", {"stayed": "yes"}),
        ("GET", "/coach/reports", None), ("GET", "/coach/reports/kind.csv", None),
    ]


def student_routes(w):
    r, p, o = w["round"], w["placement"], w["offer"]
    return [
        ("GET", "/student/allocation", None), ("GET", f"/student/allocation/{r}", None),
        ("POST", f"/student/allocation/{r}", {"choice-1": str(o)}),
        ("GET", "/student/placements", None),
        ("POST", f"/student/placements/{p}/feedback", {"rating": "4", "would_recommend": "yes"}),
    ]


def employer_routes(w):
    r, p, o = w["round"], w["placement"], w["offer"]
    return [
        ("GET", "/employer/allocation", None), ("GET", f"/employer/allocation/{r}", None),
        ("POST", f"/employer/allocation/{r}", {"offer": str(o)}),
        ("GET", "/employer/placements", None),
        ("POST", f"/employer/placements/{p}/feedback", {"rating": "4", "hired": "no"}),
    ]


def _call(client, method, url, data):
    return client.get(url) if method == "GET" else client.post(url, data=data)


def _expected(role: str, area: str, method: str, url: str) -> int:
    if role == "anonymous":
        return 302
    if role.split("_")[0] != area:
        return 403
    if area == "coach":
        if method == "GET":
            return 200
        return 400 if url.endswith(("/new", "/edit", "/allocation")) else 302
    owner = role in ("student_a", "employer_x")
    listing = url in ("/student/allocation", "/student/placements", "/employer/allocation", "/employer/placements")
    if listing:
        return 200
    if not owner:
        return 404
    return 200 if method == "GET" else 302


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(client, login, people, world, role) -> None:
    if role != "anonymous":
        login(people[role])
    routes = [("coach", *x) for x in coach_routes(world)] + [("student", *x) for x in student_routes(world)] + \
        [("employer", *x) for x in employer_routes(world)]
    for area, method, url, data in routes:
        response = _call(client, method, url, data)
        expected = _expected(role, area, method, url)
        assert response.status_code == expected, (role, method, url, response.status_code)
        if expected == 302 and role == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("role", ["student_b", "employer_y"])
def test_lists_show_nothing_of_others(client, login, people, world, role) -> None:
    login(people[role])
    area = role.split("_")[0]
    for url in (f"/{area}/allocation", f"/{area}/placements"):
        html = client.get(url).get_data(as_text=True)
        assert "Hemlig praktik hos X" not in html and "Runda" not in html, url


def test_draft_round_is_invisible_to_its_student(client, login, db_session, people, world) -> None:
    found = allocation.create_round(db_session, people["coach"], "Utkast", 1)
    allocation._add_students(db_session, people["coach"], found, [people["student_a"].student_profile.id], "test")
    login(people["student_a"])
    assert client.get(f"/student/allocation/{found.id}").status_code == 404
    assert "Utkast" not in client.get("/student/allocation").get_data(as_text=True)


def test_posts_need_a_csrf_token(database_url, session_factory, people, world) -> None:
    app = make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    # Log in with the token of the login page, then post without tokens.
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert client.post("/login", data={"email": people["coach"].email, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    for url in ("/coach/contracts/new", "/coach/allocation", f"/coach/allocation/{world['round']}/run",
                f"/coach/placements/{world['placement']}/completed"):
        assert client.post(url, data={"completed": "yes"}).status_code == 400, url
