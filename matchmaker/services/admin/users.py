"""Administration of user accounts: list and search, create, (de)activate, and the counts per role."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.core.paging import Page, paginate
from matchmaker.models import Organization, Role, User
from matchmaker.services.accounts import users as accounts

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    if role == Role.ALUMNUS.value:
        raise ValidationError({"role": "cannot be given to a new account (a student becomes an alumnus)"})
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


def get_user(session: Session, user_id: int) -> User:
    """One account, or NotFound."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user")
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


def user_counts(session: Session) -> dict[str, int]:
    """Active users per role."""
    rows = session.execute(select(User.role, func.count(User.id)).where(User.active).group_by(User.role)).all()
    counts = {r.value: 0 for r in Role}
    counts.update({role.value: n for role, n in rows})
    return counts
