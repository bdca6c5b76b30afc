"""The `employer` blueprint object and the checks that run before each of its views."""

from flask import Blueprint, render_template

from matchmaker.core.errors import NotFound
from matchmaker.models import Role

from ..access import role_required

bp = Blueprint("employer", __name__, url_prefix="/employer")


@bp.before_request
@role_required(Role.EMPLOYER)
def _only_employers() -> None:
    """Every view of this blueprint is for employers only."""
    return None


@bp.errorhandler(NotFound)
def _not_found(_exc: NotFound) -> tuple[str, int]:
    """Objects of other organisations do not exist for this employer: the ordinary 404 page."""
    return render_template("errors/404.html", code=404), 404
