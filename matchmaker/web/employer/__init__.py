"""The employer area."""

# Importing the view modules registers their routes on bp.
from . import labels, views, views_allocation, views_applications, views_offers, views_placements  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
