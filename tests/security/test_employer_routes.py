"""Every employer route for every role: anonymous, student, coach, admin, the owning employer and another one."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from matchmaker.models import Application, Invitation, Offer, OfferStatus
from tests.conftest import PASSWORD, make_test_app
from tests.fixtures.employers import World, offer_form

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def _routes(offer: Offer, application: Application, student_id: int) -> list[tuple[str, str, dict]]:
    o, a = offer.id, application.id
    version = {"version_id": str(offer.version_id)}
    return [
        ("GET", "/employer/", {}),
        ("GET", "/employer/organization", {}),
        ("POST", "/employer/organization", {"name": offer.organization.name, "sector": "company", "municipality": ""}),
        ("POST", "/employer/organization/colleagues", {"colleague_name": "Ny Kollega",
                                                       "colleague_email": "ny.kollega@example.org"}),
        ("GET", "/employer/contracts", {}),
        ("GET", "/employer/offers", {}),
        ("GET", "/employer/offers/new", {}),
        ("POST", "/employer/offers/new", offer_form()),
        ("GET", f"/employer/offers/{o}", {}),
        ("GET", f"/employer/offers/{o}/edit", {}),
        ("POST", f"/employer/offers/{o}/edit", offer_form(**version)),
        ("POST", f"/employer/offers/{o}/submit", version),
        ("POST", f"/employer/offers/{o}/close", version),
        ("POST", f"/employer/offers/{o}/fill", version),
        ("GET", f"/employer/offers/{o}/applications", {}),
        ("GET", f"/employer/applications/{a}", {}),
        ("POST", f"/employer/applications/{a}/status", {"status": "in_review", "message": "",
                                                        "version_id": str(application.version_id)}),
        ("POST", f"/employer/applications/{a}/notes", {"notes": "hemligt",
                                                       "version_id": str(application.version_id)}),
        ("GET", f"/employer/offers/{o}/candidates", {}),
        ("POST", f"/employer/offers/{o}/candidates/{student_id}/invite", {"message": "Sök gärna!"}),
    ]


# Routes about one object of organisation X: employer Y must get 404 (existence not leaked).
OBJECT_ROUTE_MARKERS = ("/offers/", "/applications/")


def _call(client, method: str, url: str, data: dict):
    return client.get(url) if method == "GET" else client.post(url, data=data)


@pytest.fixture
def setup(world: World):
    offer = world.offer_x(status=OfferStatus.DRAFT)
    applicant = world.consenting_student()
    other_offer = world.offer_x()
    application = world.apply(applicant, other_offer)
    candidate = world.consenting_student()
    assert candidate.student_profile is not None
    return offer, application, candidate.student_profile.id


def _state(world: World, offer: Offer, application: Application) -> tuple:
    world.session.expire_all()
    org = world.employer_x.organization
    assert org is not None
    return (
        offer.status, offer.version_id, offer.title, application.status, application.employer_notes,
        application.version_id, org.name, len(org.members),
        world.session.scalar(select(func.count(Invitation.id))),
    )


def test_anonymous_is_sent_to_login_everywhere(client, world, setup) -> None:
    offer, application, student_id = setup
    before = _state(world, offer, application)
    for method, url, data in _routes(offer, application, student_id):
        response = _call(client, method, url, data)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/login"), (method, url)
    assert _state(world, offer, application) == before


@pytest.mark.parametrize("who", ["student", "coach", "admin"])
def test_other_roles_are_refused_everywhere(client, login, world, setup, who) -> None:
    offer, application, student_id = setup
    before = _state(world, offer, application)
    login(getattr(world, who))
    for method, url, data in _routes(offer, application, student_id):
        assert _call(client, method, url, data).status_code == 403, (who, method, url)
    assert _state(world, offer, application) == before


def test_employer_of_another_organisation_gets_404_for_x_objects(client, login, world, setup) -> None:
    offer, application, student_id = setup
    before = _state(world, offer, application)
    login(world.employer_y)
    for method, url, data in _routes(offer, application, student_id):
        if not any(marker in url for marker in OBJECT_ROUTE_MARKERS) or url.endswith("/offers/new"):
            continue
        assert _call(client, method, url, data).status_code == 404, (method, url)
    assert _state(world, offer, application) == before


def test_employer_y_pages_show_nothing_of_x(client, login, world, setup) -> None:
    offer, application, _student_id = setup
    login(world.employer_y)
    for url in ("/employer/", "/employer/offers", "/employer/organization", "/employer/contracts"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert offer.title not in body and application.offer.title not in body, url
        assert world.employer_x.organization.name not in body, url


def test_owning_employer_and_colleague_reach_every_route(client, login, world, setup) -> None:
    offer, application, student_id = setup
    for who in (world.employer_x, world.colleague_x):
        login(who)
        for method, url, _data in _routes(offer, application, student_id):
            if method == "GET":
                assert client.get(url).status_code == 200, (who, url)
        client.post("/logout")


def test_owning_employer_posts_succeed(client, login, world, setup) -> None:
    offer, application, student_id = setup
    login(world.employer_x)
    expected = {
        "/employer/organization": 302,
        "/employer/organization/colleagues": 302,
        "/employer/offers/new": 303,
        f"/employer/offers/{offer.id}/edit": 303,
        f"/employer/applications/{application.id}/status": 303,
        f"/employer/applications/{application.id}/notes": 303,
    }
    for target, status in expected.items():
        world.session.expire_all()  # each form carries the current version, as a freshly loaded page would
        method, url, data = next(r for r in _routes(offer, application, student_id) if r[:2] == ("POST", target))
        assert _call(client, method, url, data).status_code == status, url


@pytest.fixture
def csrf_client(database_url, session_factory):
    return make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True).test_client()


def _csrf_login(csrf_client, who) -> str:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', csrf_client.get("/login").get_data(as_text=True))
    csrf_client.post("/login", data={"email": who.email, "password": PASSWORD, "csrf_token": token.group(1)})
    return token.group(1)


def test_every_employer_post_needs_the_csrf_token(csrf_client, world, setup) -> None:
    offer, application, student_id = setup
    _csrf_login(csrf_client, world.employer_x)
    before = _state(world, offer, application)
    for method, url, data in _routes(offer, application, student_id):
        if method == "POST":
            assert csrf_client.post(url, data=data).status_code == 400, url
    assert _state(world, offer, application) == before


def test_employer_forms_carry_a_working_csrf_token(csrf_client, world, setup) -> None:
    offer, application, _student_id = setup
    _csrf_login(csrf_client, world.employer_x)
    for page, target, data in (
        (f"/employer/offers/{offer.id}/edit", f"/employer/offers/{offer.id}/edit",
         offer_form(title="Med token", version_id=str(offer.version_id))),
        (f"/employer/applications/{application.id}", f"/employer/applications/{application.id}/notes",
         {"notes": "med token", "version_id": str(application.version_id)}),
        (f"/employer/offers/{offer.id}", f"/employer/offers/{offer.id}/close", {"version_id": "2"}),
    ):
        html = csrf_client.get(page).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html.split("<main", 1)[1]).group(1)
        assert csrf_client.post(target, data={**data, "csrf_token": token}).status_code == 303, target
    world.session.expire_all()
    assert (offer.title, offer.status, application.employer_notes) == ("Med token", OfferStatus.CLOSED, "med token")


def test_an_employer_without_organisation_gets_a_friendly_dashboard_and_404_elsewhere(client, login, world) -> None:
    from matchmaker.models import Role

    loner = world.factory.user(Role.EMPLOYER, organization=None)
    loner.organization = None
    world.session.flush()
    offer = world.offer_x()
    login(loner)
    response = client.get("/employer/")
    assert response.status_code == 200 and "inte kopplat till någon organisation" in response.get_data(as_text=True)
    for url in ("/employer/organization", f"/employer/offers/{offer.id}", "/employer/contracts"):
        assert client.get(url).status_code == 404, url
    assert client.post("/employer/offers/new", data=offer_form()).status_code == 404
