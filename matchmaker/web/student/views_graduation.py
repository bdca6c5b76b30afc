"""Graduation: the student tells us they have graduated, or sets the date the account becomes an alumni account."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, DateField
from wtforms.validators import Optional

from matchmaker.core.errors import ValidationError
from matchmaker.services.alumni import conversion

from ..access import user
from ..extensions import db
from ..forms import apply_service_errors
from .blueprint import bp


class PlanForm(FlaskForm):
    """The day the account becomes an alumni account."""

    graduated_on = DateField(_l("Become an alumnus on"), validators=[Optional()])


class GraduatedForm(FlaskForm):
    """The confirmation that the student has graduated."""

    confirm = BooleanField(_l("I confirm that I have graduated and want my account to become an alumni account"))


def _page(plan: PlanForm, now: GraduatedForm, status: int = 200) -> tuple[str, int]:
    row = conversion.planned(db.session, user())
    return render_template("student/graduation.html", plan=plan, now=now,
                           planned=row.graduated_on if row is not None else None), status


@bp.route("/graduation", methods=["GET", "POST"])
def graduation() -> tuple[str, int] | Response:
    """The graduation page; a POST sets (an empty date clears) the planned date."""
    if request.method == "GET":
        row = conversion.planned(db.session, user())
        plan = PlanForm(formdata=None, data={"graduated_on": row.graduated_on if row else None})
        return _page(plan, GraduatedForm(formdata=None))
    plan = PlanForm()
    if plan.validate():
        try:
            conversion.plan_graduation(db.session, user(), plan.graduated_on.data, date.today())
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(plan, exc)
        else:
            db.session.commit()
            flash(_("Your graduation date is saved.") if plan.graduated_on.data
                  else _("Your graduation date is removed."), "success")
            return redirect(url_for("student.graduation"))
    return _page(plan, GraduatedForm(formdata=None), 400)


@bp.route("/graduation/now", methods=["POST"])
def graduated() -> tuple[str, int] | Response:
    """The student confirms they have graduated: the account becomes an alumni account at once."""
    now = GraduatedForm()
    now.validate()
    try:
        conversion.graduate_now(db.session, user(), bool(now.confirm.data))
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(now, exc)
        return _page(PlanForm(formdata=None), now, 400)
    db.session.commit()
    flash(_("Congratulations on your degree! Your account is now an alumni account."), "success")
    return redirect(url_for("alumnus.consent"))
