"""Applying through the student pages: one application per offer, the timeline, withdrawing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound
from matchmaker.models import Application, ApplicationStatus, OfferStatus
from matchmaker.services.applications import student as applications
from tests.fixtures.karriarsok import TODAY, World

pytestmark = pytest.mark.db
S = ApplicationStatus


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def _count(db_session) -> int:
    return db_session.scalar(select(func.count(Application.id)))


def test_apply_attaches_the_profile_as_it_is_now(client, login, world, db_session) -> None:
    login(world.student_a)
    assert client.get(f"/student/offers/{world.dev.id}/apply").status_code == 200
    response = client.post(f"/student/offers/{world.dev.id}/apply", data={"message": "Jag vill gärna!"})
    assert response.status_code == 302 and response.headers["Location"] == "/student/applications"
    app = db_session.scalar(select(Application).where(Application.offer_id == world.dev.id))
    assert app.message == "Jag vill gärna!" and app.status == S.SUBMITTED
    assert app.profile_snapshot["skills"] == ["Python"] and app.profile_snapshot["email"] == "anna@example.org"
    assert [(e.from_status, e.to_status) for e in app.events] == [(None, S.SUBMITTED)]
    # Later profile changes do not alter what the employer received.
    world.student_a.student_profile.skills = ["Cobol"]
    db_session.flush()
    db_session.refresh(app)
    assert app.profile_snapshot["skills"] == ["Python"]


def test_second_application_gets_a_friendly_message(client, login, world, db_session) -> None:
    login(world.student_a)
    client.post(f"/student/offers/{world.dev.id}/apply", data={"message": "Första"})
    response = client.post(f"/student/offers/{world.dev.id}/apply", data={"message": "Andra"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "du har redan sökt det här erbjudandet" in html and "Andra" in html
    assert _count(db_session) == 1
    assert "Du har redan sökt det här erbjudandet" in client.get(f"/student/offers/{world.dev.id}/apply").get_data(
        as_text=True)


def test_only_open_offers_take_applications(client, login, world, db_session) -> None:
    login(world.student_a)
    response = client.post(f"/student/offers/{world.expired.id}/apply", data={"message": "Hej"})
    assert response.status_code == 400
    assert "tar inte längre emot ansökningar" in response.get_data(as_text=True)
    for offer in (world.draft, world.closed):
        assert client.post(f"/student/offers/{offer.id}/apply", data={"message": "Hej"}).status_code == 404
    assert client.post("/student/offers/999999/apply", data={"message": "Hej"}).status_code == 404
    assert _count(db_session) == 0


def test_too_long_message_is_named_and_nothing_saved(client, login, world, db_session) -> None:
    login(world.student_a)
    response = client.post(f"/student/offers/{world.dev.id}/apply", data={"message": "x" * 5001})
    assert response.status_code == 400 and "är för lång" in response.get_data(as_text=True)
    assert _count(db_session) == 0


def test_list_shows_own_applications_with_timeline(client, login, world, db_session) -> None:
    mine = applications.apply(db_session, world.student_a, world.dev.id, "Hej", TODAY)
    applications.apply(db_session, world.student_b, world.nursing.id, "Hej", TODAY)
    applications.record_event(db_session, mine, S.IN_REVIEW, world.employer, "Vi tittar på den")
    login(world.student_a)
    html = client.get("/student/applications").get_data(as_text=True)
    assert "Systemutvecklare sommarpraktik" in html and "Sjuksköterska" not in html
    assert "Skickad" in html and "Under granskning" in html and "Vi tittar på den" in html
    assert "Återkalla ansökan" in html


def test_withdraw_records_an_event(client, login, world, db_session) -> None:
    app = applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    login(world.student_a)
    assert client.post(f"/student/applications/{app.id}/withdraw").status_code == 302
    db_session.refresh(app)
    assert app.status == S.WITHDRAWN and app.events[-1].to_status == S.WITHDRAWN
    assert app.events[-1].actor_id == world.student_a.id


@pytest.mark.parametrize("final", [S.ACCEPTED, S.DECLINED, S.WITHDRAWN])
def test_final_applications_cannot_be_withdrawn(client, login, world, db_session, final) -> None:
    app = applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    app.status = final
    db_session.flush()
    login(world.student_a)
    response = client.post(f"/student/applications/{app.id}/withdraw")
    assert response.status_code == 400
    db_session.refresh(app)
    assert app.status == final and len(app.events) == 1


def test_another_students_application_does_not_exist(client, login, world, db_session) -> None:
    app = applications.apply(db_session, world.student_b, world.nursing.id, "", TODAY)
    login(world.student_a)
    assert client.post(f"/student/applications/{app.id}/withdraw").status_code == 404
    db_session.refresh(app)
    assert app.status == S.SUBMITTED
    with pytest.raises(NotFound):
        applications.get_own(db_session, world.student_a, app.id)


def test_unpublishing_after_applying_keeps_the_application(client, login, world, db_session) -> None:
    applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    world.dev.status = OfferStatus.CLOSED
    db_session.flush()
    login(world.student_a)
    assert "Systemutvecklare sommarpraktik" in client.get("/student/applications").get_data(as_text=True)
