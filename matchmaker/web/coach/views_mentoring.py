"""Coach views: mentoring programmes, matching with the engine, adjusting pairs by hand, publishing, follow-up."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role
from matchmaker.services import catalogue
from matchmaker.services.mentoring import followup, matching, programmes

from ..access import user
from ..context import add_menu_item
from ..event_labels import PHASES, PROGRAM_LEVELS, show_errors
from ..extensions import db
from ..i18n import current_locale
from ..notification_links import register_link
from .blueprint import bp

add_menu_item(Role.COACH, "coach.mentoring", _l("Mentoring"))
register_link("mentoring", Role.COACH, "coach.mentoring_programme", "programme_id")


class ProgrammeForm(FlaskForm):
    """A mentoring programme with its measurable goals."""

    title = StringField(_l("Title"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    goals = TextAreaField(_l("Goals"), validators=[Optional(), Length(max=2000)])
    period_start = DateField(_l("Period start"), validators=[Optional()])
    period_end = DateField(_l("Period end"), validators=[Optional()])
    matching_deadline = DateField(_l("Matching deadline"), validators=[Optional()])
    target_pairs = IntegerField(_l("Goal: number of pairs"), validators=[Optional(), NumberRange(-10**6, 10**6)])
    target_completion = IntegerField(_l("Goal: pairs completing, in per cent"),
                                     validators=[Optional(), NumberRange(-10**6, 10**6)])
    phase = SelectField(_l("Phase it serves"), choices=[(p.value, label) for p, label in PHASES.items()],
                        default="stimulate")
    programs = SelectMultipleField(_l("Study programs (none: all)"), choices=[], validate_choice=False)
    levels = SelectMultipleField(_l("Program levels (none: all)"),
                                 choices=[(lv.value, label) for lv, label in PROGRAM_LEVELS.items()])


@bp.route("/mentoring")
def mentoring() -> str:
    """Every mentoring programme with its outcomes."""
    found = programmes.all_programmes(db.session)
    return render_template("coach/mentoring.html", programmes=found,
                           outcomes={p.id: followup.outcomes(p) for p in found})


@bp.route("/mentoring/new", methods=["GET", "POST"])
def mentoring_new() -> str | BaseResponse | tuple[str, int]:
    """Create a mentoring programme."""
    form = ProgrammeForm()
    form.programs.choices = [(str(p.id), p.name(current_locale())) for p in catalogue.programs(db.session)]
    if request.method == "POST" and form.validate_on_submit():
        data = programmes.ProgrammeInput(
            title=form.title.data or "", description=form.description.data or "", goals=form.goals.data or "",
            period_start=form.period_start.data, period_end=form.period_end.data,
            matching_deadline=form.matching_deadline.data, target_pairs=form.target_pairs.data,
            target_completion=form.target_completion.data,
            program_ids=[i for i in (parse_int(v) for v in form.programs.data or []) if i is not None],
            levels=list(form.levels.data or []), phase=form.phase.data or "")
        try:
            saved = programmes.create_programme(db.session, user(), data)
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The programme is saved."), "success")
            return redirect(url_for("coach.mentoring_programme", programme_id=saved.id))
    return render_template("coach/mentoring_form.html", form=form), 200 if request.method == "GET" else 400


def _page(programme_id: int, errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    found = programmes.get_programme(db.session, programme_id)
    return render_template(
        "coach/mentoring_programme.html", programme=found, outcomes=followup.outcomes(found),
        paired={p.mentee_id: p for p in found.pairs}, taken={m.id: sum(1 for p in found.pairs if p.mentor_id == m.id)
                                                              for m in found.mentors},
        errors=errors or {}, locale=current_locale(),
    ), status


@bp.route("/mentoring/<int:programme_id>")
def mentoring_programme(programme_id: int) -> tuple[str, int]:
    """The programme: goals against outcomes, mentors, mentees, the pairs with their scores and reasons."""
    return _page(programme_id)


@bp.route("/mentoring/<int:programme_id>/match", methods=["POST"])
def mentoring_match(programme_id: int) -> BaseResponse | tuple[str, int]:
    """Run the matching (stable or everyone matched); it replaces the proposal."""
    found = programmes.get_programme(db.session, programme_id)
    try:
        pairs = matching.run_matching(db.session, user(), found, request.form.get("mode", ""), current_locale())
    except ValidationError as exc:
        db.session.rollback()
        return _page(programme_id, exc.errors, 400)
    db.session.commit()
    flash(_("The matching proposes %(n)s pairs. Adjust them by hand if needed, then publish.", n=len(pairs)),
          "success")
    return redirect(url_for("coach.mentoring_programme", programme_id=found.id))


@bp.route("/mentoring/<int:programme_id>/pairs", methods=["POST"])
def mentoring_pair(programme_id: int) -> BaseResponse | tuple[str, int]:
    """Pair a mentee with a mentor by hand, or unpair them."""
    found = programmes.get_programme(db.session, programme_id)
    mentee_id = parse_int(request.form.get("mentee"))
    if mentee_id is None:
        return _page(programme_id, {"mentor": _("Choose a mentee.")}, 400)
    try:
        matching.set_partner(db.session, user(), found, mentee_id, parse_int(request.form.get("mentor")),
                             current_locale())
    except ValidationError as exc:
        db.session.rollback()
        return _page(programme_id, exc.errors, 400)
    db.session.commit()
    flash(_("The pair is changed."), "success")
    return redirect(url_for("coach.mentoring_programme", programme_id=found.id) + "#pairs")


@bp.route("/mentoring/<int:programme_id>/publish", methods=["POST"])
def mentoring_publish(programme_id: int) -> BaseResponse | tuple[str, int]:
    """Publish the pairs: both sides are notified."""
    found = programmes.get_programme(db.session, programme_id)
    try:
        count = matching.publish(db.session, user(), found)
    except ValidationError as exc:
        db.session.rollback()
        return _page(programme_id, exc.errors, 400)
    db.session.commit()
    flash(_("%(n)s pairs are published and notified.", n=count), "success")
    return redirect(url_for("coach.mentoring_programme", programme_id=found.id))
