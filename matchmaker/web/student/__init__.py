"""The student area."""

# Importing the view modules registers their routes on bp.
from . import (  # noqa: F401
    privacy,
    views,
    views_acceptance,
    views_alerts,
    views_allocation,
    views_applications,
    views_councils,
    views_events,
    views_graduation,
    views_mentoring,
    views_placements,
    views_profile,
)
from .blueprint import bp

__all__ = ["bp"]
