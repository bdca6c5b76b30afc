"""Meeting places: events (fairs, career week sessions, visits, lectures, information meetings) and their people."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .catalogue import StudyProgram
    from .offer import Offer
    from .organization import Organization
    from .student import StudentProfile


class EventKind(enum.StrEnum):
    FAIR = "fair"
    CAREER_WEEK = "career_week"
    COMPANY_VISIT = "company_visit"
    GUEST_LECTURE = "guest_lecture"
    INFORMATION_MEETING = "information_meeting"


class LifecyclePhase(enum.StrEnum):
    """The phases of the university's strategy an activity serves (coach reports group activities by them)."""

    ATTRACT = "attract"
    STIMULATE = "stimulate"
    RETAIN = "retain"
    DEVELOP = "develop"


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


event_programs = Table(
    "event_programs",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("program_id", ForeignKey("study_programs.id", ondelete="CASCADE"), primary_key=True),
)


class Event(TimestampMixin, Base):
    """An event coaches arrange; students register, and for a fair employers register their organisation."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="time_order"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint("registration_closes > registration_opens", name="registration_order"),
        CheckConstraint("goal_attendance IS NULL OR goal_attendance > 0", name="goal_attendance_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind, "event_kind"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    campus: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    place: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    online_url: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    registration_opens: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    registration_closes: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # Fairs only: the window in which employers register their organisation.
    employer_registration_opens: Mapped[datetime | None] = mapped_column(UTCDateTime())
    employer_registration_closes: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Until when a student may cancel an interview slot booked at this fair.
    slot_cancel_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Eligibility: empty lists mean "everyone" for that criterion.
    levels: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    graduation_terms: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Measurable goal, set when the event is created: how many students attend; and the phase it serves.
    goal_attendance: Mapped[int | None] = mapped_column(Integer)
    phase: Mapped[LifecyclePhase] = mapped_column(
        str_enum(LifecyclePhase, "lifecycle_phase"), default=LifecyclePhase.ATTRACT, nullable=False)

    programs: Mapped[list[StudyProgram]] = relationship(secondary=event_programs, order_by="StudyProgram.id")
    registrations: Mapped[list[EventRegistration]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventRegistration.id")
    exhibitors: Mapped[list[FairExhibitor]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="FairExhibitor.id")


class EventRegistration(Base):
    """A student's registration for an event: registered, on the waiting list, or cancelled."""

    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "student_id", name="uq_event_registrations_event_student"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False, index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        str_enum(RegistrationStatus, "registration_status"), nullable=False)
    # The waiting list is in order of (re)registration.
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    event: Mapped[Event] = relationship(back_populates="registrations")
    student: Mapped[StudentProfile] = relationship()


class FairExhibitor(TimestampMixin, Base):
    """An employer organisation registered for a fair: its stand, representatives and wishes."""

    __tablename__ = "fair_exhibitors"
    __table_args__ = (
        UniqueConstraint("event_id", "organization_id", name="uq_fair_exhibitors_event_org"),
        CheckConstraint("representatives BETWEEN 1 AND 50", name="representatives_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False, index=True)
    stand: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    representatives: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    wishes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    event: Mapped[Event] = relationship(back_populates="exhibitors")
    organization: Mapped[Organization] = relationship()
    slots: Mapped[list[InterviewSlot]] = relationship(
        back_populates="exhibitor", cascade="all, delete-orphan", order_by="InterviewSlot.starts_at")


class InterviewSlot(Base):
    """A 10- or 30-minute interview slot an exhibitor publishes at a fair, optionally for one of its offers."""

    __tablename__ = "interview_slots"
    __table_args__ = (
        UniqueConstraint("exhibitor_id", "starts_at", name="uq_interview_slots_exhibitor_start"),
        CheckConstraint("minutes IN (10, 30)", name="minutes_allowed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("fair_exhibitors.id", ondelete="CASCADE"), nullable=False, index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)

    exhibitor: Mapped[FairExhibitor] = relationship(back_populates="slots")
    offer: Mapped[Offer | None] = relationship()
    booking: Mapped[SlotBooking | None] = relationship(
        back_populates="slot", uselist=False, cascade="all, delete-orphan")


class SlotBooking(Base):
    """A student's booking of one slot. The constraints are what prevents double booking, also under races:
    one booking per slot, one per student and exhibitor, and one per student and start time at a fair."""

    __tablename__ = "slot_bookings"
    __table_args__ = (
        UniqueConstraint("slot_id", name="uq_slot_bookings_slot"),
        UniqueConstraint("exhibitor_id", "student_id", name="uq_slot_bookings_exhibitor_student"),
        UniqueConstraint("event_id", "student_id", "starts_at", name="uq_slot_bookings_student_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("interview_slots.id", ondelete="CASCADE"), nullable=False)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("fair_exhibitors.id", ondelete="CASCADE"), nullable=False)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    slot: Mapped[InterviewSlot] = relationship(back_populates="booking")
    student: Mapped[StudentProfile] = relationship()
