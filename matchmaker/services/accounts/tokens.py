"""Personal access tokens for the JSON API: scoped, expiring, revocable; shown once, only their hash is stored.

A token acts as its owner, limited to its scopes: every API operation names the scope it needs, and the
services still decide what the owner may see (a token never widens the owner's rights).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import ApiToken, Role, User, utcnow

PREFIX = "mm_"
MAX_TOKENS = 20
MAX_NAME = 100
LIFETIMES = (7, 30, 90, 365)  # days a token may be valid, as offered on the settings page

# Every scope, and what it lets a token do (the settings page shows these).
SCOPES: dict[str, str] = {
    "offers:read": "Search and read offers",
    "offers:write": "Create, edit and submit your organisation's offers, import offers",
    "organizations:read": "Read organisations",
    "applications:read": "Read applications (your own, or to your organisation's offers)",
    "applications:write": "Move applications through your organisation's pipeline",
    "matches:read": "Read matches (your own, or consenting students for your organisation's offers)",
    "contracts:read": "Read competence contracts and their fulfilment",
    "placements:read": "Read placements and their follow-up",
    "placements:write": "Record placement follow-up",
    "reports:read": "Read the coach reports",
}
# The scopes each role may put in a token: what the role can do at all through the API.
ROLE_SCOPES: dict[Role, tuple[str, ...]] = {
    Role.STUDENT: ("offers:read", "organizations:read", "applications:read", "matches:read"),
    Role.EMPLOYER: ("offers:read", "offers:write", "organizations:read", "applications:read", "applications:write",
                    "matches:read", "contracts:read"),
    Role.COACH: ("offers:read", "offers:write", "organizations:read", "contracts:read", "placements:read",
                 "placements:write", "reports:read"),
    Role.ADMIN: ("offers:read", "organizations:read"),
    Role.ALUMNUS: ("offers:read", "organizations:read"),
}


class TokenRefused(Exception):
    """A presented token cannot be used; `reason` says why (for the audit trail, not for the caller)."""

    def __init__(self, reason: str, token: ApiToken | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.token = token


@dataclass
class NewToken:
    """A token just created: the stored row and the secret, which is shown once and never again."""

    token: ApiToken
    secret: str


def hash_token(secret: str) -> str:
    """The stored form of a token (SHA-256: the secret is random, so no salt or slow hash is needed)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def allowed_scopes(user: User) -> tuple[str, ...]:
    """The scopes this user's role may grant a token."""
    return ROLE_SCOPES.get(user.role, ())


def create_token(session: Session, user: User, name: str, scopes: list[str], days: int | None) -> NewToken:
    """Create a token for `user` with the given scopes, valid for `days` days."""
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = "is required"
    elif len(name) > MAX_NAME:
        errors["name"] = "must be at most 100 characters"
    wanted = sorted(set(scopes))
    if not wanted:
        errors["scopes"] = "choose at least one"
    elif any(s not in allowed_scopes(user) for s in wanted):
        errors["scopes"] = "contains a scope your role cannot have"
    if days not in LIFETIMES:
        errors["expires_in_days"] = "is not one of the offered lifetimes"
    if len(active_tokens(session, user)) >= MAX_TOKENS:
        errors["name"] = "you have too many tokens; revoke one first"
    if errors:
        raise ValidationError(errors)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:10], scopes=wanted,
                     expires_at=utcnow() + timedelta(days=int(days or 0)))
    session.add(token)
    session.flush()
    audit.record(session, user, "token.create", token, scopes=wanted, days=days)
    return NewToken(token, secret)


def active_tokens(session: Session, user: User, now: datetime | None = None) -> list[ApiToken]:
    """The user's tokens that are neither revoked nor expired, newest first."""
    now = now or utcnow()
    return list(session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; NotFound for anyone else's."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("token")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        audit.record(session, user, "token.revoke", token)
    return token


def authenticate(session: Session, secret: str, now: datetime | None = None) -> ApiToken:
    """The token behind a presented secret, its use recorded; TokenRefused when unknown, revoked or expired."""
    now = now or utcnow()
    if not secret.startswith(PREFIX) or len(secret) > 200:
        raise TokenRefused("malformed")
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None:
        raise TokenRefused("unknown")
    if token.revoked_at is not None:
        raise TokenRefused("revoked", token)
    if token.expires_at <= now:
        raise TokenRefused("expired", token)
    if not token.user.active:
        raise TokenRefused("inactive user", token)
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now  # at most one write a minute per token
        session.flush()
    return token


def effective_scopes(token: ApiToken) -> list[str]:
    """The token's scopes that its owner's role still allows (a role change takes effect at once)."""
    return [s for s in token.scopes if s in allowed_scopes(token.user)]


def record_refusal(session: Session, refusal: TokenRefused, path: str, address: str) -> None:
    """Audit a refused token (a security event): who owned it, when known, and why it was refused."""
    owner = refusal.token.user if refusal.token is not None else None
    audit.record(session, owner, "api.token_refused", refusal.token, reason=refusal.reason, path=path[:200],
                 address=address[:64])
