"""Alumni as speakers of an event: who a coach added, and on what topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin

if TYPE_CHECKING:
    from .event import Event
    from .user import User


class EventSpeaker(TimestampMixin, Base):
    """An alumnus a coach added as a speaker; shown on the event's page only while they consent and are open."""

    __tablename__ = "event_speakers"
    __table_args__ = (UniqueConstraint("event_id", "user_id", name="event_speaker_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    # The alumnus's account; their name and employer are read from the profile at display time.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    topic: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
