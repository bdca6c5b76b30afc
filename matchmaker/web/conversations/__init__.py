"""Conversations on applications: one thread page for the student, the employer and (reading) coaches."""

from . import views  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
