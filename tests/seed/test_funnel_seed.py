"""The demo has a conversation with proposed interview times and a saved search with alerts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.models import Application, Message, Notification, SavedSearch, User
from matchmaker.seed.demo import load_demo
from matchmaker.services.conversations import thread

pytestmark = pytest.mark.db


def test_demo_student_sees_a_thread_with_unread_messages_and_an_alert(db_session) -> None:
    load_demo(db_session)
    student = db_session.scalar(select(User).where(User.email == "student@example.org"))
    messages = db_session.scalars(select(Message).order_by(Message.id)).all()
    assert len(messages) >= 4 and any(m.kind == "proposal" and len(m.slots) == 2 for m in messages)
    application = messages[0].application_id
    assert thread.unread_counts(db_session, student, [db_session.get(Application, application)]) == {application: 2}
    saved = db_session.scalars(select(SavedSearch).where(SavedSearch.alert_frequency != "")).all()
    assert saved and saved[0].student_id == student.student_profile.id
    kinds = set(db_session.scalars(select(Notification.kind).where(Notification.user_id == student.id)))
    assert {"alert.offers", "interview.proposed"} <= kinds
