"""The admin area."""

# Importing the view modules registers their routes on bp.
from . import views, views_catalogues, views_organizations, views_users  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
