"""Kompetenskontraktet: framework contracts between the university and employers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, str_enum
from .enums import ContractStatus, OfferKind

if TYPE_CHECKING:
    from .catalogue import StudyProgram
    from .offer import Offer
    from .organization import Organization


class CompetenceContract(TimestampMixin, Base):
    """A Kompetenskontrakt: an employer's commitment for one period."""

    __tablename__ = "competence_contracts"
    __table_args__ = (CheckConstraint("period_end >= period_start", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[ContractStatus] = mapped_column(
        str_enum(ContractStatus, "contract_status"), default=ContractStatus.DRAFT, nullable=False
    )
    signed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    organization: Mapped[Organization] = relationship(back_populates="contracts")
    commitments: Mapped[list[ContractCommitment]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractCommitment.id"
    )

    __mapper_args__ = {"version_id_col": version_id}


class ContractCommitment(Base):
    """One line of a contract: so many offers of a kind for a program."""

    __tablename__ = "contract_commitments"
    __table_args__ = (
        CheckConstraint("count >= 1", name="count_positive"),
        UniqueConstraint("contract_id", "kind", "program_id", name="uq_commitment_line"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("competence_contracts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[OfferKind] = mapped_column(str_enum(OfferKind, "commitment_kind"), nullable=False)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("study_programs.id", ondelete="RESTRICT"), nullable=False
    )
    count: Mapped[int] = mapped_column(Integer, nullable=False)

    contract: Mapped[CompetenceContract] = relationship(back_populates="commitments")
    program: Mapped[StudyProgram] = relationship()
    offers: Mapped[list[Offer]] = relationship(back_populates="commitment")
