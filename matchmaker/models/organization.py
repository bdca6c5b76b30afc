"""Employers: organisations and their members."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum
from .enums import Sector

if TYPE_CHECKING:
    from .catalogue import Municipality
    from .contract import CompetenceContract
    from .offer import Offer
    from .user import User


class Organization(TimestampMixin, Base):
    """An employer: company, municipality, region, non-profit or learning centre."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Swedish organisationsnummer, stored normalised as NNNNNN-NNNN; check digit validated in services.
    org_number: Mapped[str] = mapped_column(String(11), unique=True, nullable=False)
    sector: Mapped[Sector] = mapped_column(str_enum(Sector, "sector"), nullable=False)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    website: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    verified: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # An admin can deactivate an organisation: its members cannot log in, its offers are closed, its page is gone.
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # File name of the logo under the upload folder (services/accounts/logos.py); "" for none.
    logo: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    # Who verified is kept in the audit trail (users already refer to organizations; no cycle here).

    municipality: Mapped[Municipality | None] = relationship()
    members: Mapped[list[User]] = relationship(
        back_populates="organization", foreign_keys="User.organization_id"
    )
    offers: Mapped[list[Offer]] = relationship(back_populates="organization")
    contracts: Mapped[list[CompetenceContract]] = relationship(back_populates="organization")
