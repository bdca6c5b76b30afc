"""The audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import AuditEvent, User


def record(
    session: Session, actor: User | None, action: str, obj: Any = None, **details: Any
) -> AuditEvent:
    """Record that `actor` did `action` to `obj`."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or "") if obj is not None else "",
        details=details,
    )
    session.add(event)
    session.flush()
    return event
