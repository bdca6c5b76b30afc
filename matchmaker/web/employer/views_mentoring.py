"""Employer views: staff register as mentors in programmes and follow up their pairs."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Role
from matchmaker.services.mentoring import followup, programmes

from ..access import user
from ..context import add_menu_item
from ..event_labels import show_errors
from ..extensions import db
from ..mentoring_forms import CHECK_IN_KINDS, CheckInForm, MentorForm, record_check_in
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
    found = programmes.get_programme(db.session, programme_id)
    if not programmes.is_open(found, date.today()):
        raise NotFound("programme")
    me = user()
    mine = next((m for m in found.mentors if m.user_id == me.id), None)
    if request.method == "GET":
        form = MentorForm(formdata=None, data={"expertise": mine.expertise, "preferences": mine.preferences,
                                               "capacity": mine.capacity} if mine else {"capacity": 1})
        return render_template("employer/mentoring_register.html", programme=found, form=form, mine=mine)
    form = MentorForm()
    if form.validate():
        try:
            programmes.register_mentor(db.session, me, found, form.expertise.data or "", form.preferences.data or "",
                                       form.capacity.data, date.today())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("You are registered as a mentor."), "success")
            return redirect(url_for("employer.mentoring"))
    return render_template("employer/mentoring_register.html", programme=found, form=form, mine=mine), 400


@bp.route("/mentoring/pairs/<int:pair_id>/check-in", methods=["POST"])
def mentoring_check_in(pair_id: int) -> BaseResponse:
    """Report a meeting or check-in of one of the mentor's pairs."""
    return record_check_in(pair_id, "employer.mentoring")
