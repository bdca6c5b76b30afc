"""Coach views: the start page with what waits for review and the state of matching."""

from __future__ import annotations

from flask import render_template

from matchmaker.services import matching_runs, review

from ..extensions import db
from . import bp
from .forms import RUN_STATUSES


@bp.route("/")
def home() -> str:
    """The coach's start page: review queue counts, the latest and the current matching run."""
    return render_template(
        "coach/home.html",
        pending=review.pending_counts(db.session),
        latest=matching_runs.latest_run(db.session),
        current=matching_runs.current_run(db.session),
        run_statuses=RUN_STATUSES,
    )
