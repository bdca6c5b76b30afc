"""The thread: parties write, the other side is told, unread counts, coaches read audited, closed is read-only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.models import ApplicationStatus, AuditEvent, Message, Notification
from matchmaker.services.conversations import thread

pytestmark = pytest.mark.db


def _kinds(session, user) -> list[str]:
    return list(session.scalars(select(Notification.kind).where(Notification.user_id == user.id)))


def test_messages_reach_the_other_side_and_count_as_unread(db_session, convo) -> None:
    thread.post(db_session, convo.student, convo.application.id, "  Hej! När kan vi ses?  ")
    assert _kinds(db_session, convo.hr) == ["message.new"] and _kinds(db_session, convo.boss) == ["message.new"]
    assert _kinds(db_session, convo.student) == [] and _kinds(db_session, convo.outsider) == []
    note = db_session.scalar(select(Notification).where(Notification.user_id == convo.hr.id))
    assert note.params == {"sender": "Stina Student", "offer": "Exjobb i dataanalys"}
    assert (note.object_type, note.object_id) == ("conversation", convo.application.id)
    assert thread.unread_counts(db_session, convo.hr, [convo.application]) == {convo.application.id: 1}
    assert thread.unread_counts(db_session, convo.student, [convo.application]) == {}
    view = thread.open_thread(db_session, convo.hr, convo.application.id)
    assert view.unread_before == 1 and view.messages[0].body == "Hej! När kan vi ses?" and view.can_write
    assert thread.unread_counts(db_session, convo.hr, [convo.application]) == {}
    assert thread.unread_counts(db_session, convo.boss, [convo.application]) == {convo.application.id: 1}
    thread.post(db_session, convo.hr, convo.application.id, "På tisdag?")
    assert _kinds(db_session, convo.student) == ["message.new"]
    student_note = db_session.scalar(select(Notification).where(Notification.user_id == convo.student.id))
    assert student_note.params["sender"] == "Norrbolaget AB"


@pytest.mark.parametrize("body, reason", [("", "is required"), ("   \n ", "is required"),
                                          ("x" * 2001, "is too long (at most 2000 characters)")])
def test_empty_or_overlong_messages_are_refused(db_session, convo, body, reason) -> None:
    with pytest.raises(ValidationError) as caught:
        thread.post(db_session, convo.student, convo.application.id, body)
    assert caught.value.errors == {"body": reason}
    assert db_session.scalars(select(Message)).all() == []
    assert _kinds(db_session, convo.hr) == []


def test_control_characters_are_dropped_and_line_breaks_kept(db_session, convo) -> None:
    message = thread.post(db_session, convo.student, convo.application.id, "rad ett\r\nrad\x00 två\x1b[31m")
    assert message.body == "rad ett\nrad två[31m"


def test_strangers_get_not_found(db_session, convo) -> None:
    for stranger in (convo.outsider, convo.other_student, convo.admin):
        with pytest.raises(NotFound):
            thread.open_thread(db_session, stranger, convo.application.id)
        with pytest.raises(NotFound):
            thread.post(db_session, stranger, convo.application.id, "hej")


def test_coaches_read_audited_but_never_write(db_session, convo) -> None:
    thread.post(db_session, convo.student, convo.application.id, "Hej")
    view = thread.open_thread(db_session, convo.coach, convo.application.id)
    assert [m.body for m in view.messages] == ["Hej"] and not view.can_write
    audit = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "conversation.read_by_coach")).all()
    assert [(a.actor_id, a.object_id) for a in audit] == [(convo.coach.id, str(convo.application.id))]
    with pytest.raises(Forbidden):
        thread.post(db_session, convo.coach, convo.application.id, "Jag lägger mig i")
    # A coach's reading does not mark anything read for the parties.
    assert thread.unread_counts(db_session, convo.hr, [convo.application]) == {convo.application.id: 1}


def test_a_closed_application_makes_the_thread_read_only(db_session, convo) -> None:
    thread.post(db_session, convo.student, convo.application.id, "Hej")
    convo.application.status = ApplicationStatus.WITHDRAWN
    db_session.flush()
    view = thread.open_thread(db_session, convo.student, convo.application.id)
    assert view.closed and not view.can_write and len(view.messages) == 1
    with pytest.raises(ValidationError) as caught:
        thread.post(db_session, convo.hr, convo.application.id, "Men vänta")
    assert "read-only" in caught.value.errors["body"]
    assert len(db_session.scalars(select(Message)).all()) == 1
