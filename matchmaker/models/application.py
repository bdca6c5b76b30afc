"""Applications, their status history, invitations and a student's own choices."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from .enums import ApplicationStatus, InvitationStatus

if TYPE_CHECKING:
    from .offer import Offer
    from .student import StudentProfile


class Application(TimestampMixin, Base):
    """A student's application to an offer; one per student and offer."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("student_id", "offer_id", name="uq_application_student_offer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False, index=True)
    message: Mapped[str] = mapped_column(Text, default="", nullable=False)
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus, "application_status"), default=ApplicationStatus.SUBMITTED, nullable=False
    )
    # The profile as it was when the student applied: what the employer reviews.
    profile_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    employer_notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    # The placement period the employer set when offering the place (else the offer's period is used).
    placement_start: Mapped[date | None] = mapped_column(Date)
    placement_end: Mapped[date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    student: Mapped[StudentProfile] = relationship()
    offer: Mapped[Offer] = relationship()
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationEvent.id"
    )

    __mapper_args__ = {"version_id_col": version_id}


class ApplicationEvent(Base):
    """One status change of an application, with an optional message to the student."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True
    )
    from_status: Mapped[ApplicationStatus | None] = mapped_column(str_enum(ApplicationStatus, "event_from"))
    to_status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus, "event_to"), nullable=False
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="", nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    application: Mapped[Application] = relationship(back_populates="events")


class Invitation(Base):
    """An employer's invitation to a consenting student to apply to an offer."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("offer_id", "student_id", name="uq_invitation_offer_student"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False, index=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="", nullable=False)
    status: Mapped[InvitationStatus] = mapped_column(
        str_enum(InvitationStatus, "invitation_status"), default=InvitationStatus.SENT, nullable=False
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    offer: Mapped[Offer] = relationship()
    student: Mapped[StudentProfile] = relationship()


class DismissedOffer(Base):
    """An offer the student marked "not interested": never recommended to them again."""

    __tablename__ = "dismissed_offers"

    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), primary_key=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class SavedSearch(Base):
    """A student's saved Karriärsök query; new matching offers are flagged since the last visit."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student_profiles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    # Alerts: "" (off), "daily" or "weekly". Offers published after alert_since (when alerts were switched on)
    # and after the last run are sent, each once (SavedSearchHit). A search that found nothing for 90 days, or
    # whose owner has not logged in for 90 days, switches itself off and records why.
    alert_frequency: Mapped[str] = mapped_column(String(8), default="", nullable=False)
    alert_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    alert_last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    alert_last_hit_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    alert_off_reason: Mapped[str] = mapped_column(String(16), default="", nullable=False)


class SavedSearchHit(Base):
    """An offer a saved search's alert has told its owner about: never again, however often the offer is edited."""

    __tablename__ = "saved_search_hits"
    __table_args__ = (UniqueConstraint("search_id", "offer_id", name="uq_saved_search_hit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    search_id: Mapped[int] = mapped_column(ForeignKey("saved_searches.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), nullable=False, index=True)
    alerted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
