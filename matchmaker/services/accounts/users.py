"""Accounts: registration, authentication, passwords and user administration."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import hash_password, password_problem, verify_password
from matchmaker.core.validation import normalise_org_number, parse_int, valid_email
from matchmaker.models import (
    Locale,
    Municipality,
    Organization,
    Role,
    Sector,
    StudentProfile,
    StudyProgram,
    User,
)
from matchmaker.models.base import utcnow

# A hash of a random string: verifying against it when the email is unknown keeps timing uniform.
_DUMMY_HASH = hash_password("not-a-real-password-just-for-timing")


@dataclass
class OrganizationInput:
    """What an employer gives about their organisation when registering."""

    name: str
    org_number: str
    sector: str
    municipality_id: int | None = None


def find_user_by_email(session: Session, email: str) -> User | None:
    """The user with this email, compared case-insensitively."""
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def _check_credentials(session: Session, email: str, password: str | None, errors: dict[str, str],
                       check_taken: bool = True) -> str:
    # password None: already checked and hashed (a confirmed registration brings its hash).
    email = email.strip().lower()
    if not valid_email(email):
        errors["email"] = "is not a valid email address"
    elif check_taken and find_user_by_email(session, email) is not None:
        errors["email"] = "is already registered"
    problem = password_problem(password, email) if password is not None else None
    if problem:
        errors["password"] = problem
    return email


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: Role,
    display_name: str = "",
    locale: Locale = Locale.SV,
    actor: User | None = None,
) -> User:
    """Create any kind of user (coach and admin only through an admin or the CLI)."""
    errors: dict[str, str] = {}
    email = _check_credentials(session, email, password, errors)
    if errors:
        raise ValidationError(errors)
    user = User(
        email=email, password_hash=hash_password(password), role=role, display_name=display_name.strip(),
        locale=locale,
    )
    session.add(user)
    session.flush()
    if role == Role.STUDENT:
        session.add(StudentProfile(user=user, name=display_name.strip()))
        session.flush()
    audit.record(session, actor, "user.create", user, role=role.value)
    return user


def _student_errors(session: Session, name: str, program_slug: str, errors: dict[str, str]) -> StudyProgram | None:
    if not name.strip():
        errors["name"] = "is required"
    program = None
    if program_slug:
        program = session.scalar(select(StudyProgram).where(StudyProgram.slug == program_slug))
        if program is None:
            errors["program"] = "is not a known study program"
    return program


def _employer_errors(session: Session, name: str, org: OrganizationInput, errors: dict[str, str]) -> str:
    if not name.strip():
        errors["name"] = "is required"
    if not org.name.strip():
        errors["org_name"] = "is required"
    org_number = ""
    try:
        org_number = normalise_org_number(org.org_number)
    except ValueError as exc:
        errors["org_number"] = str(exc)
    else:
        if session.scalar(select(Organization.id).where(Organization.org_number == org_number)):
            # Joining an existing organisation would expose its applicants: a colleague must add you.
            errors["org_number"] = "is already registered; ask a colleague there to add you"
    if org.sector not in {s.value for s in Sector}:
        errors["sector"] = "is not a known sector"
    if org.municipality_id is not None and session.get(Municipality, org.municipality_id) is None:
        errors["municipality"] = "is not a known municipality"
    return org_number


def registration_errors(session: Session, *, role: Role, email: str, password: str, name: str,
                        program_slug: str = "", org: OrganizationInput | None = None) -> dict[str, str]:
    """Everything wrong with a registration form except whether the address is taken (that is never said)."""
    errors: dict[str, str] = {}
    _check_credentials(session, email, password, errors, check_taken=False)
    if role == Role.EMPLOYER:
        _employer_errors(session, name, org or OrganizationInput("", "", ""), errors)
    elif role == Role.STUDENT:
        _student_errors(session, name, program_slug, errors)
    else:
        errors["role"] = "is not a role one can register as"
    return errors


def register_student(
    session: Session, *, email: str, password: str | None, name: str, program_slug: str = "",
    locale: Locale = Locale.SV, password_hash: str = "",
) -> User:
    """Self-registration of a student; the profile starts invisible to employers.

    With `password_hash` (a confirmed registration) the password was checked and hashed when it was given.
    """
    errors: dict[str, str] = {}
    email = _check_credentials(session, email, None if password_hash else password or "", errors)
    program = _student_errors(session, name, program_slug, errors)
    if errors:
        raise ValidationError(errors)
    user = User(
        email=email, password_hash=password_hash or hash_password(password or ""), role=Role.STUDENT,
        display_name=name.strip(), locale=locale,
    )
    user.student_profile = StudentProfile(name=name.strip(), program=program)
    session.add(user)
    session.flush()
    audit.record(session, user, "user.register", user, role="student")
    return user


def register_employer(
    session: Session, *, email: str, password: str | None, name: str, org: OrganizationInput,
    locale: Locale = Locale.SV, password_hash: str = "",
) -> User:
    """Self-registration of an employer with a new, unverified organisation (see register_student)."""
    errors: dict[str, str] = {}
    email = _check_credentials(session, email, None if password_hash else password or "", errors)
    org_number = _employer_errors(session, name, org, errors)
    if errors:
        raise ValidationError(errors)
    organization = Organization(
        name=org.name.strip(), org_number=org_number, sector=Sector(org.sector),
        municipality_id=org.municipality_id,
    )
    user = User(
        email=email, password_hash=password_hash or hash_password(password or ""), role=Role.EMPLOYER,
        display_name=name.strip(), locale=locale, organization=organization,
    )
    session.add_all([organization, user])
    session.flush()
    audit.record(session, user, "user.register", user, role="employer", organization_id=organization.id)
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, with last login updated; else None. Both are audited.

    A failure against an account is recorded on that account (wrong password, or deactivated); an address
    without an account is recorded without it, so the trail holds no address nobody registered.
    """
    user = find_user_by_email(session, email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        audit.record(session, None, "user.login_failed", None, reason="unknown_address")
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        reason = "deactivated" if not user.active else "wrong_password"
        audit.record(session, None, "user.login_failed", user, email=user.email, reason=reason)
        return None
    user.last_login_at = utcnow()
    session.flush()
    audit.record(session, user, "user.login", user)
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Change a password; other sessions of the user end (their session version is stale)."""
    errors: dict[str, str] = {}
    if not verify_password(user.password_hash, current):
        errors["current_password"] = "is wrong"
    problem = password_problem(new, user.email)
    if problem:
        errors["new_password"] = problem
    if errors:
        raise ValidationError(errors)
    user.password_hash = hash_password(new)
    user.session_version += 1
    session.flush()
    audit.record(session, user, "user.password_change", user)


def end_other_sessions(session: Session, user: User) -> None:
    """Invalidate every session of the user (logout everywhere)."""
    user.session_version += 1
    session.flush()


def load_session_user(session: Session, token: str) -> User | None:
    """The user behind a session token "id:version", if still valid."""
    user_id, _, version = token.partition(":")
    uid, number = parse_int(user_id), parse_int(version, 0)
    if uid is None or number is None:
        return None
    user = session.get(User, uid)
    if user is None or not user.active or user.session_version != number:
        return None
    return user
