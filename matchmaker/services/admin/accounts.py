"""An admin edits one account: name, e-mail, role, organisation, active; and sends a password reset link."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.core.validation import valid_email
from matchmaker.models import Organization, PasswordResetToken, Role, User, utcnow
from matchmaker.services.accounts.password_reset import TOKEN_LIFETIME, hash_token
from matchmaker.services.accounts.users import find_user_by_email

# (user, raw token) -> (subject, body) of the reset mail; the web layer knows the link and the language.
ResetComposer = Callable[[User, str], tuple[str, str]]


@dataclass
class AccountEdit:
    """What an admin may change on an account."""

    display_name: str
    email: str
    role: str
    organization_id: int | None
    active: bool


def get_user(session: Session, user_id: int) -> User:
    """The account, or NotFound."""
    found = session.get(User, user_id)
    if found is None:
        raise NotFound("user")
    return found


def update_account(session: Session, admin: User, user_id: int, edit: AccountEdit) -> User:
    """Apply an admin's edit; ValidationError names each bad field, nothing changes then.

    A student's role stays (their profile and applications belong to the student role), an admin cannot take
    their own admin role or deactivate themself, and a change of role or e-mail ends the user's sessions.
    """
    target = get_user(session, user_id)
    errors: dict[str, str] = {}
    email = (edit.email or "").strip().lower()
    if not valid_email(email):
        errors["email"] = "is not a valid email address"
    elif email != target.email and find_user_by_email(session, email) is not None:
        errors["email"] = "is already registered"
    if edit.role not in {r.value for r in Role}:
        errors["role"] = "is not a known role"
    else:
        role = Role(edit.role)
        if role != target.role and {Role.STUDENT, Role.ALUMNUS} & {role, target.role}:
            # A student becomes an alumnus only by graduating (services/alumni/conversion), never by an admin.
            errors["role"] = "cannot be changed to or from student or alumnus (create a new account instead)"
        elif target.id == admin.id and role != Role.ADMIN:
            errors["role"] = "cannot be changed on your own account"
    organization = session.get(Organization, edit.organization_id) if edit.organization_id else None
    if edit.role == Role.EMPLOYER.value and organization is None:
        errors["organization"] = "is required for employers"
    if target.id == admin.id and not edit.active:
        errors["active"] = "cannot be turned off on your own account"
    if len(edit.display_name or "") > 200:
        errors["display_name"] = "must be at most 200 characters"
    if errors:
        raise ValidationError(errors)
    before = {"display_name": target.display_name, "email": target.email, "role": target.role.value,
              "organization": target.organization.name if target.organization else "", "active": target.active}
    target.display_name = (edit.display_name or "").strip()
    target.email = email
    target.role = Role(edit.role)
    target.organization = organization if target.role == Role.EMPLOYER else None
    target.active = edit.active
    after = {"display_name": target.display_name, "email": target.email, "role": target.role.value,
             "organization": target.organization.name if target.organization else "", "active": target.active}
    changed = sorted(k for k in before if before[k] != after[k])
    if not changed:
        return target
    if {"email", "role", "active", "organization"} & set(changed):
        target.session_version += 1  # privileges or the login changed: every session of the user ends
    session.flush()
    audit.record(session, admin, "user.update", target, changed=changed,
                 **{f"{k}_before": before[k] for k in changed}, **{k: after[k] for k in changed})
    return target


def send_password_reset(session: Session, admin: User, user_id: int, compose: ResetComposer) -> User:
    """Mail the user a single-use reset link (their password stays until they use it)."""
    target = get_user(session, user_id)
    if not target.active:
        raise Conflict("the account is deactivated; reactivate it first")
    raw = secrets.token_urlsafe(32)
    session.add(PasswordResetToken(user_id=target.id, token_hash=hash_token(raw),
                                   expires_at=utcnow() + TOKEN_LIFETIME))
    subject, body = compose(target, raw)
    mail.queue_mail(session, target.email, subject, body)
    audit.record(session, admin, "user.password_reset_sent", target, email=target.email)
    return target
