"""Every route of the review queue and matching runs, for every role: only coaches get in."""

from __future__ import annotations

import pytest

from matchmaker.models import MatchRun, MatchSuggestion, OfferStatus, Role, RunStatus, utcnow

pytestmark = pytest.mark.db


# (method, url template, status for a coach)
ROUTES = [
    ("GET", "/coach/", 200),
    ("GET", "/coach/review", 200),
    ("GET", "/coach/review/offers/{offer}", 200),
    ("POST", "/coach/review/offers/{offer}/approve", 302),
    ("POST", "/coach/review/offers/{offer}/request-changes", 400),  # no comment given
    ("POST", "/coach/review/offers/{offer}/reject", 400),  # no reason given
    ("POST", "/coach/review/organizations/{org}/verify", 302),
    ("GET", "/coach/matching", 200),
    ("POST", "/coach/matching/runs", 400),  # no parameters given
    ("GET", "/coach/matching/runs", 200),
    ("GET", "/coach/matching/runs/{run}", 200),
    ("GET", "/coach/matching/matches", 200),
    ("POST", "/coach/matching/matches/{match}/recommend", 302),
    ("POST", "/coach/matching/matches/{match}/dismiss", 302),
    ("POST", "/coach/matching/matches/{match}/note", 302),
]


@pytest.fixture
def objects(factory, db_session):
    offer = factory.offer(status=OfferStatus.SUBMITTED, submitted_at=utcnow())
    org = factory.organization(verified=False)
    student = factory.student()
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True, parameters={"k": 5, "threshold": 0.2},
                   counts={"students": 1, "offers": 1, "matches": 1, "programs": {}})
    db_session.add(run)
    db_session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=student.student_profile.id, offer_id=factory.offer().id,
                            score=0.5, reasons=[{"kind": "term", "label": "python", "weight": 0.3}])
    db_session.add(match)
    db_session.flush()
    return {"offer": offer.id, "org": org.id, "run": run.id, "match": match.id}


def _call(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, data={})


@pytest.mark.parametrize("method, template, _ok", ROUTES)
def test_anonymous_is_sent_to_login(client, objects, method, template, _ok) -> None:
    response = _call(client, method, template.format(**objects))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.STUDENT, Role.EMPLOYER, Role.ADMIN])
@pytest.mark.parametrize("method, template, _ok", ROUTES)
def test_other_roles_are_refused(client, factory, login, objects, role, method, template, _ok) -> None:
    login(factory.user(role))
    assert _call(client, method, template.format(**objects)).status_code == 403


@pytest.mark.parametrize("method, template, ok", ROUTES)
def test_coach_gets_in(client, factory, login, objects, method, template, ok) -> None:
    login(factory.user(Role.COACH))
    assert _call(client, method, template.format(**objects)).status_code == ok


@pytest.mark.parametrize("method, template", [
    ("GET", "/coach/review/offers/{missing}"),
    ("POST", "/coach/review/offers/{missing}/approve"),
    ("POST", "/coach/review/offers/{missing}/request-changes"),
    ("POST", "/coach/review/offers/{missing}/reject"),
    ("POST", "/coach/review/organizations/{missing}/verify"),
    ("GET", "/coach/matching/runs/{missing}"),
    ("POST", "/coach/matching/matches/{missing}/recommend"),
    ("POST", "/coach/matching/matches/{missing}/dismiss"),
    ("POST", "/coach/matching/matches/{missing}/note"),
])
def test_unknown_ids_are_404_for_coaches(client, factory, login, method, template) -> None:
    login(factory.user(Role.COACH))
    assert _call(client, method, template.format(missing=987654)).status_code == 404


def test_get_never_changes_a_match_or_offer(client, factory, login, objects, db_session) -> None:
    login(factory.user(Role.COACH))
    for suffix in ("recommend", "dismiss", "note"):
        assert client.get(f"/coach/matching/matches/{objects['match']}/{suffix}").status_code == 405
    assert client.get(f"/coach/review/offers/{objects['offer']}/approve").status_code == 405


def test_posts_without_csrf_token_are_refused(database_url, session_factory, factory, objects, db_session) -> None:
    from matchmaker.models import Offer
    from tests.conftest import PASSWORD, make_test_app

    client = make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True).test_client()
    coach = factory.user(Role.COACH)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post("/login", data={"email": coach.email, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    for template in ("/coach/review/offers/{offer}/approve", "/coach/review/organizations/{org}/verify",
                     "/coach/matching/matches/{match}/recommend"):
        assert client.post(template.format(**objects), data={}).status_code == 400
    assert db_session.get(Offer, objects["offer"]).status == OfferStatus.SUBMITTED
