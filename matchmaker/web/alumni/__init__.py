"""The alumni area: graduates who kept their account."""

# Importing the view modules registers their routes on bp.
from . import views, views_mentoring, views_privacy  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
