"""In-app notifications: what happened that concerns a user, shown under the bell."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Notification(Base):
    """One notification for one user; its text is rendered in the reader's language from `kind` and `params`."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),
                      Index("ix_notifications_mail_due", "mail_mode", "mailed_at"))

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
    # How it is mailed, fixed when it is made: "" (only in the app), "immediate", "daily" or "weekly" (a digest);
    # mailed_at is set once it went out (or was settled without mail), so no digest ever repeats it.
    mail_mode: Mapped[str] = mapped_column(String(16), default="", nullable=False)
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MailPreference(Base):
    """How a user wants mail about one category of notification; no row means the category's default."""

    __tablename__ = "mail_preferences"
    __table_args__ = (UniqueConstraint("user_id", "category", name="uq_mail_preferences_user_category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    mode: Mapped[str] = mapped_column(String(16), nullable=False)  # immediate, daily, weekly or app
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False)
