"""Helpers shared by the API views: the role an operation is for, today's date, the answer with an ETag."""

from __future__ import annotations

from datetime import date
from typing import Any

from matchmaker.models import Role, User

from .paging import etag
from .problems import Problem

ROLE_NAMES = {Role.STUDENT: "students", Role.EMPLOYER: "employers", Role.COACH: "career coaches",
              Role.ADMIN: "admins"}


def require_role(user: User, *roles: Role) -> None:
    """403 unless the token's owner has one of `roles` (the scope alone is not enough)."""
    if user.role not in roles:
        names = " and ".join(ROLE_NAMES[r] for r in roles)
        raise Problem(403, f"This operation is for {names}.", {"role": f"must be one of: {', '.join(roles)}"})


def today() -> date:
    """The date the services judge deadlines by."""
    return date.today()


def with_etag(data: dict[str, Any], status: int = 200, **headers: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """A versioned resource's answer, with its version as the ETag."""
    return data, status, {"ETag": etag(int(data["version"])), **headers}
