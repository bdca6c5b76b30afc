"""University single sign-on (SAML 2.0, SWAMID): from a verified assertion's attributes to a Matchmaker account.

The first login of a student creates a student account with a profile to complete; a staff member becomes a
coach only when an admin creates their coach account (with the university email), which the next login links.
Accounts with local passwords (employers, admins) are never taken over through SSO. The SAML checks themselves
(signature, audience, lifetime, InResponseTo) are pysaml2's, in web/sso/.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.validation import valid_email
from matchmaker.models import Role, SamlIdentity, SeenAssertion, StudentProfile, User, utcnow
from matchmaker.services.accounts.users import find_user_by_email

STUDENT_AFFILIATIONS = frozenset({"student"})
STAFF_AFFILIATIONS = frozenset({"staff", "employee", "faculty"})
# Never a valid argon2 hash: an SSO-only account cannot log in with a password.
NO_PASSWORD = "!sso-only"
LINKABLE_ROLES = frozenset({Role.STUDENT, Role.COACH, Role.ALUMNUS})  # a graduate keeps the university login


class SsoRefused(Exception):
    """The login cannot go on; `reason` is shown on the SSO error page and kept in the audit trail."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class UniversityPerson:
    """The attributes an identity provider released (REFEDS Personalized), already signature-checked."""

    idp: str
    principal_name: str
    email: str = ""
    display_name: str = ""
    given_name: str = ""
    surname: str = ""
    scoped_affiliations: list[str] = field(default_factory=list)

    @classmethod
    def from_attributes(cls, idp: str, ava: dict[str, list[str]]) -> UniversityPerson:
        """Map pysaml2's attribute values (friendly names) to a person."""

        def first(name: str) -> str:
            values = ava.get(name) or []
            return str(values[0]).strip() if values else ""

        return cls(idp=idp, principal_name=first("eduPersonPrincipalName").lower(), email=first("mail").lower(),
                   display_name=first("displayName"), given_name=first("givenName"), surname=first("sn"),
                   scoped_affiliations=[str(v).strip().lower() for v in ava.get("eduPersonScopedAffiliation") or []])

    def name(self) -> str:
        """The person's name: displayName, else given name and surname."""
        return (self.display_name or f"{self.given_name} {self.surname}").strip()[:120]


@dataclass
class SsoLogin:
    """The outcome of a login: the user to log in (None for staff waiting for an admin) and what happened."""

    user: User | None
    outcome: str  # "created_student", "linked", "signed_in" or "staff_pending"


def affiliations(person: UniversityPerson, allowed_scopes: frozenset[str]) -> set[str]:
    """The unscoped affiliations whose scope the IdP may assert (all scopes when none are configured)."""
    out = set()
    for value in person.scoped_affiliations:
        role, _, scope = value.partition("@")
        if scope and (not allowed_scopes or scope in allowed_scopes):
            out.add(role)
    return out


def _check(person: UniversityPerson, allowed_scopes: frozenset[str]) -> None:
    _, at, scope = person.principal_name.partition("@")
    if not person.principal_name or not at or len(person.principal_name) > 254:
        raise SsoRefused("eduPersonPrincipalName is missing or malformed")
    if allowed_scopes and scope not in allowed_scopes:
        raise SsoRefused("eduPersonPrincipalName has a scope this identity provider may not assert")
    if not valid_email(person.email):
        raise SsoRefused("mail is missing or not an email address")


def sign_in(session: Session, person: UniversityPerson, allowed_scopes: frozenset[str] = frozenset()) -> SsoLogin:
    """Find, link or create the account of a university person; SsoRefused when none may be used."""
    _check(person, allowed_scopes)
    kinds = affiliations(person, allowed_scopes)
    identity = session.scalar(select(SamlIdentity).where(SamlIdentity.idp_entity_id == person.idp,
                                                         SamlIdentity.principal_name == person.principal_name))
    if identity is None:
        identity = SamlIdentity(idp_entity_id=person.idp, principal_name=person.principal_name)
        session.add(identity)
    identity.email, identity.display_name = person.email, person.name()
    identity.affiliations = sorted(kinds)
    identity.last_login_at = utcnow()
    outcome = "signed_in"
    if identity.user is None:
        existing = find_user_by_email(session, person.email)
        if existing is not None:
            if existing.role not in LINKABLE_ROLES:
                raise SsoRefused("an account with this email logs in with a password")
            identity.user, outcome = existing, "linked"
        elif kinds & STUDENT_AFFILIATIONS:
            user = User(email=person.email, password_hash=NO_PASSWORD + secrets.token_hex(8), role=Role.STUDENT,
                        display_name=person.name())
            user.student_profile = StudentProfile(name=person.name())
            session.add(user)
            identity.user, outcome = user, "created_student"
            session.flush()
        elif kinds & STAFF_AFFILIATIONS:
            session.flush()
            audit.record(session, None, "sso.staff_pending", identity, principal=person.principal_name)
            return SsoLogin(None, "staff_pending")
        else:
            raise SsoRefused("the identity provider did not say you are a student or staff member")
    user = identity.user
    if not user.active:
        raise SsoRefused("this account is deactivated")
    user.last_login_at = utcnow()
    session.flush()
    audit.record(session, user, f"sso.{outcome}", user, idp=person.idp)
    return SsoLogin(user, outcome)


def remember_assertion(session: Session, assertion_id: str, not_on_or_after: datetime | None) -> None:
    """Keep an accepted assertion's id until it expires; SsoRefused when it was seen before (a replay)."""
    session.execute(delete(SeenAssertion).where(SeenAssertion.expires_at < utcnow()))
    if not assertion_id or session.scalar(select(SeenAssertion.id).where(SeenAssertion.assertion_id == assertion_id)):
        raise SsoRefused("this assertion was already used")
    expires = max(not_on_or_after or utcnow(), utcnow()) + timedelta(hours=1)
    try:
        with session.begin_nested():
            session.add(SeenAssertion(assertion_id=assertion_id[:200], expires_at=expires))
    except IntegrityError:  # a concurrent request with the same assertion
        raise SsoRefused("this assertion was already used") from None


def record_refusal(session: Session, reason: str, **details: str) -> None:
    """Audit a refused SSO login (a security event)."""
    audit.record(session, None, "sso.refused", None, reason=reason[:300], **{k: v[:300] for k, v in details.items()})
