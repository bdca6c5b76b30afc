"""Student profiles."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, UTCDateTime, str_enum
from .enums import StudyMode

if TYPE_CHECKING:
    from .catalogue import Municipality, StudyProgram
    from .user import User

student_municipalities = Table(
    "student_municipalities",
    Base.metadata,
    Column("student_id", ForeignKey("student_profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True),
)


class StudentProfile(TimestampMixin, Base):
    """What a student tells about themself; personal data, shown to employers only with consent."""

    __tablename__ = "student_profiles"
    __table_args__ = (
        CheckConstraint(
            "graduation_term IS NULL OR graduation_term LIKE 'HT____' OR graduation_term LIKE 'VT____'",
            name="graduation_term_format",
        ),
        CheckConstraint("visible_to_employers = false OR consent_at IS NOT NULL", name="consent_timestamped"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    name: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("study_programs.id", ondelete="SET NULL"), index=True
    )
    study_mode: Mapped[StudyMode] = mapped_column(
        str_enum(StudyMode, "study_mode"), default=StudyMode.CAMPUS, nullable=False
    )
    # "HT2026" (autumn) or "VT2027" (spring), the Swedish academic terms.
    graduation_term: Mapped[str | None] = mapped_column(String(6))
    skills: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    interests: Mapped[str] = mapped_column(Text, default="", nullable=False)
    about: Mapped[str] = mapped_column(Text, default="", nullable=False)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    preferred_kinds: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    willing_to_relocate: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    remote_ok: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    prefers_sparse: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    visible_to_employers: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    phone: Mapped[str] = mapped_column(String(40), default="", nullable=False)

    user: Mapped[User] = relationship(back_populates="student_profile")
    program: Mapped[StudyProgram | None] = relationship()
    preferred_municipalities: Mapped[list[Municipality]] = relationship(
        secondary=student_municipalities, order_by="Municipality.name"
    )
