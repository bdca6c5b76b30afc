"""Irreversible steps ask first, and double submits never create two of anything (issue 13, item 2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import Application, ApplicationStatus, AuditEvent, Locale, Offer, OfferStatus, Role
from matchmaker.services.applications import student as applications

pytestmark = pytest.mark.db
S = ApplicationStatus


def test_withdrawing_asks_first_and_the_student_may_apply_again(client, login, factory, db_session) -> None:
    offer = factory.offer(title="Praktik i Kramfors")
    student = factory.student()
    student.locale = Locale.EN
    application = applications.apply(db_session, student, offer.id, "Första", date.today())
    db_session.commit()
    login(student)
    page = client.get(f"/student/applications/{application.id}/withdraw")
    assert page.status_code == 200 and "apply again" in page.get_data(as_text=True)
    db_session.expire_all()
    assert application.status == S.SUBMITTED
    assert client.post(f"/student/applications/{application.id}/withdraw").status_code == 302
    form = client.get(f"/student/offers/{offer.id}/apply").get_data(as_text=True)
    assert "you can apply again" in form and "Send application" in form
    assert client.post(f"/student/offers/{offer.id}/apply", data={"message": "Andra"}).status_code == 302
    assert client.post(f"/student/offers/{offer.id}/apply", data={"message": "Tredje"}).status_code == 400
    db_session.expire_all()
    rows = db_session.scalars(select(Application).where(Application.offer_id == offer.id)).all()
    assert len(rows) == 1 and rows[0].message == "Andra"
    assert [e.to_status for e in rows[0].events] == [S.SUBMITTED, S.WITHDRAWN, S.SUBMITTED]


def test_deactivating_a_user_asks_first(client, login, factory, db_session) -> None:
    admin = factory.user(Role.ADMIN)
    target = factory.student()
    db_session.commit()
    login(admin)
    assert target.email in client.get("/admin/users").get_data(as_text=True)
    page = client.get(f"/admin/users/{target.id}/deactivate")
    assert page.status_code == 200 and target.email in page.get_data(as_text=True)
    db_session.expire_all()
    assert target.active
    assert client.post(f"/admin/users/{target.id}/deactivate").status_code == 302
    db_session.expire_all()
    assert not target.active


def _offer_form(token: str) -> dict[str, str]:
    return {"kind": "internship", "title": "Sommarpraktik IT", "description": "Praktik med webbutveckling i Python.",
            "skills": "Python", "language": "sv", "places": "1",
            "application_deadline": (date.today() + timedelta(days=20)).isoformat(), "form_token": token}


def test_the_same_new_offer_form_sent_twice_creates_one_offer(client, login, factory, db_session) -> None:
    employer = factory.user(Role.EMPLOYER)
    db_session.commit()
    login(employer)
    form = client.get("/employer/offers/new").get_data(as_text=True)
    assert 'name="form_token"' in form
    first = client.post("/employer/offers/new", data=_offer_form("tok-123"))
    second = client.post("/employer/offers/new", data=_offer_form("tok-123"))
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert client.post("/employer/offers/new", data=_offer_form("tok-456")).status_code == 303  # a new form
    count = db_session.scalar(select(func.count(Offer.id)).where(Offer.organization_id == employer.organization_id))
    assert count == 2


def test_a_draft_can_be_deleted_after_confirming_and_nothing_else(client, login, factory, db_session) -> None:
    employer = factory.user(Role.EMPLOYER)
    draft = factory.offer(employer.organization, status=OfferStatus.DRAFT, title="Utkast")
    published = factory.offer(employer.organization)
    db_session.commit()
    draft_id = draft.id
    login(employer)
    assert f"/employer/offers/{draft_id}/delete" in client.get(f"/employer/offers/{draft_id}").get_data(as_text=True)
    assert client.get(f"/employer/offers/{draft_id}/delete").status_code == 200
    assert client.post(f"/employer/offers/{published.id}/delete",
                       data={"version_id": str(published.version_id)}).status_code == 303
    assert client.post(f"/employer/offers/{draft_id}/delete",
                       data={"version_id": str(draft.version_id)}).status_code == 303
    db_session.expire_all()
    assert db_session.get(Offer, draft_id) is None
    assert db_session.get(Offer, published.id) is not None
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "offer.delete_draft")) is not None
