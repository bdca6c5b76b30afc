"""Catalogue look-ups: study programs and municipalities."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Municipality, StudyProgram


def programs(session: Session) -> list[StudyProgram]:
    """Active study programs, by Swedish name."""
    return list(session.scalars(select(StudyProgram).where(StudyProgram.active).order_by(StudyProgram.name_sv)))


def municipalities(session: Session) -> list[Municipality]:
    """Municipalities by county, then name."""
    return list(session.scalars(select(Municipality).order_by(Municipality.county, Municipality.name)))


def counties(session: Session) -> list[str]:
    """Distinct county names."""
    return list(session.scalars(select(Municipality.county).distinct().order_by(Municipality.county)))


def program_choices(session: Session, locale: str) -> list[tuple[str, str]]:
    """(slug, name) pairs for a select field."""
    return [(p.slug, p.name(locale)) for p in programs(session)]


def municipality_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "name (county)") pairs for a select field."""
    return [(str(m.id), f"{m.name} ({m.county})") for m in municipalities(session)]
