"""The `admin` blueprint object and the checks that run before each of its views."""

from flask import Blueprint

from matchmaker.models import Role

from ..access import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required(Role.ADMIN)
def _only_admins() -> None:
    """Every view of this blueprint is for admins only."""
    return None
