"""The employer area."""

# Importing the view modules registers their routes on bp.
from . import (  # noqa: F401
    labels,
    trust,
    views,
    views_allocation,
    views_alumni,
    views_applications,
    views_councils,
    views_events,
    views_logo,
    views_mentoring,
    views_offers,
    views_placements,
)
from .blueprint import bp

__all__ = ["bp"]
