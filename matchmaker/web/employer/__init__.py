"""The employer area."""

# Importing the view modules registers their routes on bp.
from . import (
    labels,  # noqa: F401
    views,  # noqa: F401
    views_allocation,  # noqa: F401
    views_applications,  # noqa: F401
    views_offers,  # noqa: F401
)
from .blueprint import bp

__all__ = ["bp"]
