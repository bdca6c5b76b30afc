"""The `coach` blueprint object and the checks that run before each of its views."""

from flask import Blueprint

from matchmaker.models import Role

from ..access import role_required

bp = Blueprint("coach", __name__, url_prefix="/coach")


@bp.before_request
@role_required(Role.COACH)
def _only_coaches() -> None:
    """Every view of this blueprint is for coaches only."""
    return None


@bp.context_processor
def _labels() -> dict:
    """run_status(run): a matching run's status as coaches read it, on every coach page."""
    from .forms import run_status_label

    return {"run_status": run_status_label}
