"""The open platform: personal access tokens for the API, university (SAML) identities, seen assertions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from .user import User


class ApiToken(Base):
    """A personal access token: shown once, only its SHA-256 hash is stored; scoped and expiring."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    # The first characters of the token, so its owner can tell tokens apart; not enough to use it.
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class SamlIdentity(Base):
    """A university account (eduPersonPrincipalName at an identity provider), linked to a user once granted.

    A staff member's first login leaves an identity without a user: an admin grants the coach role from it.
    """

    __tablename__ = "saml_identities"
    __table_args__ = (UniqueConstraint("idp_entity_id", "principal_name", name="uq_saml_identity_principal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idp_entity_id: Mapped[str] = mapped_column(String(300), nullable=False)
    principal_name: Mapped[str] = mapped_column(String(254), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="", nullable=False)
    display_name: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    affiliations: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User | None] = relationship()


class SeenAssertion(Base):
    """The id of an accepted SAML assertion, kept until it expires, so a replayed one is refused."""

    __tablename__ = "saml_seen_assertions"
    __table_args__ = (Index("ix_saml_seen_assertions_expires", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assertion_id: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
