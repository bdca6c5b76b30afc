"""The student area."""

from flask import Blueprint

from matchmaker.models import Role

from ..security import role_required

bp = Blueprint("student", __name__, url_prefix="/student")


@bp.before_request
@role_required(Role.STUDENT)
def _only_students() -> None:
    """Every view of this blueprint is for students only."""
    return None


from . import privacy, views, views_allocation  # noqa: E402,F401
