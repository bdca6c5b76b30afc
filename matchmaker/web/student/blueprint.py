"""The `student` blueprint object and the checks that run before each of its views."""

from typing import Any

from flask import Blueprint

from matchmaker.models import Role

from ..access import role_required
from .labels import template_helpers

bp = Blueprint("student", __name__, url_prefix="/student")


@bp.before_request
@role_required(Role.STUDENT)
def _only_students() -> None:
    """Every view of this blueprint is for students only."""
    return None


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    """Students' wording of statuses, also on the public Karriärsök pages a student opens."""
    return template_helpers()
