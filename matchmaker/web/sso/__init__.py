"""University single sign-on over SAML 2.0 (SWAMID): metadata, login, assertion consumer, logout."""

# Importing the view module registers its routes on bp.
from . import views  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
