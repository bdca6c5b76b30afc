"""Student views: apply to mentoring programmes with goals, and follow up the pair."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Role, StudentProfile
from matchmaker.services.mentoring import followup, programmes

from ..access import user
from ..context import add_menu_item
from ..event_labels import show_errors
from ..extensions import db
from ..mentoring_forms import CHECK_IN_KINDS, CheckInForm, record_check_in
from ..notification_links import register_link
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.mentoring", _l("Mentoring"))
register_link("mentoring", Role.STUDENT, "student.mentoring", None)


class ApplyForm(FlaskForm):
    goals = TextAreaField(_l("Your goals with a mentor"), validators=[Optional(), Length(max=2000)])


def _profile() -> StudentProfile:
    profile = user().student_profile
    if profile is None:
        raise NotFound("profile")
    return profile


@bp.route("/mentoring")
def mentoring() -> str:
    """Programmes the student may apply to and the student's pairs."""
    return render_template("student/mentoring.html",
                           open=programmes.open_for_student(db.session, _profile(), date.today()),
                           pairs=followup.pairs_of(db.session, user()), form=CheckInForm(formdata=None),
                           kinds=CHECK_IN_KINDS)


@bp.route("/mentoring/<int:programme_id>", methods=["GET", "POST"])
def mentoring_apply(programme_id: int) -> str | BaseResponse | tuple[str, int]:
    """Apply to a programme (or change the goals) until the matching deadline."""
    found = programmes.get_programme(db.session, programme_id)
    profile = _profile()
    if not programmes.student_eligible(found, profile) or not programmes.is_open(found, date.today()):
        raise NotFound("programme")
    mine = next((m for m in found.mentees if m.student_id == profile.id), None)
    if request.method == "GET":
        form = ApplyForm(formdata=None, data={"goals": mine.goals if mine else ""})
        return render_template("student/mentoring_apply.html", programme=found, form=form, mine=mine)
    form = ApplyForm()
    if form.validate():
        try:
            programmes.apply(db.session, profile, found, form.goals.data or "", date.today())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Your application is saved."), "success")
            return redirect(url_for("student.mentoring"))
    return render_template("student/mentoring_apply.html", programme=found, form=form, mine=mine), 400


@bp.route("/mentoring/pairs/<int:pair_id>/check-in", methods=["POST"])
def mentoring_check_in(pair_id: int) -> BaseResponse:
    """Report a meeting or check-in of the student's pair."""
    return record_check_in(pair_id, "student.mentoring")
