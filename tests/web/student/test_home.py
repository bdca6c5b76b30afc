"""The student's start page: recommendations and "not interested", saved searches, invitations, coach picks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import (
    DismissedOffer,
    Invitation,
    InvitationStatus,
    MatchRun,
    MatchStatus,
    MatchSuggestion,
    RunStatus,
    SavedSearch,
    utcnow,
)
from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def _home(client) -> str:
    response = client.get("/student/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_recommendations_show_reasons(client, login, world) -> None:
    login(world.student_a)
    html = _home(client)
    section = html.split('id="rec-heading"', 1)[1]
    assert "Systemutvecklare sommarpraktik" in section and "<meter" in section
    assert "Färdigheter du har:" in section


def test_not_interested_removes_an_offer_for_good(client, login, world, db_session) -> None:
    login(world.student_a)
    assert "Systemutvecklare sommarpraktik" in _home(client).split('id="rec-heading"', 1)[1]
    response = client.post(f"/student/offers/{world.dev.id}/dismiss", data={"next": "/student/"})
    assert response.status_code == 302 and response.headers["Location"] == "/student/"
    assert db_session.get(DismissedOffer, (world.student_a.student_profile.id, world.dev.id)) is not None
    assert "Systemutvecklare sommarpraktik" not in _home(client).split('id="rec-heading"', 1)[1]
    # Twice is harmless; drafts and unknown offers do not exist.
    assert client.post(f"/student/offers/{world.dev.id}/dismiss").status_code == 302
    assert client.post(f"/student/offers/{world.draft.id}/dismiss").status_code == 404
    assert client.post("/student/offers/999999/dismiss").status_code == 404


def test_dismiss_refuses_foreign_redirects(client, login, world) -> None:
    login(world.student_a)
    response = client.post(f"/student/offers/{world.dev.id}/dismiss", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/student/"


def test_save_search_and_count_new_offers(client, login, factory, world, db_session) -> None:
    login(world.student_a)
    response = client.post("/student/searches", data={"name": "Pythonjobb", "q": "python", "remote": "1"})
    assert response.status_code == 302
    saved = db_session.scalar(select(SavedSearch).where(SavedSearch.student_id == world.student_a.student_profile.id))
    assert saved.name == "Pythonjobb" and saved.params == {"q": "python", "remote": "1"}
    assert "inget nytt" in _home(client)
    # Two new matching offers and one that does not match the query.
    saved.last_seen_at = utcnow() - timedelta(hours=1)
    db_session.flush()
    for title in ("Python på distans", "Mer Python på distans"):
        factory.offer(world.org, title=title, description="Python", remote=True, published_at=utcnow())
    factory.offer(world.org, title="Lager", description="Truck", remote=True, published_at=utcnow())
    assert "2 nya" in _home(client)
    response = client.post(f"/student/searches/{saved.id}/open")
    assert response.status_code == 302 and response.headers["Location"].startswith("/offers?")
    assert "q=python" in response.headers["Location"] and "remote=1" in response.headers["Location"]
    db_session.refresh(saved)
    assert saved.last_seen_at > utcnow() - timedelta(minutes=1)
    assert "inget nytt" in _home(client)


def test_save_search_without_name_is_named_and_keeps_the_page(client, login, world, db_session) -> None:
    login(world.student_a)
    response = client.post("/student/searches", data={"name": " ", "q": "python"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Sökningens namn: måste fyllas i" in html and "Systemutvecklare sommarpraktik" in html
    assert db_session.scalar(select(SavedSearch)) is None


def test_delete_saved_search(client, login, world, db_session) -> None:
    login(world.student_a)
    client.post("/student/searches", data={"name": "Min", "q": "vård"})
    saved = db_session.scalar(select(SavedSearch))
    assert client.post(f"/student/searches/{saved.id}/delete").status_code == 302
    assert db_session.scalar(select(SavedSearch)) is None


def test_invitation_accept_goes_on_to_apply(client, login, world, db_session) -> None:
    inv = Invitation(offer_id=world.dev.id, student_id=world.student_a.student_profile.id,
                     sent_by_id=world.employer.id, message="Sök gärna hos oss!")
    db_session.add(inv)
    db_session.flush()
    login(world.student_a)
    html = _home(client)
    assert "Sök gärna hos oss!" in html and "Tacka ja och sök" in html
    response = client.post(f"/student/invitations/{inv.id}/accept")
    assert response.headers["Location"] == f"/student/offers/{world.dev.id}/apply"
    db_session.refresh(inv)
    assert inv.status == InvitationStatus.ACCEPTED
    # An answered invitation cannot be answered again.
    client.post(f"/student/invitations/{inv.id}/decline")
    db_session.refresh(inv)
    assert inv.status == InvitationStatus.ACCEPTED


def test_invitation_decline(client, login, world, db_session) -> None:
    inv = Invitation(offer_id=world.nursing.id, student_id=world.student_b.student_profile.id)
    db_session.add(inv)
    db_session.flush()
    login(world.student_b)
    assert client.post(f"/student/invitations/{inv.id}/decline").headers["Location"] == "/student/"
    db_session.refresh(inv)
    assert inv.status == InvitationStatus.DECLINED


def test_coach_recommendations_from_the_current_run(client, login, world, db_session) -> None:
    old = MatchRun(status=RunStatus.SUCCEEDED, is_current=False)
    current = MatchRun(status=RunStatus.SUCCEEDED, is_current=True)
    db_session.add_all([old, current])
    db_session.flush()
    sid = world.student_b.student_profile.id
    db_session.add_all([
        MatchSuggestion(run_id=current.id, student_id=sid, offer_id=world.nursing.id, score=0.8,
                        status=MatchStatus.RECOMMENDED, coach_note="Passar dig perfekt"),
        MatchSuggestion(run_id=current.id, student_id=sid, offer_id=world.dev.id, score=0.3,
                        status=MatchStatus.SUGGESTED),
        MatchSuggestion(run_id=old.id, student_id=sid, offer_id=world.remote.id, score=0.9,
                        status=MatchStatus.RECOMMENDED),
    ])
    db_session.flush()
    login(world.student_b)
    section = _home(client).split('id="coach-heading"', 1)[1].split("</section>", 1)[0]
    assert "Rekommenderat av din karriärvägledare" in _home(client)
    assert "Sjuksköterska vid vårdcentral" in section
    # The coach's note is an internal note between coaches: never on the student's page.
    assert "Passar dig perfekt" not in _home(client)
    assert "Systemutvecklare" not in section and "maskininlärning" not in section


def test_new_counts_are_capped(client, login, factory, world, db_session, monkeypatch) -> None:
    from matchmaker.services.karriarsok import search

    monkeypatch.setattr(search, "NEW_CAP", 1)
    login(world.student_a)
    client.post("/student/searches", data={"name": "Python", "q": "python"})
    saved = db_session.scalar(select(SavedSearch))
    saved.last_seen_at = utcnow() - timedelta(hours=1)
    db_session.flush()
    for n in range(3):
        factory.offer(world.org, title=f"Python {n}", description="Python", published_at=utcnow())
    assert "1+ nya" in _home(client)
