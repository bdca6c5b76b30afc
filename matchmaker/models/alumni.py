"""Alumni: a graduate's own account of where they work, and their consent for the alumni purpose."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime

if TYPE_CHECKING:
    from .catalogue import Municipality
    from .organization import Organization
    from .user import User


class AlumnusProfile(TimestampMixin, Base):
    """One graduate (or a student with a planned graduation date): self-reported, shown only with consent."""

    __tablename__ = "alumnus_profiles"
    __table_args__ = (
        CheckConstraint("consent_given = false OR consent_at IS NOT NULL", name="alumni_consent_timestamped"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=False)
    # Set by the student ("become alumnus on"), or the day they said they graduated.
    graduated_on: Mapped[date | None] = mapped_column(Date, index=True)
    # When the role changed to alumnus; None while the student still waits for graduated_on.
    converted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    employer_name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id", ondelete="SET NULL"))
    stayed_in_region: Mapped[bool | None] = mapped_column(Boolean)
    open_to_mentoring: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    open_to_speaking: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    contact_for_employer: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The consent for the alumni purpose: asked again after graduation, answered yes or no (answered_at).
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
