"""Password reset by a single-use, time-limited token sent by mail; only the token's hash is stored."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import hash_password, password_problem
from matchmaker.models import PasswordResetToken, User, utcnow
from matchmaker.services.accounts.users import find_user_by_email

TOKEN_LIFETIME = timedelta(hours=1)
INVALID_TOKEN = "is invalid or has expired"

# Builds (subject, body) of the mail for a user (None: no active account has the address), the address and the
# raw token (the web layer knows URLs and languages).
MailComposer = Callable[[User | None, str, str], tuple[str, str]]


def hash_token(raw: str) -> str:
    """The stored form of a token: its SHA-256 (the token itself is random, so no salt or slow hash is needed)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def request_reset(session: Session, email: str, compose: MailComposer) -> str | None:
    """Write a token and mail the address; returns the raw token when an active account has the address.

    Known and unknown addresses take the same steps (one look-up, one token row, one mail, one audit record), so
    neither the answer nor its time tells anybody which addresses have accounts. An unknown address is told that
    no account uses it (its token row has no user and can never be used).
    """
    address = (email or "").strip().lower()[:254]
    user = find_user_by_email(session, address)
    if user is not None and not user.active:
        user = None
    raw = secrets.token_urlsafe(32)
    session.add(PasswordResetToken(user_id=user.id if user else None, token_hash=hash_token(raw),
                                   expires_at=utcnow() + TOKEN_LIFETIME))
    subject, body = compose(user, address, raw)
    mail.queue_mail(session, user.email if user else address, subject, body)
    audit.record(session, None, "user.password_reset_requested", user, known=user is not None)
    return raw if user is not None else None


def _valid_token(session: Session, raw: str) -> PasswordResetToken | None:
    if not raw or len(raw) > 100:
        return None
    token = session.scalar(select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_token(raw)))
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    return token


def user_for_token(session: Session, raw: str) -> User | None:
    """The active user a still-valid token belongs to, else None."""
    token = _valid_token(session, raw)
    if token is None:
        return None
    user = session.get(User, token.user_id) if token.user_id is not None else None
    return user if user is not None and user.active else None


def reset_password(session: Session, raw: str, new_password: str) -> User:
    """Set a new password with a valid token; the token and all other tokens of the user are used up.

    Every existing session of the user ends (session version bumped).
    """
    token = _valid_token(session, raw)
    user = session.get(User, token.user_id) if token is not None and token.user_id is not None else None
    if token is None or user is None or not user.active:
        raise ValidationError({"token": INVALID_TOKEN})
    problem = password_problem(new_password, user.email)
    if problem:
        raise ValidationError({"new_password": problem})
    now = utcnow()
    # Conditional update: of two concurrent uses of one token, only one can succeed.
    used = session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.id == token.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise ValidationError({"token": INVALID_TOKEN})
    session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    session.expire(token)
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    session.flush()
    audit.record(session, user, "user.password_reset", user)
    return user


def purge_expired(session: Session) -> int:
    """Delete tokens that are used or expired (housekeeping)."""
    result = session.execute(
        delete(PasswordResetToken).where(
            or_(PasswordResetToken.used_at.is_not(None), PasswordResetToken.expires_at <= utcnow())
        )
    )
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
