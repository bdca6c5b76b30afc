"""The career coach area: one view module per part of the workspace."""

# Importing the view modules registers their routes on bp.
from . import (  # noqa: F401
    views,
    views_allocation,
    views_alumni,
    views_checkin,
    views_contracts,
    views_councils,
    views_events,
    views_followup,
    views_matching,
    views_mentoring,
    views_placements,
    views_reports,
    views_review,
    views_speakers,
)
from .blueprint import bp

__all__ = ["bp"]
