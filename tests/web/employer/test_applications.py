"""Applications on the employer pages: reasons, pipeline moves with messages on the student's timeline, private
notes, mails."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import Application, ApplicationStatus, Offer, User
from matchmaker.services.applications import pipeline
from tests.fixtures.employers import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


@pytest.fixture
def applied(application_to_x: tuple[Offer, User, Application]) -> tuple[Offer, User, Application]:
    """The offer, the applicant and the application of tests/fixtures/employers.py (application_to_x)."""
    return application_to_x


def test_applications_list_shows_applicants_with_match_reasons(client, login, world: World, applied) -> None:
    offer, _student, application = applied
    login(world.employer_x)
    html = client.get(f"/employer/offers/{offer.id}/applications").get_data(as_text=True)
    assert "Sara Student" in html and f"/employer/applications/{application.id}" in html
    assert "Har färdigheten Python" in html  # a reason from ranking.explain_pair, in Swedish
    assert "<meter" in html


def test_application_page_shows_profile_message_reasons_and_contact(client, login, world: World, applied) -> None:
    _offer, student, application = applied
    login(world.employer_x)
    html = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert "Jag vill gärna göra mitt exjobb hos er." in html
    assert "Har färdigheten SQL" in html
    assert student.email in html and "070-123 45 67" in html  # the student applied: contact is visible


def test_move_with_a_message_reaches_the_students_timeline(client, login, world: World, applied) -> None:
    _offer, student, application = applied
    login(world.employer_x)
    response = client.post(f"/employer/applications/{application.id}/status", data={
        "status": "interview", "message": "Välkommen på intervju tisdag kl. 10.",
        "version_id": str(application.version_id),
    })
    assert response.status_code == 303
    world.session.expire_all()
    assert application.status == ApplicationStatus.INTERVIEW
    event = application.events[-1]
    assert (event.from_status, event.to_status, event.actor_id) == (
        ApplicationStatus.SUBMITTED, ApplicationStatus.INTERVIEW, world.employer_x.id
    )
    assert event.message == "Välkommen på intervju tisdag kl. 10."
    client.post("/logout")
    login(student)
    html = client.get("/student/applications").get_data(as_text=True)
    assert "Välkommen på intervju tisdag kl. 10." in html


def test_refused_moves_change_nothing(client, login, world: World, applied) -> None:
    _offer, _student, application = applied
    with pytest.raises(ValidationError) as caught:  # accepting is the student's step
        pipeline.move(world.session, world.employer_x, application.id, "accepted")
    assert caught.value.errors == {"status": "is not a step an employer can take"}
    application.status = ApplicationStatus.WITHDRAWN
    world.session.flush()
    with pytest.raises(ValidationError):
        pipeline.move(world.session, world.employer_x, application.id, "shortlisted")
    login(world.employer_x)
    response = client.post(f"/employer/applications/{application.id}/status",
                           data={"status": "shortlisted", "version_id": str(application.version_id)})
    assert response.status_code == 400
    world.session.expire_all()
    assert application.status == ApplicationStatus.WITHDRAWN and len(application.events) == 1


def test_a_stale_move_gets_409(client, login, world: World, applied) -> None:
    _offer, _student, application = applied
    stale = str(application.version_id)
    pipeline.move(world.session, world.colleague_x, application.id, "in_review")
    world.session.commit()
    login(world.employer_x)
    response = client.post(f"/employer/applications/{application.id}/status",
                           data={"status": "declined", "message": "Nej tack", "version_id": stale})
    assert response.status_code == 409
    assert "Nej tack" in response.get_data(as_text=True)  # the typed message is kept
    world.session.expire_all()
    assert application.status == ApplicationStatus.IN_REVIEW
    with pytest.raises(Conflict):
        pipeline.save_notes(world.session, world.employer_x, application.id, "x", expected_version=int(stale))


def test_private_notes_are_saved_and_never_shown_to_the_student(client, login, world: World, applied) -> None:
    _offer, student, application = applied
    login(world.employer_x)
    response = client.post(f"/employer/applications/{application.id}/notes",
                           data={"notes": "Stark kandidat, ring henne.", "version_id": str(application.version_id)})
    assert response.status_code == 303
    world.session.expire_all()
    assert application.employer_notes == "Stark kandidat, ring henne."
    assert "Stark kandidat" in client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    client.post("/logout")
    login(student)
    # The pages the student uses. (What the GDPR data export holds is decided with the export, not here.)
    for url in ("/student/", "/student/applications"):
        assert "Stark kandidat" not in client.get(url).get_data(as_text=True), url


def test_withdrawn_applicants_contact_is_hidden_on_the_page(client, login, world: World, applied) -> None:
    _offer, student, application = applied
    application.status = ApplicationStatus.WITHDRAWN
    world.session.flush()
    login(world.employer_x)
    html = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert student.email not in html and "070-123 45 67" not in html


def test_a_move_mails_the_student_in_their_language_with_the_message(client, login, world: World, applied) -> None:
    from matchmaker.models import Locale, OutboxMail

    _offer, student, application = applied
    pipeline.save_notes(world.session, world.employer_x, application.id, "Privat: stark kandidat")
    world.session.commit()
    login(world.employer_x)
    client.post(f"/employer/applications/{application.id}/status", data={
        "status": "interview", "message": "Välkommen på intervju tisdag kl. 10.",
        "version_id": str(application.version_id),
    })
    mails = world.session.scalars(select(OutboxMail).where(OutboxMail.to_address == student.email)).all()
    assert len(mails) == 1
    assert mails[0].subject == "Din ansökan till Dataanalys i Python: Intervju"
    assert "har uppdaterat din ansökan" in mails[0].body and "Den har nu status: Intervju." in mails[0].body
    assert "Välkommen på intervju tisdag kl. 10." in mails[0].body and "/student/applications" in mails[0].body
    assert "Privat: stark kandidat" not in mails[0].body  # private notes never leave the employer

    student.locale = Locale.EN
    world.session.expire(application)
    client.post(f"/employer/applications/{application.id}/status", data={
        "status": "offered", "message": "", "version_id": str(application.version_id),
    })
    latest = world.session.scalars(select(OutboxMail).where(OutboxMail.to_address == student.email)
                                   .order_by(OutboxMail.id.desc())).first()
    assert latest.subject == "Your application to Dataanalys i Python: Offered a place"
    assert "Their message" not in latest.body


def test_a_refused_move_mails_nobody(client, login, world: World, applied) -> None:
    from matchmaker.models import OutboxMail

    _offer, student, application = applied
    login(world.employer_x)
    response = client.post(f"/employer/applications/{application.id}/status", data={
        "status": "accepted", "version_id": str(application.version_id),
    })
    assert response.status_code == 400
    assert world.session.scalar(select(OutboxMail).where(OutboxMail.to_address == student.email)) is None
