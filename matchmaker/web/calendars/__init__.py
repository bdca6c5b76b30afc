"""Calendar feeds: the account page that makes or revokes a private feed, the feed itself, the public deadlines."""

from . import views  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
