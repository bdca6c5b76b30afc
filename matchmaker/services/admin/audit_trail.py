"""The audit trail as admins read it: filtered by actor, action and dates, newest first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matchmaker.core.paging import Page, paginate
from matchmaker.models import (
    AllocationRound,
    Application,
    AuditEvent,
    CompetenceContract,
    Invitation,
    Municipality,
    Offer,
    Organization,
    Placement,
    StudentProfile,
    StudyProgram,
    User,
)

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


def _offer_title(row: Application | Invitation | Placement) -> str:
    return row.offer.title if row.offer is not None else ""


# How each kind of object is named in the trail (the object may have been deleted since: then no name).
_NAMERS: dict[str, tuple[type, Any]] = {
    "User": (User, lambda u, _loc: u.display_name or u.email),
    "Organization": (Organization, lambda o, _loc: o.name),
    "Offer": (Offer, lambda o, _loc: o.title),
    "CompetenceContract": (CompetenceContract, lambda c, _loc: c.title or (c.organization.name if c.organization
                                                                            else "")),
    "StudyProgram": (StudyProgram, lambda p, loc: p.name(loc)),
    "Municipality": (Municipality, lambda m, _loc: m.name),
    "AllocationRound": (AllocationRound, lambda r, _loc: r.name),
    "StudentProfile": (StudentProfile, lambda p, _loc: p.name),
    "Application": (Application, lambda a, _loc: _offer_title(a)),
    "Invitation": (Invitation, lambda i, _loc: _offer_title(i)),
    "Placement": (Placement, lambda p, _loc: _offer_title(p)),
}


def object_names(session: Session, events: Sequence[AuditEvent], locale: str = "sv") -> dict[tuple[str, str], str]:
    """The current name of each event's object, by (object_type, object_id), one query per kind of object."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_type in _NAMERS and event.object_id.isdigit():
            wanted.setdefault(event.object_type, set()).add(int(event.object_id))
    names: dict[tuple[str, str], str] = {}
    for kind, ids in wanted.items():
        model, namer = _NAMERS[kind]
        for row in session.scalars(select(model).where(model.id.in_(ids))):
            names[(kind, str(row.id))] = namer(row, locale) or ""
    return names
