"""The `sso` blueprint object, and whether the login page offers the university login."""

from flask import Blueprint

from .saml import enabled

bp = Blueprint("sso", __name__)


@bp.app_context_processor
def _sso_offered() -> dict[str, bool]:
    """`sso_enabled` in every template: the login page links to the university login only when it is set up."""
    return {"sso_enabled": enabled()}
