"""Catalogues: study programs and municipalities."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, str_enum
from .enums import ProgramLevel


class StudyProgram(Base):
    """A study program of the university."""

    __tablename__ = "study_programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name_sv: Mapped[str] = mapped_column(String(200), nullable=False)
    name_en: Mapped[str] = mapped_column(String(200), nullable=False)
    level: Mapped[ProgramLevel] = mapped_column(str_enum(ProgramLevel, "program_level"), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    def name(self, locale: str) -> str:
        """The program's name in the given locale."""
        return self.name_en if locale == "en" else self.name_sv


class Municipality(Base):
    """A Swedish municipality with its county."""

    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    county: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    sparsely_populated: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
