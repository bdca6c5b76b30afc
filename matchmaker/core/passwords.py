"""Password hashing and password rules."""

from __future__ import annotations

from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id with the library's defaults (RFC 9106 low-memory profile) in production.
_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128


def use_fast_hashing() -> None:
    """Cheaper argon2id parameters, for the test suite only."""
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_common: frozenset[str] | None = None


def common_passwords() -> frozenset[str]:
    """A list of passwords too common to allow (loaded once)."""
    global _common
    if _common is None:
        text = resources.files("matchmaker.core").joinpath("common_passwords.txt").read_text("utf-8")
        lines = (line.strip().lower() for line in text.splitlines())
        _common = frozenset(line for line in lines if line and not line.startswith("#"))
    return _common


def password_problem(password: str, email: str = "") -> str | None:
    """Why a password is refused (ASVS length and common-password rules), or None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    lowered = password.lower()
    if lowered in common_passwords():
        return "is too common"
    if email and lowered == email.lower():
        return "must not be your email address"
    return None
