"""Public pages: start page, health check, language switch, privacy, employer pages."""

# Importing the view modules registers their routes on bp.
from . import accessibility, employers, events, offers, views  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
