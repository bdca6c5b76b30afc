"""The admin area."""

from flask import Blueprint

from matchmaker.models import Role

from ..security import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required(Role.ADMIN)
def _only_admins() -> None:
    """Every view of this blueprint is for admins only."""
    return None


from . import views, views_catalogues, views_users  # noqa: E402,F401
