"""Conversations on applications (messages, interview slots) and the private calendar feeds that show them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Message(Base):
    """One message in an application's thread (plain text; a proposal or booking of interview times has a kind)."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_application_id_id", "application_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # "student" or "employer": the side that wrote it, kept when the author's account is gone.
    side: Mapped[str] = mapped_column(String(16), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), default="text", nullable=False)  # text, proposal, booking
    body: Mapped[str] = mapped_column(Text, default="", nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    slots: Mapped[list[ConversationSlot]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="ConversationSlot.starts_at",
        foreign_keys="ConversationSlot.message_id")


class ConversationSlot(Base):
    """An interview time proposed in a thread; the other side books one of a proposal's slots, the rest lapse."""

    __tablename__ = "conversation_slots"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="slot_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), nullable=False, index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), nullable=False,
                                                index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    location: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    status: Mapped[str] = mapped_column(String(16), default="proposed", nullable=False)  # proposed, booked, lapsed
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    booked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    message: Mapped[Message] = relationship(back_populates="slots", foreign_keys=[message_id])


class ConversationRead(Base):
    """How far a user has read an application's thread: everything after it is unread for them."""

    __tablename__ = "conversation_reads"
    __table_args__ = (UniqueConstraint("application_id", "user_id", name="uq_conversation_read"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    last_read_id: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class CalendarFeed(Base):
    """A user's private calendar feed address; only the token's hash is kept, and deleting the row revokes it."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
