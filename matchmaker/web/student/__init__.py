"""The student area."""

# Importing the view modules registers their routes on bp.
from . import privacy, views, views_allocation, views_applications, views_placements, views_profile  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
