"""The coach area."""

from flask import Blueprint

from matchmaker.models import Role

from ..security import role_required

bp = Blueprint("coach", __name__, url_prefix="/coach")


@bp.before_request
@role_required(Role.COACH)
def _only_coachs() -> None:
    """Every view of this blueprint is for coachs only."""
    return None


from . import views  # noqa: E402,F401
