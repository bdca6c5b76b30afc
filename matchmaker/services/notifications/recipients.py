"""Who an event concerns: the people notify() is called for, found in one place."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Role, User


def coaches(session: Session) -> list[User]:
    """Every active career coach."""
    return list(session.scalars(select(User).where(User.role == Role.COACH, User.active.is_(True)).order_by(User.id)))


def organization_members(session: Session, organization_id: int | None) -> list[User]:
    """The active employer accounts of an organisation."""
    if organization_id is None:
        return []
    return list(session.scalars(select(User).where(
        User.organization_id == organization_id, User.role == Role.EMPLOYER, User.active.is_(True)).order_by(User.id)))
