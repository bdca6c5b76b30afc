"""The audit trail as admins read it: filtered by actor, action and dates, newest first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matchmaker.core.paging import Page, paginate
from matchmaker.models import AuditEvent, User

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class AuditFilter:
    """Filters of the audit page; empty values do not filter."""

    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_events(session: Session, filters: AuditFilter, *, page: int = 1,
                 per_page: int = 50) -> Page[tuple[AuditEvent, User | None]]:
    """Audit events, newest first, with their actors; actor matches email or name, action is a prefix."""
    stmt = select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if filters.actor.strip():
        needle = filters.actor.strip().lower()
        stmt = stmt.where(or_(User.email.contains(needle, autoescape=True),
                              func.lower(User.display_name).contains(needle, autoescape=True)))
    if filters.action.strip():
        # A prefix: "offer." shows every offer action.
        stmt = stmt.where(AuditEvent.action.startswith(filters.action.strip(), autoescape=True))
    if filters.date_from is not None:
        stmt = stmt.where(AuditEvent.at >= datetime.combine(filters.date_from, time.min, UTC))
    if filters.date_to is not None:
        stmt = stmt.where(AuditEvent.at < datetime.combine(filters.date_to + timedelta(days=1), time.min, UTC))
    return paginate(session, stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()), page, per_page,
                    scalars=False)


def audit_actions(session: Session) -> Sequence[str]:
    """Distinct action names (for the filter's suggestions)."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
