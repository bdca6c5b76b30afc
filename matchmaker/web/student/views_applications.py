"""Applying to offers, the list of one's applications with their timeline, and withdrawing."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Role
from matchmaker.services.applications import student as applications
from matchmaker.services.offers import queries as offer_queries

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..forms import apply_service_errors
from .blueprint import bp
from .forms import ApplyForm

add_menu_item(Role.STUDENT, "student.applications_list", _l("My applications"))


@bp.route("/offers/<int:offer_id>/apply", methods=["GET", "POST"])
def apply(offer_id: int) -> Any:
    """Apply to an open offer with a message; the profile is attached as it is now."""
    offer = offer_queries.published_offer(db.session, offer_id)
    me = user()
    today = date.today()
    existing = applications.existing_application(db.session, me, offer_id)
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            applications.apply(db.session, me, offer_id, form.message.data or "", today)
        except NotFound:
            db.session.rollback()
            form.form_errors.append(_("This offer no longer takes applications."))
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Your application is sent."), "success")
            return redirect(url_for("student.applications_list"))
    status = 200 if request.method == "GET" else 400
    return render_template("student/apply.html", offer=offer, form=form, existing=existing,
                           is_open=offer.is_open(today)), status


def _render_list(status: int = 200) -> Any:
    rows = applications.list_own(db.session, user())
    return render_template("student/applications.html", applications=rows,
                           can_withdraw=applications.can_withdraw), status


@bp.route("/applications")
def applications_list() -> Any:
    """The student's applications with their status timelines."""
    return _render_list()


@bp.route("/applications/<int:application_id>/withdraw", methods=["GET", "POST"])
def withdraw(application_id: int) -> Any:
    """Withdraw an application (not once it is accepted, declined or withdrawn); a GET asks first."""
    if request.method == "GET":
        application = applications.get_own(db.session, user(), application_id)
        if not applications.can_withdraw(application):
            flash(_("This application can no longer be withdrawn."), "error")
            return redirect(url_for("student.applications_list"), 303)
        return render_template(
            "confirm.html", heading=_("Withdraw your application to “%(title)s”?", title=application.offer.title),
            lines=[_("The employer is told. While the offer is open you can apply again.")],
            action=request.path, cancel=url_for("student.applications_list"), button=_("Withdraw application"),
            button_class="danger", message_label=_("A message to the employer (optional)"))
    try:
        applications.withdraw(db.session, user(), application_id, request.form.get("message", "")[:2000])
    except ValidationError:
        db.session.rollback()
        flash(_("This application can no longer be withdrawn."), "error")
        return _render_list(400)
    db.session.commit()
    flash(_("Your application is withdrawn."), "success")
    return redirect(url_for("student.applications_list"))

