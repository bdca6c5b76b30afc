"""Programme councils (branschråd): per study program, employer representatives, teachers and students who meet."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, str_enum
from .event import LifecyclePhase

if TYPE_CHECKING:
    from .catalogue import StudyProgram
    from .organization import Organization
    from .user import User


class MemberKind(enum.StrEnum):
    EMPLOYER_REPRESENTATIVE = "employer_representative"
    TEACHER = "teacher"
    STUDENT = "student"


council_meeting_attendees = Table(
    "council_meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("council_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("council_members.id", ondelete="CASCADE"), primary_key=True),
)


class ProgrammeCouncil(TimestampMixin, Base):
    """A study program's council; active when it met within the last 12 months."""

    __tablename__ = "programme_councils"
    __table_args__ = (
        UniqueConstraint("program_id", name="uq_programme_councils_program"),  # one council per program
        CheckConstraint("goal_meetings_per_year > 0", name="goal_meetings_positive"),
        CheckConstraint("goal_employer_members IS NULL OR goal_employer_members > 0",
                        name="goal_employer_members_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("study_programs.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    phase: Mapped[LifecyclePhase] = mapped_column(
        str_enum(LifecyclePhase, "lifecycle_phase"), default=LifecyclePhase.DEVELOP, nullable=False)
    # Measurable goals, set when the council is created: meetings per 12 months, and employers on it.
    goal_meetings_per_year: Mapped[int] = mapped_column(Integer, nullable=False)
    goal_employer_members: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    program: Mapped[StudyProgram] = relationship()
    members: Mapped[list[CouncilMember]] = relationship(
        back_populates="council", cascade="all, delete-orphan", order_by="CouncilMember.id")
    meetings: Mapped[list[CouncilMeeting]] = relationship(
        back_populates="council", cascade="all, delete-orphan",
        order_by=lambda: (CouncilMeeting.held_on.desc(), CouncilMeeting.id.desc()))


class CouncilMember(Base):
    """A person on a council: an employer representative (of an organisation), a teacher or a student."""

    __tablename__ = "council_members"
    __table_args__ = (UniqueConstraint("council_id", "user_id", name="uq_council_members_council_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey("programme_councils.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[MemberKind] = mapped_column(str_enum(MemberKind, "council_member_kind"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Employer representatives name their organisation; a linked account lets the person read the minutes.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # A member who leaves keeps their place in past minutes; they no longer count or read the minutes.
    left_on: Mapped[date | None] = mapped_column(Date)

    council: Mapped[ProgrammeCouncil] = relationship(back_populates="members")
    organization: Mapped[Organization | None] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def current(self) -> bool:
        """Still on the council."""
        return self.left_on is None


class CouncilMeeting(TimestampMixin, Base):
    """One meeting and its minutes: who attended, notes and decisions."""

    __tablename__ = "council_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey("programme_councils.id", ondelete="CASCADE"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    guests: Mapped[str] = mapped_column(Text, default="", nullable=False)  # attendees who are not members
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    decisions: Mapped[str] = mapped_column(Text, default="", nullable=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    council: Mapped[ProgrammeCouncil] = relationship(back_populates="meetings")
    attendees: Mapped[list[CouncilMember]] = relationship(secondary=council_meeting_attendees,
                                                          order_by="CouncilMember.id")
