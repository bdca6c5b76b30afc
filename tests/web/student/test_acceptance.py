"""Accepting and declining an offered place through the pages: asked first, in both languages, refused clearly."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.models import ApplicationStatus, Locale, OfferStatus, Placement, Role
from matchmaker.services.applications import pipeline
from matchmaker.services.applications import student as applications

pytestmark = pytest.mark.db
S = ApplicationStatus


@pytest.fixture
def offered(factory, db_session):
    offer = factory.offer(title="Trainee i Härnösand", places=1, period_start=date(2026, 8, 17),
                          period_end=date(2026, 12, 18))
    employer = factory.user(Role.EMPLOYER, organization=offer.organization)
    student = factory.student()
    application = applications.apply(db_session, student, offer.id, "Hej", date.today())
    pipeline.move(db_session, employer, application.id, "offered")
    db_session.commit()
    return offer, employer, student, application


def test_the_student_sees_accept_and_decline_and_is_asked_first(client, login, offered, db_session) -> None:
    offer, _employer, student, application = offered
    student.locale = Locale.EN
    db_session.commit()
    login(student)
    for page in ("/student/", "/student/applications"):
        html = client.get(page).get_data(as_text=True)
        assert f"/student/applications/{application.id}/accept" in html
        assert f"/student/applications/{application.id}/decline" in html
    confirm = client.get(f"/student/applications/{application.id}/accept")
    assert confirm.status_code == 200
    assert "2026-08-17" in confirm.get_data(as_text=True)  # the period the placement will have
    assert application.status == S.OFFERED  # asking changed nothing
    response = client.post(f"/student/applications/{application.id}/accept")
    assert response.status_code == 303 and response.headers["Location"] == "/student/placements"
    db_session.expire_all()
    assert application.status == S.ACCEPTED and offer.status == OfferStatus.FILLED
    assert db_session.scalar(select(Placement).where(Placement.offer_id == offer.id)) is not None
    assert offer.title in client.get("/student/placements").get_data(as_text=True)
    # A second submit (double click, back button) makes no second placement and says why.
    again = client.post(f"/student/applications/{application.id}/accept", follow_redirects=True)
    assert "no longer offered" in again.get_data(as_text=True)
    assert len(db_session.scalars(select(Placement).where(Placement.offer_id == offer.id)).all()) == 1


def test_declining_in_swedish_and_then_accepting_is_refused(client, login, offered, db_session) -> None:
    offer, _employer, student, application = offered
    student.locale = Locale.SV
    db_session.commit()
    login(student)
    assert "Tacka nej" in client.get(f"/student/applications/{application.id}/decline").get_data(as_text=True)
    assert client.post(f"/student/applications/{application.id}/decline",
                       data={"message": "Tack ändå"}).status_code == 303
    db_session.expire_all()
    assert application.status == S.DECLINED and application.events[-1].message == "Tack ändå"
    refused = client.post(f"/student/applications/{application.id}/accept", follow_redirects=True)
    assert "inte längre erbjuden" in refused.get_data(as_text=True)
    assert db_session.scalar(select(Placement).where(Placement.offer_id == offer.id)) is None


def test_the_employer_withdraws_an_offer_of_a_place_after_confirming(client, login, offered, db_session) -> None:
    _offer, employer, _student, application = offered
    login(employer)
    assert "withdraw-offer" in client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert client.get(f"/employer/applications/{application.id}/withdraw-offer").status_code == 200
    db_session.expire_all()
    assert application.status == S.OFFERED
    response = client.post(f"/employer/applications/{application.id}/withdraw-offer",
                           data={"version_id": str(application.version_id), "message": "Tyvärr"})
    assert response.status_code == 303
    db_session.expire_all()
    assert application.status == S.SHORTLISTED and application.events[-1].message == "Tyvärr"
