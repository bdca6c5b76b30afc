"""Authentication: register, log in, log out, change password."""

# Importing the view modules registers their routes on bp.
from . import registration, reset, views, views_mail_settings, views_notifications, views_tokens  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
