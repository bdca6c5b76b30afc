"""Administration: users, catalogues (study programs, municipalities) and the audit trail."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.models import AuditEvent, Municipality, Organization, ProgramLevel, Role, StudyProgram, User
from matchmaker.services.accounts import users as accounts

T = TypeVar("T")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Page(Generic[T]):
    """One page of a longer list."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session: Session, stmt: Select[Any], page: int, per_page: int, *, scalars: bool = True) -> Page[Any]:
    """Run `stmt` for one page; the total comes from a COUNT over the same statement."""
    page = max(1, page)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    query = stmt.limit(per_page).offset((page - 1) * per_page)
    items = list(session.scalars(query)) if scalars else list(session.execute(query).all())
    return Page(items, total, page, per_page)


# -- users ------------------------------------------------------------------------------------------------
def list_users(session: Session, *, q: str = "", role: str = "", page: int = 1, per_page: int = 50) -> Page[User]:
    """Users matching an email/name search and a role, newest first."""
    stmt = select(User)
    if q.strip():
        # contains(autoescape=True): a "%" or "_" typed by the admin is matched literally.
        needle = q.strip().lower()
        stmt = stmt.where(or_(User.email.contains(needle, autoescape=True),
                              func.lower(User.display_name).contains(needle, autoescape=True)))
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == Role(role))
    return paginate(session, stmt.order_by(User.id.desc()), page, per_page)


def create_user(
    session: Session, admin: User, *, email: str, password: str, role: str, display_name: str,
    organization_id: int | None = None,
) -> User:
    """Create a user of any role; employers must belong to an existing organisation."""
    if role not in {r.value for r in Role}:
        raise ValidationError({"role": "is not a known role"})
    organization = None
    if Role(role) == Role.EMPLOYER:
        if organization_id is None:
            raise ValidationError({"organization": "is required for employers"})
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise ValidationError({"organization": "is not a known organisation"})
    user = accounts.create_user(
        session, email=email, password=password, role=Role(role), display_name=display_name, actor=admin
    )
    if organization is not None:
        user.organization = organization
        session.flush()
        audit.record(session, admin, "user.set_organization", user, organization_id=organization.id)
    return user


def set_user_active(session: Session, admin: User, user_id: int, active: bool) -> User:
    """Deactivate (ending every session) or reactivate a user; an admin cannot deactivate themself."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user")
    if user.id == admin.id and not active:
        raise Conflict("you cannot deactivate your own account")
    if user.active == active:
        return user
    user.active = active
    if not active:
        user.session_version += 1
    session.flush()
    audit.record(session, admin, "user.reactivate" if active else "user.deactivate", user, email=user.email)
    return user


def organization_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "name (org number)") pairs for a select field."""
    orgs = session.scalars(select(Organization).order_by(Organization.name, Organization.id))
    return [(str(o.id), f"{o.name} ({o.org_number})") for o in orgs]


# -- study programs ---------------------------------------------------------------------------------------
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


# -- municipalities ---------------------------------------------------------------------------------------
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


# -- audit trail ------------------------------------------------------------------------------------------
@dataclass
class AuditFilter:
    """Filters of the audit page; empty values do not filter."""

    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_events(session: Session, filters: AuditFilter, *, page: int = 1,
                 per_page: int = 50) -> Page[tuple[AuditEvent, User | None]]:
    """Audit events, newest first, with their actors; actor matches email or name, action is a prefix."""
    stmt = select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if filters.actor.strip():
        needle = filters.actor.strip().lower()
        stmt = stmt.where(or_(User.email.contains(needle, autoescape=True),
                              func.lower(User.display_name).contains(needle, autoescape=True)))
    if filters.action.strip():
        # A prefix: "offer." shows every offer action.
        stmt = stmt.where(AuditEvent.action.startswith(filters.action.strip(), autoescape=True))
    if filters.date_from is not None:
        stmt = stmt.where(AuditEvent.at >= datetime.combine(filters.date_from, time.min, UTC))
    if filters.date_to is not None:
        stmt = stmt.where(AuditEvent.at < datetime.combine(filters.date_to + timedelta(days=1), time.min, UTC))
    return paginate(session, stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()), page, per_page,
                    scalars=False)


def audit_actions(session: Session) -> Sequence[str]:
    """Distinct action names (for the filter's suggestions)."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def user_counts(session: Session) -> dict[str, int]:
    """Active users per role."""
    rows = session.execute(select(User.role, func.count(User.id)).where(User.active).group_by(User.role)).all()
    counts = {r.value: 0 for r in Role}
    counts.update({role.value: n for role, n in rows})
    return counts
