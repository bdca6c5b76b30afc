"""Coach views: the start page with what waits for review and the state of matching."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.matching_runs import runs as matching_runs
from matchmaker.services.offers import review

from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

# Registered here (the first coach module imported) so review and matching come first in the menu.
add_menu_item(Role.COACH, "coach.review_queue", _l("Review"))
add_menu_item(Role.COACH, "coach.matching", _l("Matching"))


@bp.route("/")
def home() -> str:
    """The coach's start page: review queue counts, the latest and the current matching run."""
    return render_template(
        "coach/home.html",
        pending=review.pending_counts(db.session),
        latest=matching_runs.latest_run(db.session),
        current=matching_runs.current_run(db.session),
    )
