"""Authorization of every route of the student area and of the public offer pages, for every role and for the wrong
owner."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.models import Application, ApplicationStatus, Invitation, InvitationStatus, SavedSearch
from matchmaker.services.applications import student as applications
from tests.fixtures.karriarsok import TODAY, World

pytestmark = pytest.mark.db

OTHER_ROLES = ["employer", "coach", "admin"]


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


@pytest.fixture
def owned(world, db_session):
    """Objects owned by student A: an application, a saved search and an invitation."""
    app = applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    pid = world.student_a.student_profile.id
    saved = SavedSearch(student_id=pid, name="A:s sökning", params={"q": "python"})
    inv = Invitation(offer_id=world.remote.id, student_id=pid)
    db_session.add_all([saved, inv])
    db_session.flush()
    return {"app": app.id, "search": saved.id, "inv": inv.id}


def student_routes(world, owned) -> list[tuple[str, str]]:
    """(method, path) of every route in the student area."""
    return [
        ("GET", "/student/"), ("GET", "/student/profile"), ("POST", "/student/profile"),
        ("POST", "/student/profile/visibility"), ("GET", "/student/profile/preview"),
        ("GET", f"/student/offers/{world.nursing.id}/apply"), ("POST", f"/student/offers/{world.nursing.id}/apply"),
        ("POST", f"/student/offers/{world.nursing.id}/dismiss"), ("GET", "/student/applications"),
        ("POST", f"/student/applications/{owned['app']}/withdraw"), ("POST", "/student/searches"),
        ("POST", f"/student/searches/{owned['search']}/open"), ("POST", f"/student/searches/{owned['search']}/delete"),
        ("POST", f"/student/invitations/{owned['inv']}/accept"),
        ("POST", f"/student/invitations/{owned['inv']}/decline"),
    ]


def _user(world, role):
    return {"employer": world.employer, "coach": world.coach, "admin": world.admin}[role]


def _call(client, method, path):
    return client.get(path) if method == "GET" else client.post(path, data={})


def test_anonymous_is_sent_to_login_everywhere_in_the_student_area(client, world, owned) -> None:
    for method, path in student_routes(world, owned):
        response = _call(client, method, path)
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/login?next="), path


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_in_the_student_area(client, login, world, owned, role, db_session) -> None:
    login(_user(world, role))
    for method, path in student_routes(world, owned):
        assert _call(client, method, path).status_code == 403, (role, method, path)
    db_session.expire_all()
    assert db_session.get(Application, owned["app"]).status == ApplicationStatus.SUBMITTED
    assert db_session.get(SavedSearch, owned["search"]) is not None


def test_the_owner_reaches_every_route(client, login, world, owned) -> None:
    login(world.student_a)
    for method, path in student_routes(world, owned):
        assert _call(client, method, path).status_code in (200, 302, 400), (method, path)


def test_student_b_cannot_touch_student_as_objects(client, login, world, owned, db_session) -> None:
    login(world.student_b)
    for path in (f"/student/applications/{owned['app']}/withdraw", f"/student/searches/{owned['search']}/open",
                 f"/student/searches/{owned['search']}/delete", f"/student/invitations/{owned['inv']}/accept",
                 f"/student/invitations/{owned['inv']}/decline"):
        assert client.post(path).status_code == 404, path
    db_session.expire_all()
    assert db_session.get(Application, owned["app"]).status == ApplicationStatus.SUBMITTED
    assert db_session.get(SavedSearch, owned["search"]) is not None
    assert db_session.get(Invitation, owned["inv"]).status == InvitationStatus.SENT
    # B's own pages show none of A's things.
    assert "A:s sökning" not in client.get("/student/").get_data(as_text=True)
    assert "Systemutvecklare" not in client.get("/student/applications").get_data(as_text=True)
    assert db_session.scalars(select(Application).where(Application.student_id == world.student_b.student_profile.id)
                              ).all() == []


def _login_as(login, world, who):
    users = {"student": world.student_a, "owner": world.employer, "other_employer": world.other_employer,
             "coach": world.coach, "admin": world.admin}
    if who != "anonymous":
        login(users[who])


ALL = ["anonymous", "student", "owner", "other_employer", "coach", "admin"]


@pytest.mark.parametrize("who", ALL)
def test_karriarsok_is_public(client, login, world, who) -> None:
    _login_as(login, world, who)
    html = client.get("/offers?q=python").get_data(as_text=True)
    assert "Systemutvecklare sommarpraktik" in html and "utkast" not in html


@pytest.mark.parametrize(("who", "draft_status"), [
    ("anonymous", 404), ("student", 404), ("other_employer", 404), ("owner", 200), ("coach", 200), ("admin", 200),
])
def test_offer_pages(client, login, world, who, draft_status) -> None:
    _login_as(login, world, who)
    assert client.get(f"/offers/{world.dev.id}").status_code == 200
    assert client.get(f"/offers/{world.expired.id}").status_code == 200
    response = client.get(f"/offers/{world.draft.id}")
    assert response.status_code == draft_status
    if draft_status == 200:
        assert "Förhandsvisning" in response.get_data(as_text=True)
    assert client.get("/offers/999999").status_code == 404


def test_student_forms_carry_csrf_tokens_and_refuse_posts_without(database_url, session_factory, world,
                                                                   db_session) -> None:
    import re

    from tests.conftest import PASSWORD, make_test_app

    client = make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True).test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"email": world.student_a.email, "password": PASSWORD, "csrf_token": token})
    for page in ("/student/profile", f"/student/offers/{world.dev.id}/apply", "/offers", "/student/"):
        assert 'name="csrf_token"' in client.get(page).get_data(as_text=True), page
    assert client.post("/student/profile/visibility", data={"visible": "1"}).status_code == 400
    db_session.expire_all()
    assert world.student_a.student_profile.visible_to_employers is False
