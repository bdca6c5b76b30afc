"""Administration of the catalogues: study programs and municipalities."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Municipality, ProgramLevel, StudyProgram, User

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def all_programs(session: Session) -> list[StudyProgram]:
    """Every study program, active first, by Swedish name."""
    return list(session.scalars(select(StudyProgram).order_by(StudyProgram.active.desc(), StudyProgram.name_sv)))


def get_program(session: Session, program_id: int) -> StudyProgram:
    """A study program by id; NotFound otherwise."""
    program = session.get(StudyProgram, program_id)
    if program is None:
        raise NotFound("program")
    return program


def _program_fields(name_sv: str, name_en: str, level: str) -> tuple[str, str, ProgramLevel]:
    errors: dict[str, str] = {}
    name_sv, name_en = (name_sv or "").strip(), (name_en or "").strip()
    if not name_sv:
        errors["name_sv"] = "is required"
    elif len(name_sv) > 200:
        errors["name_sv"] = "is too long"
    if not name_en:
        errors["name_en"] = "is required"
    elif len(name_en) > 200:
        errors["name_en"] = "is too long"
    if level not in {lv.value for lv in ProgramLevel}:
        errors["level"] = "is not a known level"
    if errors:
        raise ValidationError(errors)
    return name_sv, name_en, ProgramLevel(level)


def create_program(session: Session, admin: User, *, slug: str, name_sv: str, name_en: str, level: str) -> StudyProgram:
    """Add a study program; the slug is its permanent identifier."""
    slug = (slug or "").strip().lower()
    errors: dict[str, str] = {}
    if not _SLUG.match(slug) or len(slug) > 64:
        errors["slug"] = "must be lower-case letters, digits and hyphens"
    elif session.scalar(select(StudyProgram.id).where(StudyProgram.slug == slug)) is not None:
        errors["slug"] = "is already in use"
    try:
        sv, en, lv = _program_fields(name_sv, name_en, level)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    program = StudyProgram(slug=slug, name_sv=sv, name_en=en, level=lv, active=True)
    session.add(program)
    session.flush()
    audit.record(session, admin, "program.create", program, slug=slug)
    return program


def update_program(session: Session, admin: User, program_id: int, *, name_sv: str, name_en: str,
                   level: str) -> StudyProgram:
    """Change a study program's names and level (the slug stays)."""
    program = get_program(session, program_id)
    program.name_sv, program.name_en, program.level = _program_fields(name_sv, name_en, level)
    session.flush()
    audit.record(session, admin, "program.update", program, slug=program.slug)
    return program


def set_program_active(session: Session, admin: User, program_id: int, active: bool) -> StudyProgram:
    """Deactivate a program (hidden from new choices, kept on existing data) or activate it again."""
    program = get_program(session, program_id)
    if program.active != active:
        program.active = active
        session.flush()
        audit.record(session, admin, "program.activate" if active else "program.deactivate", program,
                     slug=program.slug)
    return program


def get_municipality(session: Session, municipality_id: int) -> Municipality:
    """A municipality by id; NotFound otherwise."""
    municipality = session.get(Municipality, municipality_id)
    if municipality is None:
        raise NotFound("municipality")
    return municipality


def update_municipality(session: Session, admin: User, municipality_id: int, *, county: str,
                        sparsely_populated: bool) -> Municipality:
    """Change a municipality's county and sparsely-populated flag."""
    municipality = get_municipality(session, municipality_id)
    county = (county or "").strip()
    if not county:
        raise ValidationError({"county": "is required"})
    if len(county) > 100:
        raise ValidationError({"county": "is too long"})
    before = {"county": municipality.county, "sparsely_populated": municipality.sparsely_populated}
    municipality.county = county
    municipality.sparsely_populated = bool(sparsely_populated)
    session.flush()
    audit.record(session, admin, "municipality.update", municipality, before=before,
                 after={"county": county, "sparsely_populated": bool(sparsely_populated)})
    return municipality
