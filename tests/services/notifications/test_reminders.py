"""Deadline reminders: three days before, to students who applied, once per offer and student."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import Application, ApplicationStatus, Notification
from matchmaker.services.notifications.reminders import deadline_reminders

pytestmark = pytest.mark.db


def _apply(session, student, offer, status=ApplicationStatus.SUBMITTED) -> Application:
    application = Application(offer=offer, student=student.student_profile, status=status)
    session.add(application)
    session.flush()
    return application


def _reminders(session, user) -> list[Notification]:
    return session.scalars(select(Notification).where(Notification.user_id == user.id,
                                                      Notification.kind == "deadline.soon")).all()


def test_reminder_three_days_before_once(db_session, factory) -> None:
    today = date(2027, 3, 1)
    soon = factory.offer(title="Closes soon", application_deadline=today + timedelta(days=3))
    later = factory.offer(application_deadline=today + timedelta(days=4))
    applied, withdrawn, bystander = factory.student(), factory.student(), factory.student()
    _apply(db_session, applied, soon)
    _apply(db_session, applied, later)
    _apply(db_session, withdrawn, soon, ApplicationStatus.WITHDRAWN)
    assert deadline_reminders(db_session, today) == 1
    (note,) = _reminders(db_session, applied)
    assert note.params == {"offer": "Closes soon", "date": "2027-03-04"}
    assert (note.object_type, note.object_id) == ("offer", soon.id)
    assert _reminders(db_session, withdrawn) == [] and _reminders(db_session, bystander) == []
    # The next runs (the same day, the next day) remind nobody again about the same offer.
    assert deadline_reminders(db_session, today) == 0
    assert deadline_reminders(db_session, today + timedelta(days=1)) == 1  # now `later` is within 3 days
    assert len(_reminders(db_session, applied)) == 2


def test_no_reminder_after_the_deadline(db_session, factory) -> None:
    today = date(2027, 3, 1)
    past = factory.offer(application_deadline=today - timedelta(days=1))
    _apply(db_session, factory.student(), past)
    assert deadline_reminders(db_session, today) == 0
