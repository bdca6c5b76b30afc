"""The admin area."""

# Importing the view modules registers their routes on bp.
from . import (
    views,  # noqa: F401
    views_catalogues,  # noqa: F401
    views_users,  # noqa: F401
)
from .blueprint import bp

__all__ = ["bp"]
