"""The employer area."""

from flask import Blueprint

from matchmaker.models import Role

from ..security import role_required

bp = Blueprint("employer", __name__, url_prefix="/employer")


@bp.before_request
@role_required(Role.EMPLOYER)
def _only_employers() -> None:
    """Every view of this blueprint is for employers only."""
    return None


from . import views  # noqa: E402,F401
