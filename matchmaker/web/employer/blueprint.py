"""The `employer` blueprint object and the checks that run before each of its views."""

from flask import Blueprint

from matchmaker.models import Role

from ..access import role_required

bp = Blueprint("employer", __name__, url_prefix="/employer")


@bp.before_request
@role_required(Role.EMPLOYER)
def _only_employers() -> None:
    """Every view of this blueprint is for employers only."""
    return None
