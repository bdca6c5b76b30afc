"""The career coach area: one view module per part of the workspace."""

# Importing the view modules registers their routes on bp.
from . import (
    views,  # noqa: F401
    views_allocation,  # noqa: F401
    views_contracts,  # noqa: F401
    views_matching,  # noqa: F401
    views_placements,  # noqa: F401
    views_reports,  # noqa: F401
    views_review,  # noqa: F401
)
from .blueprint import bp

__all__ = ["bp"]
