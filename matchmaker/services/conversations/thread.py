"""An application's thread: who may read and write it, messages, unread counts; coaches read, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.models import Application, ConversationRead, Message, Role, User
from matchmaker.services.applications.student import FINAL
from matchmaker.services.notifications.operations import notify

BODY_MAX = 2000
STUDENT, EMPLOYER = "student", "employer"


@dataclass
class Thread:
    """A thread as one reader sees it."""

    application: Application
    messages: list[Message]
    side: str  # the reader's side: student, employer, or "" for a coach reading for support
    closed: bool
    unread_before: int  # how many were unread when it was opened

    @property
    def can_write(self) -> bool:
        return bool(self.side) and not self.closed


def side_of(session: Session, user: User, application_id: int) -> tuple[Application, str]:
    """The application and the user's side in its thread; NotFound for anyone who is not a party or a coach."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application")
    if user.role == Role.STUDENT and application.student.user_id == user.id:
        return application, STUDENT
    if user.role == Role.EMPLOYER and user.organization_id is not None \
            and application.offer.organization_id == user.organization_id:
        return application, EMPLOYER
    if user.role == Role.COACH:
        return application, ""
    raise NotFound("application")


def is_closed(application: Application) -> bool:
    """A thread is read-only once its application is accepted, declined or withdrawn."""
    return application.status in FINAL


def _messages(session: Session, application_id: int) -> list[Message]:
    return list(session.scalars(select(Message).where(Message.application_id == application_id)
                                .options(selectinload(Message.slots)).order_by(Message.id)))


def _last_read(session: Session, application_id: int, user_id: int) -> ConversationRead | None:
    return session.scalar(select(ConversationRead).where(ConversationRead.application_id == application_id,
                                                         ConversationRead.user_id == user_id))


def open_thread(session: Session, user: User, application_id: int) -> Thread:
    """Read a thread: a party's messages are marked read; a coach's reading is recorded in the audit trail."""
    application, side = side_of(session, user, application_id)
    messages = _messages(session, application_id)
    unread = 0
    if side:
        mark = _last_read(session, application_id, user.id)
        seen = mark.last_read_id if mark else 0
        unread = sum(1 for m in messages if m.id > seen and m.side != side)
        if messages and seen < messages[-1].id:
            if mark is None:
                session.add(ConversationRead(application_id=application_id, user_id=user.id,
                                             last_read_id=messages[-1].id))
            else:
                mark.last_read_id = messages[-1].id
            session.flush()
    else:
        # Coaches may read for support; every reading is on the record (GDPR: who saw which conversation).
        audit.record(session, user, "conversation.read_by_coach", application, messages=len(messages))
    return Thread(application, messages, side, is_closed(application), unread)


def recipients(application: Application, side: str) -> list[User]:
    """The other side of the thread: the student, or every active member of the employer's organisation."""
    if side == EMPLOYER:
        return [application.student.user]
    return [m for m in application.offer.organization.members if m.role == Role.EMPLOYER and m.active]


def sender_name(application: Application, side: str, user: User) -> str:
    """How the other side sees the author: the organisation for the employer, the student's name."""
    if side == EMPLOYER:
        return application.offer.organization.name
    return application.student.name or user.display_name


def writable(session: Session, user: User, application_id: int) -> tuple[Application, str]:
    """The application and side of a party that may write now (coaches read only; closed threads are read-only)."""
    application, side = side_of(session, user, application_id)
    if not side:
        raise Forbidden("coaches read conversations; only the student and the employer write")
    if is_closed(application):
        raise ValidationError({"body": "the application is closed, so its conversation is read-only"})
    return application, side


def clean_body(body: str | None) -> str:
    """A message as stored: plain text without control characters (line breaks kept), trimmed."""
    text = "".join(c for c in (body or "") if c in "\n\t" or c.isprintable()).replace("\r", "").strip()
    if not text:
        raise ValidationError({"body": "is required"})
    if len(text) > BODY_MAX:
        raise ValidationError({"body": f"is too long (at most {BODY_MAX} characters)"})
    return text


def post(session: Session, user: User, application_id: int, body: str | None) -> Message:
    """Write a message in the thread and tell the other side."""
    application, side = writable(session, user, application_id)
    text = clean_body(body)
    message = Message(application_id=application.id, author_id=user.id, side=side, kind="text", body=text)
    session.add(message)
    session.flush()
    _mark_own(session, user, application.id, message.id)
    notify(session, recipients(application, side), "message.new",
           {"sender": sender_name(application, side, user), "offer": application.offer.title},
           obj=("conversation", application.id))
    return message


def _mark_own(session: Session, user: User, application_id: int, message_id: int) -> None:
    """What one writes oneself is read."""
    mark = _last_read(session, application_id, user.id)
    if mark is None:
        session.add(ConversationRead(application_id=application_id, user_id=user.id, last_read_id=message_id))
    else:
        mark.last_read_id = max(mark.last_read_id, message_id)
    session.flush()


def unread_counts(session: Session, user: User, applications: Iterable[Application]) -> dict[int, int]:
    """Unread messages per application for a party (messages from the other side after their last read)."""
    ids = [a.id for a in applications]
    if not ids:
        return {}
    side = STUDENT if user.role == Role.STUDENT else EMPLOYER
    last = select(ConversationRead.last_read_id).where(
        ConversationRead.application_id == Message.application_id, ConversationRead.user_id == user.id
    ).correlate(Message).scalar_subquery()
    rows = session.execute(
        select(Message.application_id, func.count(Message.id))
        .where(Message.application_id.in_(ids), Message.side != side, Message.id > func.coalesce(last, 0))
        .group_by(Message.application_id))
    return {application_id: int(n) for application_id, n in rows}
