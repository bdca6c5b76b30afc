"""Offers: degree projects, internships, trainee places, mentoring and jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum
from .enums import Locale, OfferKind, OfferStatus

if TYPE_CHECKING:
    from .catalogue import Municipality, StudyProgram
    from .contract import ContractCommitment
    from .organization import Organization

offer_programs = Table(
    "offer_programs",
    Base.metadata,
    Column("offer_id", ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True),
    Column("program_id", ForeignKey("study_programs.id", ondelete="CASCADE"), primary_key=True),
)


class Offer(TimestampMixin, Base):
    """Something an employer offers students."""

    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint("places >= 1", name="places_positive"),
        CheckConstraint(
            "period_start IS NULL OR period_end IS NULL OR period_end >= period_start", name="period_order"
        ),
        Index("ix_offers_status_deadline", "status", "application_deadline"),
        # Covers the ranking index's change signature (count, newest update, id sum of published offers).
        Index("ix_offers_status_updated", "status", "updated_at", "id"),
        # Karriärsök's "newest" order and the new-offer counts of saved searches.
        Index("ix_offers_status_published", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[OfferKind] = mapped_column(str_enum(OfferKind, "offer_kind"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    remote: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    language: Mapped[Locale] = mapped_column(str_enum(Locale, "offer_language"), default=Locale.SV)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    places: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    application_deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[OfferStatus] = mapped_column(
        str_enum(OfferStatus, "offer_status"), default=OfferStatus.DRAFT, nullable=False
    )
    review_comment: Mapped[str] = mapped_column(Text, default="", nullable=False)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("contract_commitments.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The token of the form that created it: the same form sent twice (double click, resend) creates one offer.
    creation_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Optimistic locking: a stale edit fails instead of overwriting someone else's.
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    organization: Mapped[Organization] = relationship(back_populates="offers")
    municipality: Mapped[Municipality | None] = relationship()
    programs: Mapped[list[StudyProgram]] = relationship(secondary=offer_programs, order_by="StudyProgram.slug")
    commitment: Mapped[ContractCommitment | None] = relationship(back_populates="offers")

    __mapper_args__ = {"version_id_col": version_id}

    def is_open(self, today: date) -> bool:
        """Published and still accepting applications on `today`."""
        return self.status == OfferStatus.PUBLISHED and (
            self.application_deadline is None or self.application_deadline >= today
        )
