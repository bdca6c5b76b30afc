"""sso."""

from .blueprint import bp

__all__ = ["bp"]
