"""publishing."""

from .blueprint import bp

__all__ = ["bp"]
