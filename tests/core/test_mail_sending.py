"""Each mail is sent or fails on its own against a real SMTP server (aiosmtpd), and user text never makes a header."""

from __future__ import annotations

import socket
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matchmaker.core import mail
from matchmaker.core.mail import SEND_JOB, send_after_commit
from matchmaker.jobs import queue as jobs
from matchmaker.models import OutboxMail, Role
from matchmaker.services.allocation import preferences, rounds

pytestmark = pytest.mark.db
REFUSED = "gone@example.org"


class _Inbox:
    """Keeps what the server accepted; refuses one recipient for good (550)."""

    def __init__(self) -> None:
        self.received: list[Message] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(mail.SMTP_SETTINGS, "host", "127.0.0.1")
    monkeypatch.setitem(mail.SMTP_SETTINGS, "port", port)
    yield inbox
    controller.stop()


def test_a_refused_mail_fails_on_its_own_and_the_others_are_sent(db_session, smtp) -> None:
    first = mail.queue_mail(db_session, "first@example.org", "Ett", "Hej")
    bad = mail.queue_mail(db_session, REFUSED, "Två", "Hej")
    last = mail.queue_mail(db_session, "last@example.org", "Tre", "Hej")
    assert mail.send_pending(db_session) == 2
    assert first.sent_at is not None and last.sent_at is not None
    assert bad.sent_at is None and "550" in bad.last_error
    assert bad.attempts == mail.MAX_ATTEMPTS  # failed for good: a 5xx refusal is not tried again
    assert sorted(m["To"] for m in smtp.received) == ["first@example.org", "last@example.org"]
    assert mail.send_pending(db_session) == 0


def test_user_text_with_line_breaks_never_adds_a_header(db_session, smtp) -> None:
    title = "Sommarjobb\r\nBcc: spy@example.org\r\n\r\nFake body\x00\x1b"
    queued = mail.queue_mail(db_session, "student@example.org", f"Du har fått en plats: {title}", "Text")
    assert "\n" not in queued.subject and "\r" not in queued.subject and "\x00" not in queued.subject
    # A row written by anything else is cleaned again when the message is built.
    raw = OutboxMail(to_address="other@example.org", subject="Hej\nBcc: spy@example.org", body="Text")
    db_session.add(raw)
    db_session.flush()
    assert mail.send_pending(db_session) == 2
    for received in smtp.received:
        assert received["Bcc"] is None
        assert "\n" not in str(received["Subject"])  # decoded and unfolded: one line of text
    assert {str(m["Subject"]) for m in smtp.received} == {
        "Du har fått en plats: Sommarjobb Bcc: spy@example.org Fake body", "Hej Bcc: spy@example.org"}
    assert db_session.scalar(select(OutboxMail).where(OutboxMail.sent_at.is_(None))) is None


def test_header_text_keeps_ordinary_text_and_the_length_limit() -> None:
    assert mail.header_text("Examensarbete – “AI” i Sundsvall") == "Examensarbete – “AI” i Sundsvall"
    assert mail.header_text("a\u2028b\tc") == "a b c"
    assert len(mail.header_text("x" * 500)) == mail.SUBJECT_MAX


def test_published_round_results_reach_the_smtp_server_through_the_job_runner(session_factory, factory, db_session,
                                                                               offer_index, smtp) -> None:
    """The commit that publishes a round enqueues the send job; the job runner sends every result mail."""
    coach, program = factory.user(Role.COACH), factory.program()
    offer = factory.offer(title="Sommarjobb", places=1)
    employer = factory.user(Role.EMPLOYER, organization=offer.organization)
    placed, unplaced = factory.student(program=program), factory.student(program=program)
    db_session.commit()
    queue = jobs.make_queue("sync", session_factory, "", "")
    with session_factory() as session:
        send_after_commit(session, lambda: queue.enqueue(SEND_JOB))
        found = rounds.create_round(session, session.merge(coach), "Sommar", 1)
        rounds.add_offer(session, coach, found, offer.id, None)
        rounds.add_students_by_program(session, coach, found, program.id)
        rounds.open_round(session, coach, found, date.today() + timedelta(days=3))
        session.commit()  # opening tells everyone in the round (round.opened): those mails go first
        opened = len(smtp.received)
        preferences.set_student_ranking(session, session.merge(placed).student_profile, found.id, [offer.id])
        rounds.run(session, offer_index, coach, found)
        rounds.publish(session, coach, found, date.today())
        session.commit()
    assert opened == 3
    results = smtp.received[opened:]  # one result mail each (the notification's wording, never a second)
    assert sorted(m["To"] for m in results) == sorted([placed.email, unplaced.email, employer.email])
    assert db_session.scalar(select(OutboxMail).where(OutboxMail.sent_at.is_(None))) is None
