"""Errors raised by services and shown to users by the web layer."""

from __future__ import annotations


class ServiceError(Exception):
    """A use case refused: the message is safe to show to the user."""


class ValidationError(ServiceError):
    """Input failed validation; `errors` maps field name to a reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class NotFound(ServiceError):
    """The object does not exist or is not visible to the caller."""


class Forbidden(ServiceError):
    """The caller may not do this."""


class Conflict(ServiceError):
    """Someone else changed the object since it was read."""
