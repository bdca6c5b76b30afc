"""Allocation rounds: few places shared out fairly by deferred acceptance."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum
from .enums import RoundStatus


class AllocationRound(TimestampMixin, Base):
    """A round in which students rank offers and places are allocated stably."""

    __tablename__ = "allocation_rounds"
    __table_args__ = (CheckConstraint("max_choices >= 1", name="max_choices_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[RoundStatus] = mapped_column(
        str_enum(RoundStatus, "round_status"), default=RoundStatus.DRAFT, nullable=False
    )
    max_choices: Mapped[int] = mapped_column(Integer, default=3, nullable=False)
    # The last day students and employers can rank (told when the round opens; reminders use it).
    ranking_deadline: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    offers: Mapped[list[AllocationOffer]] = relationship(cascade="all, delete-orphan")
    participants: Mapped[list[AllocationParticipant]] = relationship(cascade="all, delete-orphan")


class AllocationOffer(Base):
    """An offer in a round with the number of places it brings."""

    __tablename__ = "allocation_offers"
    __table_args__ = (
        UniqueConstraint("round_id", "offer_id", name="uq_allocation_offer"),
        CheckConstraint("places >= 1", name="places_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_rounds.id", ondelete="CASCADE"), nullable=False)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False)
    places: Mapped[int] = mapped_column(Integer, nullable=False)


class AllocationParticipant(Base):
    """A student taking part in a round, and where they were allocated."""

    __tablename__ = "allocation_participants"
    __table_args__ = (UniqueConstraint("round_id", "student_id", name="uq_allocation_participant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_rounds.id", ondelete="CASCADE"), nullable=False)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False
    )
    allocated_offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))


class AllocationPreference(Base):
    """A ranking inside a round: a student's rank of an offer, or an employer's rank of a student."""

    __tablename__ = "allocation_preferences"
    __table_args__ = (
        UniqueConstraint("round_id", "side", "student_id", "offer_id", name="uq_allocation_preference"),
        CheckConstraint("side IN ('student', 'employer')", name="side"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_rounds.id", ondelete="CASCADE"), nullable=False)
    side: Mapped[str] = mapped_column(String(8), nullable=False)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False)
    rank: Mapped[int] = mapped_column(Integer, nullable=False)

    round = relationship(AllocationRound)
