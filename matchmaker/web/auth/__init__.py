"""Authentication: register, log in, log out, change password."""

# Importing the view modules registers their routes on bp.
from . import (
    reset,  # noqa: F401
    views,  # noqa: F401
)
from .blueprint import bp

__all__ = ["bp"]
