"""Placements and their follow-up."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime

if TYPE_CHECKING:
    from .offer import Offer
    from .student import StudentProfile


class Placement(TimestampMixin, Base):
    """A student placed on an offer, followed up afterwards.

    The student link is dropped when a student deletes their account; the row stays as anonymous
    statistics (program, municipality, term and outcomes).
    """

    __tablename__ = "placements"
    __table_args__ = (
        CheckConstraint("student_rating IS NULL OR student_rating BETWEEN 1 AND 5", name="student_rating"),
        CheckConstraint("employer_rating IS NULL OR employer_rating BETWEEN 1 AND 5", name="employer_rating"),
        CheckConstraint("period_end IS NULL OR period_end >= period_start", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int | None] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="SET NULL"), index=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False, index=True)
    program_id: Mapped[int | None] = mapped_column(ForeignKey("study_programs.id", ondelete="SET NULL"))
    allocation_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocation_rounds.id", ondelete="SET NULL")
    )
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date | None] = mapped_column(Date)
    term: Mapped[str] = mapped_column(String(6), default="", nullable=False)
    completed: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    student_rating: Mapped[int | None] = mapped_column(Integer)
    student_would_recommend: Mapped[bool | None] = mapped_column(Boolean)
    student_feedback: Mapped[str] = mapped_column(Text, default="", nullable=False)
    employer_rating: Mapped[int | None] = mapped_column(Integer)
    employer_feedback: Mapped[str] = mapped_column(Text, default="", nullable=False)
    hired_afterwards: Mapped[bool | None] = mapped_column(Boolean)
    stayed_in_region: Mapped[bool | None] = mapped_column(Boolean)

    student: Mapped[StudentProfile | None] = relationship()
    offer: Mapped[Offer] = relationship()
