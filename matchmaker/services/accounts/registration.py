"""Registration by mail: the form's answer never says whether an address has an account.

A valid form always writes one pending registration and mails the address once: a link to create the account
if the address is free, a note that it already has an account if it is taken. Both cost the same (the password
is hashed either way), so neither the answer nor its time tells anybody which addresses are registered, and
nobody can create an account in another person's name.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.core import mail
from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import hash_password
from matchmaker.models import Locale, PendingRegistration, Role, User, utcnow
from matchmaker.services.accounts import users
from matchmaker.services.accounts.password_reset import hash_token

LIFETIME = timedelta(hours=24)
INVALID = "is invalid or has expired"

# (kind: "confirm" or "taken", address, locale, raw token) -> (subject, body); the web layer knows URLs and words.
RegistrationComposer = Callable[[str, str, Locale, str], tuple[str, str]]


@dataclass
class RegistrationInput:
    """What the registration form gave."""

    role: Role
    email: str
    password: str
    name: str
    locale: Locale = Locale.SV
    program_slug: str = ""
    org: users.OrganizationInput | None = None


def request_registration(session: Session, form: RegistrationInput, compose: RegistrationComposer) -> str | None:
    """Check the form, write a pending registration and mail the address; the raw token if the address is free."""
    errors = users.registration_errors(session, role=form.role, email=form.email, password=form.password,
                                       name=form.name, program_slug=form.program_slug, org=form.org)
    if errors:
        raise ValidationError(errors)
    email = form.email.strip().lower()
    password_hash = hash_password(form.password)  # also for a taken address: the same work either way
    taken = users.find_user_by_email(session, email) is not None
    data = {
        "role": form.role.value, "name": form.name.strip(), "locale": form.locale.value,
        "password_hash": password_hash, "program_slug": form.program_slug,
        "org": vars(form.org) if form.org else None,
    }
    raw = secrets.token_urlsafe(32)
    # For a taken address the row holds nothing (nothing is kept that will never be used), and is never usable.
    session.add(PendingRegistration(token_hash=hash_token(raw), email=email, data={} if taken else data,
                                    expires_at=utcnow() + LIFETIME))
    subject, body = compose("taken" if taken else "confirm", email, form.locale, raw)
    mail.queue_mail(session, email, subject, body)
    session.flush()
    return None if taken else raw


def pending_for_token(session: Session, raw: str) -> PendingRegistration | None:
    """The still-valid registration a mailed token belongs to."""
    if not raw or len(raw) > 100:
        return None
    pending = session.scalar(select(PendingRegistration).where(PendingRegistration.token_hash == hash_token(raw)))
    if pending is None or not pending.data or pending.expires_at <= utcnow():
        return None
    return pending


def confirm_registration(session: Session, raw: str) -> User:
    """Create the account of a mailed registration link; the link (and any other for the address) is used up."""
    pending = pending_for_token(session, raw)
    if pending is None or users.find_user_by_email(session, pending.email) is not None:
        raise ValidationError({"token": INVALID})
    data = pending.data
    role, locale = Role(data["role"]), Locale(data["locale"])
    if role == Role.EMPLOYER:
        user = users.register_employer(session, email=pending.email, password=None, name=data["name"],
                                       org=users.OrganizationInput(**data["org"]), locale=locale,
                                       password_hash=data["password_hash"])
    else:
        user = users.register_student(session, email=pending.email, password=None, name=data["name"],
                                      program_slug=data["program_slug"], locale=locale,
                                      password_hash=data["password_hash"])
    session.execute(delete(PendingRegistration).where(PendingRegistration.email == pending.email))
    session.flush()
    return user


def purge_expired(session: Session) -> int:
    """Delete registrations nobody confirmed in time (housekeeping)."""
    result = session.execute(delete(PendingRegistration).where(PendingRegistration.expires_at <= utcnow()))
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
