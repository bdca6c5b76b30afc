"""Mail is sent by the mechanism: whatever commits outbox rows gets them sent, no view has to remember."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.core.mail import queue_mail, send_after_commit
from matchmaker.models import OutboxMail, Role
from matchmaker.services.allocation import preferences, rounds

pytestmark = pytest.mark.db
SOON = date.today() + timedelta(days=7)  # the ranking deadline of the rounds opened here


def test_a_commit_that_wrote_mail_runs_the_dispatcher_once(session_factory) -> None:
    calls: list[str] = []
    with session_factory() as session:
        send_after_commit(session, lambda: calls.append("send"))
        session.commit()
        assert calls == []  # nothing was written
        queue_mail(session, "someone@example.org", "Subject", "Body")
        session.commit()
        assert calls == ["send"]
        session.commit()
        assert calls == ["send"]  # the mark is used up by the commit that carried the mail


def test_without_a_dispatcher_a_commit_just_commits(session_factory) -> None:
    with session_factory() as session:
        queue_mail(session, "someone@example.org", "Subject", "Body")
        session.commit()
        assert session.scalar(select(OutboxMail).where(OutboxMail.to_address == "someone@example.org")) is not None


def test_publishing_an_allocation_round_sends_its_mails(client, login, db_session, factory, offer_index) -> None:
    """The allocation view never enqueued the sender itself, so its result mails stayed in the outbox."""
    coach = factory.user(Role.COACH)
    program = factory.program()
    offer = factory.offer(title="Sommarjobb", places=1)
    employer = factory.user(Role.EMPLOYER, organization=offer.organization)
    student = factory.student(program=program)
    found = rounds.create_round(db_session, coach, "Sommar", 2)
    rounds.add_offer(db_session, coach, found, offer.id, None)
    rounds.add_students_by_program(db_session, coach, found, program.id)
    rounds.open_round(db_session, coach, found, SOON)
    preferences.set_student_ranking(db_session, student.student_profile, found.id, [offer.id])
    rounds.run(db_session, offer_index, coach, found)
    db_session.commit()

    login(coach)
    assert client.post(f"/coach/allocation/{found.id}/publish", data={"confirm": "yes"}).status_code == 302
    db_session.expire_all()
    mails = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address.in_([student.email, employer.email])))
    assert {(m.to_address, m.sent_at is not None) for m in mails} == {(student.email, True), (employer.email, True)}
