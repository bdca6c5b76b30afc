"""Object-level access: students see only their own data; employers see only their own organisation's offers and
applicants, and only students who consented or applied; withdrawn consent takes effect at once."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, make_test_app
from tests.security.world import build_world

pytestmark = pytest.mark.db


@pytest.fixture
def world(db_session, factory):
    w = build_world(db_session, factory)
    # Profiles that clearly match X's offer, so the ranking lists them when they may be listed.
    for key in ("student_a", "student_b", "student_c"):
        profile = w.users[key].student_profile
        profile.about = "Systemutveckling och dataanalys, examensarbete"
        profile.skills = ["python", "dataanalys", "systemutveckling"]
    db_session.flush()
    return w


@pytest.fixture
def app_(database_url, session_factory):
    return make_test_app(database_url, session_factory, RATELIMIT_ENABLED=False)


def _client(app, world, role):
    client = app.test_client()
    assert client.post("/login", data={"email": world.users[role].email, "password": PASSWORD}).status_code == 302
    return client


def _marker(world, key: str) -> str:
    return f'id="student-{world.users[key].student_profile.id}"'


def test_employer_candidates_show_only_consenting_students_and_withdrawal_is_immediate(app_, world) -> None:
    x = _client(app_, world, "employer_x")
    url = f"/employer/offers/{world.ids['offer_x']}/candidates"
    html = x.get(url).get_data(as_text=True)
    assert _marker(world, "student_a") in html  # consented
    assert _marker(world, "student_c") not in html  # never consented, never applied
    assert world.users["student_c"].email not in html and world.users["student_a"].email not in html
    # Inviting a non-consenting student is refused as if the student did not exist.
    invite = f"/employer/offers/{world.ids['offer_x2']}/candidates/{world.ids['profile_c']}/invite"
    assert x.post(invite, data={"message": "Hej"}).status_code == 404
    # A withdraws consent: gone from X's candidates on the very next request, and cannot be invited.
    a = _client(app_, world, "student_a")
    assert a.post("/student/profile/visibility", data={"visible": "0"}).status_code == 302
    html = x.get(url).get_data(as_text=True)
    assert _marker(world, "student_a") not in html
    invite_a = f"/employer/offers/{world.ids['offer_x2']}/candidates/{world.ids['profile_a']}/invite"
    assert x.post(invite_a, data={"message": "Hej"}).status_code == 404


def test_employer_sees_own_applicants_only(app_, world) -> None:
    x = _client(app_, world, "employer_x")
    y = _client(app_, world, "employer_y")
    own = x.get(f"/employer/offers/{world.ids['offer_x']}/applications").get_data(as_text=True)
    assert world.users["student_a"].student_profile.name in own
    assert world.users["student_b"].student_profile.name not in own  # B applied to Y, not X
    # Y can neither list X's applicants nor open, move or annotate A's application to X.
    assert y.get(f"/employer/offers/{world.ids['offer_x']}/applications").status_code == 404
    assert y.get(f"/employer/applications/{world.ids['application_a']}").status_code == 404
    assert y.post(f"/employer/applications/{world.ids['application_a']}/notes",
                  data={"notes": "mine now"}).status_code == 404
    assert x.get(f"/employer/applications/{world.ids['application_b']}").status_code == 404
    # Nor see or change Y's offers.
    assert x.get(f"/employer/offers/{world.ids['offer_y']}").status_code == 404
    assert x.get(f"/employer/offers/{world.ids['offer_y']}/edit").status_code == 404
    assert x.post(f"/employer/offers/{world.ids['offer_y']}/close").status_code == 404
    assert "Y offer" not in x.get("/employer/offers").get_data(as_text=True)


def test_students_see_only_their_own_applications_and_data(app_, world) -> None:
    a = _client(app_, world, "student_a")
    b = _client(app_, world, "student_b")
    listing = b.get("/student/applications").get_data(as_text=True)
    assert "X offer" not in listing  # A's application is not in B's list
    assert b.post(f"/student/applications/{world.ids['application_a']}/withdraw").status_code == 404
    assert b.post(f"/student/invitations/{world.ids['invitation_a']}/accept").status_code == 404
    assert b.post(f"/student/searches/{world.ids['search_a']}/delete").status_code == 404
    export_b = b.get("/student/export").get_json()
    assert export_b["account"]["email"] == world.users["student_b"].email
    assert world.users["student_a"].email not in str(export_b)
    preview_a = a.get("/student/profile/preview").get_data(as_text=True)
    assert world.users["student_b"].student_profile.name not in preview_a


def test_unpublished_offers_are_not_public(app_, world) -> None:
    anonymous = app_.test_client()
    assert anonymous.get(f"/offers/{world.ids['offer_x']}").status_code == 200
    assert anonymous.get(f"/offers/{world.ids['offer_x_draft']}").status_code == 404
    assert anonymous.get(f"/offers/{world.ids['offer_x_submitted']}").status_code == 404
    a = _client(app_, world, "student_a")
    assert a.get(f"/offers/{world.ids['offer_x_draft']}").status_code == 404
    y = _client(app_, world, "employer_y")
    assert y.get(f"/offers/{world.ids['offer_x_draft']}").status_code == 404
