"""Accepting or declining an offered place, and withdrawing an application: each asks first (GET), then acts (POST)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import Application, ApplicationStatus
from matchmaker.services.applications import acceptance
from matchmaker.services.applications import student as applications

from ..access import user
from ..extensions import db
from .blueprint import bp

_REFUSED = {
    acceptance.NOT_OFFERED: _l("This place is no longer offered to you (it was accepted, declined or withdrawn). "
                               "Nothing was changed."),
    acceptance.FULL: _l("All places of this offer are already taken. Nothing was changed."),
}


def _confirm(application: Application, action: str, heading: str, lines: list[str], button: str, *,
             danger: bool = False, message_label: str = "", errors: list[str] | None = None,
             status: int = 200) -> tuple[str, int]:
    return render_template(
        "confirm.html", heading=heading, lines=lines, button=button, button_class="danger" if danger else "primary",
        action=url_for(action, application_id=application.id), cancel=url_for("student.applications_list"),
        message_label=message_label, errors=errors or [],
    ), status


def _offered(application_id: int) -> Application:
    application = applications.get_own(db.session, user(), application_id)
    if application.status != ApplicationStatus.OFFERED and request.method == "GET":
        flash(str(_REFUSED[acceptance.NOT_OFFERED]), "error")
        abort(redirect(url_for("student.applications_list")))
    return application


def _period(application: Application) -> str:
    offer = application.offer
    start = application.placement_start or offer.period_start
    end = application.placement_end or offer.period_end
    if start is None:
        return _("The placement starts on the day you accept.")
    if end is None:
        return _("The placement starts on %(start)s.", start=start.isoformat())
    return _("The placement runs from %(start)s to %(end)s.", start=start.isoformat(), end=end.isoformat())


def _refused(exc: ValidationError) -> str:
    reason = next(iter(exc.errors.values()), "")
    return str(_REFUSED[reason]) if reason in _REFUSED else _(reason)


@bp.route("/applications/<int:application_id>/accept", methods=["GET", "POST"])
def accept_place(application_id: int) -> Any:
    """Accept an offered place (asks first): the placement is made and the employer told."""
    application = _offered(application_id)
    offer = application.offer
    heading = _("Accept the place “%(title)s”?", title=offer.title)
    lines = [_("%(organization)s offers you a place. When you accept, the placement is made and the employer "
               "is told; it cannot be undone here.", organization=offer.organization.name), _period(application)]
    if request.method == "POST" and FlaskForm().validate_on_submit():
        try:
            acceptance.accept(db.session, user(), application.id, date.today())
        except (ValidationError, Conflict) as exc:
            db.session.rollback()
            error = _refused(exc) if isinstance(exc, ValidationError) else _(str(exc))
            flash(error, "error")
            return redirect(url_for("student.applications_list"), 303)
        db.session.commit()
        flash(_("You have accepted the place. You find it under My placements."), "success")
        return redirect(url_for("student.placements"), 303)
    if request.method == "POST":
        abort(400)
    return _confirm(application, "student.accept_place", heading, lines, _("Accept the place"))


@bp.route("/applications/<int:application_id>/decline", methods=["GET", "POST"])
def decline_place(application_id: int) -> Any:
    """Decline an offered place (asks first): the employer can offer it to someone else."""
    application = _offered(application_id)
    heading = _("Decline the place “%(title)s”?", title=application.offer.title)
    lines = [_("The employer is told and can offer the place to someone else. It cannot be undone.")]
    if request.method == "POST" and FlaskForm().validate_on_submit():
        try:
            acceptance.decline(db.session, user(), application.id, request.form.get("message", "")[:2000])
        except (ValidationError, Conflict) as exc:
            db.session.rollback()
            flash(_refused(exc) if isinstance(exc, ValidationError) else _(str(exc)), "error")
            return redirect(url_for("student.applications_list"), 303)
        db.session.commit()
        flash(_("You have declined the place."), "success")
        return redirect(url_for("student.applications_list"), 303)
    if request.method == "POST":
        abort(400)
    return _confirm(application, "student.decline_place", heading, lines, _("Decline the place"), danger=True,
                    message_label=_("A message to the employer (optional)"))
