"""Mentoring programmes: a cohort with period and goals, mentors with capacities, mentees, pairs, follow-up."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from .event import LifecyclePhase

if TYPE_CHECKING:
    from .catalogue import StudyProgram
    from .student import StudentProfile
    from .user import User


class ProgrammeStatus(enum.StrEnum):
    OPEN = "open"  # mentors register, students apply
    MATCHED = "matched"  # the coach has a proposal and adjusts it
    PUBLISHED = "published"  # pairs are told and followed up


class CheckInKind(enum.StrEnum):
    MEETING = "meeting"
    MIDPOINT = "midpoint"
    FINAL = "final"


mentoring_programme_programs = Table(
    "mentoring_programme_programs",
    Base.metadata,
    Column("programme_id", ForeignKey("mentoring_programmes.id", ondelete="CASCADE"), primary_key=True),
    Column("program_id", ForeignKey("study_programs.id", ondelete="CASCADE"), primary_key=True),
)


class MentoringProgramme(TimestampMixin, Base):
    """A mentoring cohort, e.g. "Mentorsprogram for engineering students, spring 2027"."""

    __tablename__ = "mentoring_programmes"
    __table_args__ = (
        CheckConstraint("period_end > period_start", name="period_order"),
        CheckConstraint("target_pairs IS NULL OR target_pairs > 0", name="target_pairs_positive"),
        CheckConstraint("target_completion IS NULL OR target_completion BETWEEN 1 AND 100",
                        name="target_completion_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    goals: Mapped[str] = mapped_column(Text, default="", nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    matching_deadline: Mapped[date] = mapped_column(Date, nullable=False)
    # Measurable goals: how many pairs, and what share of them completes (final check-in done), in percent.
    target_pairs: Mapped[int | None] = mapped_column(Integer)
    target_completion: Mapped[int | None] = mapped_column(Integer)
    levels: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    status: Mapped[ProgrammeStatus] = mapped_column(
        str_enum(ProgrammeStatus, "programme_status"), default=ProgrammeStatus.OPEN, nullable=False)
    matching_mode: Mapped[str] = mapped_column(String(16), default="", nullable=False)
    phase: Mapped[LifecyclePhase] = mapped_column(
        str_enum(LifecyclePhase, "lifecycle_phase"), default=LifecyclePhase.STIMULATE, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    programs: Mapped[list[StudyProgram]] = relationship(secondary=mentoring_programme_programs,
                                                        order_by="StudyProgram.id")
    mentors: Mapped[list[Mentor]] = relationship(back_populates="programme", cascade="all, delete-orphan",
                                                 order_by="Mentor.id")
    mentees: Mapped[list[Mentee]] = relationship(back_populates="programme", cascade="all, delete-orphan",
                                                 order_by="Mentee.id")
    pairs: Mapped[list[MentoringPair]] = relationship(back_populates="programme", cascade="all, delete-orphan",
                                                      order_by="MentoringPair.id")


class Mentor(TimestampMixin, Base):
    """A mentor in a programme (employer staff): expertise, how many mentees, and whom they would like."""

    __tablename__ = "mentors"
    __table_args__ = (
        UniqueConstraint("programme_id", "user_id", name="uq_mentors_programme_user"),
        CheckConstraint("capacity BETWEEN 1 AND 10", name="capacity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    expertise: Mapped[str] = mapped_column(Text, default="", nullable=False)
    preferences: Mapped[str] = mapped_column(Text, default="", nullable=False)
    capacity: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    programme: Mapped[MentoringProgramme] = relationship(back_populates="mentors")
    user: Mapped[User] = relationship()


class Mentee(TimestampMixin, Base):
    """A student's application to a programme, with their goals."""

    __tablename__ = "mentees"
    __table_args__ = (UniqueConstraint("programme_id", "student_id", name="uq_mentees_programme_student"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False)
    goals: Mapped[str] = mapped_column(Text, default="", nullable=False)

    programme: Mapped[MentoringProgramme] = relationship(back_populates="mentees")
    student: Mapped[StudentProfile] = relationship()


class MentoringPair(Base):
    """A mentor and a mentee matched in a programme, with the engine's reciprocal score and reasons."""

    __tablename__ = "mentoring_pairs"
    __table_args__ = (UniqueConstraint("programme_id", "mentee_id", name="uq_mentoring_pairs_programme_mentee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_programmes.id", ondelete="CASCADE"), nullable=False, index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mentors.id", ondelete="CASCADE"), nullable=False)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentees.id", ondelete="CASCADE"), nullable=False)
    score: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, nullable=False)
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    programme: Mapped[MentoringProgramme] = relationship(back_populates="pairs")
    mentor: Mapped[Mentor] = relationship()
    mentee: Mapped[Mentee] = relationship()
    check_ins: Mapped[list[PairCheckIn]] = relationship(back_populates="pair", cascade="all, delete-orphan",
                                                        order_by="PairCheckIn.id")


class PairCheckIn(Base):
    """A meeting, the mid-point or the final check-in of a pair, reported by one side with a short rating."""

    __tablename__ = "pair_check_ins"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentoring_pairs.id", ondelete="CASCADE"), nullable=False,
                                         index=True)
    kind: Mapped[CheckInKind] = mapped_column(str_enum(CheckInKind, "check_in_kind"), nullable=False)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    happened_on: Mapped[date] = mapped_column(Date, nullable=False)
    rating: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", nullable=False)

    pair: Mapped[MentoringPair] = relationship(back_populates="check_ins")
