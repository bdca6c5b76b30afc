"""The student area."""

# Importing the view modules registers their routes on bp.
from . import (
    privacy,  # noqa: F401
    views,  # noqa: F401
    views_allocation,  # noqa: F401
    views_applications,  # noqa: F401
    views_profile,  # noqa: F401
)
from .blueprint import bp

__all__ = ["bp"]
