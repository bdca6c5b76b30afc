"""The demo's notifications: a newcomer in each role sees the bell with something unread, nothing is mailed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from matchmaker.models import Application, Notification, OutboxMail, User
from matchmaker.seed.demo import load_demo
from matchmaker.services.notifications.operations import unread_count
from matchmaker.web.notification_links import text_of

pytestmark = pytest.mark.db


def _user(session, email: str) -> User:
    found = session.scalar(select(User).where(User.email == email))
    assert found is not None
    return found


def test_each_demo_account_has_unread_notifications_from_its_own_history(db_session, app) -> None:
    load_demo(db_session, today=date(2026, 11, 23))
    student, employer, coach = (_user(db_session, f"{r}@example.org") for r in ("student", "employer", "coach"))
    for person in (student, employer, coach):
        assert unread_count(db_session, person.id) >= 1, person.email  # other seed modules add theirs too
    kinds = set(db_session.scalars(select(Notification.kind).where(Notification.user_id == student.id)))
    assert "application.offered" in kinds  # the demo student has a place to accept
    with app.test_request_context():
        for note in db_session.scalars(select(Notification).where(Notification.user_id == student.id)):
            assert "%(" not in text_of(note)  # every text's params are there
    # Employers hear only about applications to their own organisation's offers.
    about_applications = db_session.scalars(select(Notification).where(
        Notification.user_id == employer.id, Notification.kind.like("application.%"))).all()
    assert about_applications
    for note in about_applications:
        application = db_session.get(Application, note.object_id)
        assert application is not None and application.offer.organization_id == employer.organization_id
    assert db_session.scalar(select(func.count(OutboxMail.id))) == 0
