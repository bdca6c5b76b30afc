"""Employer views: staff register as mentors in programmes and follow up their pairs."""

from __future__ import annotations

from datetime import date

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.models import Role
from matchmaker.services.mentoring import followup, programmes

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..mentoring_forms import CHECK_IN_KINDS, CheckInForm, record_check_in, register_as_mentor
from ..notification_links import register_link
from .blueprint import bp

add_menu_item(Role.EMPLOYER, "employer.mentoring", _l("Mentoring"))
register_link("mentoring", Role.EMPLOYER, "employer.mentoring", None)


@bp.route("/mentoring")
def mentoring() -> str:
    """Programmes open to mentors and the employer's own pairs with their check-ins."""
    me = user()
    return render_template("employer/mentoring.html", open=programmes.open_for_mentors(db.session, date.today()),
                           pairs=followup.pairs_of(db.session, me), form=CheckInForm(formdata=None),
                           kinds=CHECK_IN_KINDS)


@bp.route("/mentoring/<int:programme_id>", methods=["GET", "POST"])
def mentoring_register(programme_id: int) -> str | BaseResponse | tuple[str, int]:
    """Register (or update) as a mentor in a programme."""
    return register_as_mentor(programme_id, "employer.mentoring")


@bp.route("/mentoring/pairs/<int:pair_id>/check-in", methods=["POST"])
def mentoring_check_in(pair_id: int) -> BaseResponse:
    """Report a meeting or check-in of one of the mentor's pairs."""
    return record_check_in(pair_id, "employer.mentoring")
