"""Forms shared by mentors' and mentees' pages: a mentor's registration, a pair's check-in, and recording one."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import DateField, IntegerField, SelectField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import CheckInKind
from matchmaker.services.mentoring import followup, programmes

from .access import user
from .event_labels import show_errors
from .extensions import db

CHECK_IN_KINDS = {
    CheckInKind.MEETING: _l("Meeting"),
    CheckInKind.MIDPOINT: _l("Mid-point check-in"),
    CheckInKind.FINAL: _l("Final check-in"),
}


class CheckInForm(FlaskForm):
    """A meeting or check-in with a short rating."""

    kind = SelectField(_l("What"), choices=[(k.value, label) for k, label in CHECK_IN_KINDS.items()])
    happened_on = DateField(_l("Date"), validators=[Optional()])
    rating = SelectField(_l("Rating (1-5)"), choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
                         validate_choice=False)
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class MentorForm(FlaskForm):
    """A mentor's registration."""

    expertise = TextAreaField(_l("Your expertise"), validators=[Optional(), Length(max=2000)])
    preferences = TextAreaField(_l("Whom you would like to mentor (optional)"),
                                validators=[Optional(), Length(max=2000)])
    capacity = IntegerField(_l("How many mentees you can take"),
                            validators=[Optional(), NumberRange(-10**6, 10**6)])


def record_check_in(pair_id: int, back: str) -> Response:
    """Save a meeting or check-in of one of the user's pairs from the posted form, then go back to `back`."""
    pair = followup.pair_for(db.session, user(), pair_id)
    form = CheckInForm()
    form.validate()
    try:
        followup.add_check_in(db.session, user(), pair, form.kind.data or "", form.happened_on.data,
                              parse_int(form.rating.data), form.note.data or "", date.today())
    except ValidationError as exc:
        db.session.rollback()
        for reason in exc.errors.values():
            flash(_(reason), "error")
        return redirect(url_for(back))
    db.session.commit()
    flash(_("The check-in is saved."), "success")
    return redirect(url_for(back))


def register_as_mentor(programme_id: int, done: str) -> str | Response | tuple[str, int]:
    """The page where the current user (employer staff or an alumnus) registers, or updates their
    registration, as a mentor in an open programme; `done` is the endpoint to return to."""
    found = programmes.get_programme(db.session, programme_id)
    if not programmes.is_open(found, date.today()):
        raise NotFound("programme")
    me = user()
    mine = next((m for m in found.mentors if m.user_id == me.id), None)
    if request.method == "GET":
        form = MentorForm(formdata=None, data={"expertise": mine.expertise, "preferences": mine.preferences,
                                               "capacity": mine.capacity} if mine else {"capacity": 1})
        return render_template("mentoring/register.html", programme=found, form=form, mine=mine)
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
            return redirect(url_for(done))
    return render_template("mentoring/register.html", programme=found, form=form, mine=mine), 400
