"""In-app notifications: what happened that concerns a user, shown under the bell."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Notification(Base):
    """One notification for one user; its text is rendered in the reader's language from `kind` and `params`."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    # Names and titles as they were when it happened (strings only): the text never needs another query.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    # The object it is about; the web layer turns (type, id) into a link for the reader's role.
    object_type: Mapped[str] = mapped_column(String(48), default="", nullable=False)
    object_id: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
