"""Coach view: activities against their goals, a section per lifecycle phase."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.activities import goals

from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.COACH, "coach.follow_up", _l("Goals"))


@bp.route("/follow-up")
def follow_up() -> str:
    """Events and mentoring programmes: goal against outcome, and employers from sparsely populated places."""
    return render_template("coach/follow_up.html", phases=goals.by_phase(db.session))
