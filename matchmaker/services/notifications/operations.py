"""Write and read notifications; the caller commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matchmaker.core.errors import NotFound
from matchmaker.core.paging import Page, paginate
from matchmaker.models import Notification, User, utcnow

from . import delivery
from .kinds import KINDS


def notify(session: Session, recipients: Iterable[User], kind: str, params: dict[str, Any] | None = None,
           obj: tuple[str, int] | None = None,
           wording: Callable[[User], tuple[str, str] | None] | None = None) -> list[Notification]:
    """Record `kind` for each active recipient (each once) and mail it per their preferences.

    params are the names the text shows (a "message" param is also quoted in a mail sent at once).
    wording: the caller's (subject, body) for a recipient's mail sent at once (a page's own mail in the reader's
    language), or None for a recipient who is told in the app only; the unsubscribe footer is added to it.
    Digests use the kind's text.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")  # a programming error, not user input
    text_params = {key: str(value) for key, value in (params or {}).items()}
    object_type, object_id = obj if obj else ("", None)
    seen: set[int] = set()
    made = []
    modes: dict[int, dict[str, str]] = {}
    for user in recipients:
        if user.id in seen or not user.is_active:
            continue
        seen.add(user.id)
        note = Notification(user_id=user.id, kind=kind, params=text_params, object_type=object_type,
                            object_id=object_id)
        session.add(note)
        delivery.route(session, user, note, modes, wording)
        made.append(note)
    session.flush()
    return made


def unread_count(session: Session, user_id: int) -> int:
    """How many of the user's notifications are unread."""
    stmt = select(func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))
    return int(session.scalar(stmt) or 0)


def page_for(session: Session, user_id: int, page: int, per_page: int = 25) -> Page[Notification]:
    """The user's notifications, newest first."""
    stmt = select(Notification).where(Notification.user_id == user_id).order_by(
        Notification.created_at.desc(), Notification.id.desc())
    return paginate(session, stmt, page, per_page)


def mark_read(session: Session, user_id: int, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (another user's is not found)."""
    note = session.get(Notification, notification_id)
    if note is None or note.user_id != user_id:
        raise NotFound("notification")
    if note.read_at is None:
        note.read_at = utcnow()
        session.flush()
    return note


def mark_all_read(session: Session, user_id: int) -> int:
    """Mark all of the user's notifications read; returns how many were unread."""
    result = session.execute(
        update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
