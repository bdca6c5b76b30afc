"""Public pages: start page, health check, language switch, privacy."""

# Importing the view modules registers their routes on bp.
from . import accessibility, events, offers, views  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
