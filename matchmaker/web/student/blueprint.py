"""The `student` blueprint object and the checks that run before each of its views."""

from flask import Blueprint

from matchmaker.models import Role

from ..access import role_required

bp = Blueprint("student", __name__, url_prefix="/student")


@bp.before_request
@role_required(Role.STUDENT)
def _only_students() -> None:
    """Every view of this blueprint is for students only."""
    return None
