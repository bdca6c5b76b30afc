"""An employer's organisation: its profile and its members (colleagues share the organisation's offers)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.core.passwords import hash_password
from matchmaker.core.validation import valid_email
from matchmaker.models import Locale, Municipality, Organization, PasswordResetToken, Role, Sector, User, utcnow
from matchmaker.services.accounts.password_reset import hash_token
from matchmaker.services.accounts.users import find_user_by_email


@dataclass
class OrganizationProfile:
    """The editable part of an organisation (the organisationsnummer is not editable)."""

    name: str
    sector: str
    municipality_id: int | None = None
    website: str = ""
    description: str = ""


class Unverified(Forbidden):
    """The actor's organisation is not verified by a coach yet, so this is not allowed."""


def require_verified(organization: Organization) -> None:
    """Raise Unverified unless a coach has verified the organisation.

    Until then its members can write and submit offers, but see no students and bring in nobody else: anybody
    can register an organisation, so trust comes from a coach, not from the registration form.
    """
    if not organization.verified:
        raise Unverified("the organisation is not verified yet")


def own_organization(session: Session, actor: User) -> Organization:
    """The actor's organisation; NotFound when the actor belongs to none."""
    if actor.organization_id is None:
        raise NotFound("organization")
    org = session.get(Organization, actor.organization_id)
    if org is None:
        raise NotFound("organization")
    return org


def members(session: Session, organization_id: int) -> list[User]:
    """The employer accounts of an organisation, by name."""
    return list(
        session.scalars(
            select(User)
            .where(User.organization_id == organization_id, User.role == Role.EMPLOYER)
            .order_by(User.display_name, User.email)
        )
    )


def _website_problem(url: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        return "must be a web address starting with https:// or http://"
    if len(url) > 300:
        return "must be at most 300 characters"
    return None


def update_profile(session: Session, actor: User, organization_id: int, data: OrganizationProfile) -> Organization:
    """Edit the organisation's profile; only its own members may (NotFound for everyone else)."""
    org = session.get(Organization, organization_id)
    if org is None or actor.role != Role.EMPLOYER or actor.organization_id != organization_id:
        raise NotFound("organization")
    errors: dict[str, str] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = "is required"
    elif len(name) > 200:
        errors["name"] = "must be at most 200 characters"
    elif org.verified and name != org.name:
        # The name a coach verified is what mail and students see; renaming needs a coach again.
        errors["name"] = "of a verified organisation is changed by a coach; ask one"
    if data.sector not in {s.value for s in Sector}:
        errors["sector"] = "is not a known sector"
    if data.municipality_id is not None and session.get(Municipality, data.municipality_id) is None:
        errors["municipality"] = "is not a known municipality"
    website = data.website.strip()
    problem = _website_problem(website)
    if problem:
        errors["website"] = problem
    if len(data.description) > 5000:
        errors["description"] = "must be at most 5000 characters"
    if errors:
        raise ValidationError(errors)
    org.name = name
    org.sector = Sector(data.sector)
    org.municipality_id = data.municipality_id
    org.website = website
    org.description = data.description.strip()
    session.flush()
    audit.record(session, actor, "organization.update", org)
    return org


# An invitation link lives longer than a forgotten-password link: colleagues may not read their mail at once.
INVITATION_LIFETIME = timedelta(days=7)

# Builds (subject, body) of the invitation mail for the new user and the raw set-password token.
InvitationComposer = Callable[[User, str], tuple[str, str]]


def add_colleague(
    session: Session, actor: User, *, email: str, name: str, compose: InvitationComposer,
    locale: Locale = Locale.SV,
) -> User:
    """Create an employer account in the actor's organisation and queue an invitation mail.

    The account gets a random password nobody knows; the mail carries a single-use link (the password-reset
    token machinery, valid for INVITATION_LIFETIME) with which the colleague chooses their own password.
    After it expires, "Forgot password" sends a fresh link.
    """
    org = own_organization(session, actor)
    require_verified(org)
    errors: dict[str, str] = {}
    email = email.strip().lower()
    if not valid_email(email):
        errors["email"] = "is not a valid email address"
    elif find_user_by_email(session, email) is not None:
        errors["email"] = "is already registered"
    name = " ".join(name.split())
    if not name:
        errors["name"] = "is required"
    elif len(name) > 120:
        errors["name"] = "must be at most 120 characters"
    if errors:
        raise ValidationError(errors)
    colleague = User(
        email=email, password_hash=hash_password(secrets.token_urlsafe(32)), role=Role.EMPLOYER,
        display_name=name, locale=locale, organization_id=org.id,
    )
    session.add(colleague)
    session.flush()
    raw = secrets.token_urlsafe(32)
    session.add(
        PasswordResetToken(
            user_id=colleague.id, token_hash=hash_token(raw), expires_at=utcnow() + INVITATION_LIFETIME
        )
    )
    subject, body = compose(colleague, raw)
    mail.queue_mail(session, email, subject, body)
    audit.record(session, actor, "organization.add_member", colleague, organization_id=org.id)
    return colleague


def all_organizations(session: Session) -> list[Organization]:
    """Every organisation, by name (the coaches' filters and choices)."""
    return list(session.scalars(select(Organization).order_by(Organization.name, Organization.id)))
