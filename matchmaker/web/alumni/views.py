"""Alumni views: the start page, the consent question after graduation and the self-reported profile."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services import catalogue
from matchmaker.services.alumni import profile as alumni
from matchmaker.services.events import speakers

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..forms import apply_service_errors
from ..notification_links import register_link
from .blueprint import bp
from .forms import AlumnusForm, ConsentForm

add_menu_item(Role.ALUMNUS, "alumnus.profile", _l("My alumni profile"))
add_menu_item(Role.ALUMNUS, "alumnus.consent", _l("Consent"))
register_link("alumni", Role.ALUMNUS, "alumnus.consent", None)


@bp.route("/")
def home() -> str:
    """What the alumnus has told us and who sees it."""
    row = alumni.profile_of(db.session, user())
    return render_template("alumni/home.html", alumnus=row, speaking=speakers.events_of_speaker(db.session, user()),
                           shown=speakers.may_be_shown(row))


@bp.route("/consent", methods=["GET", "POST"])
def consent() -> str | Response | tuple[str, int]:
    """Ask (again) for consent to the alumni purpose; a no hides everything, and can be changed here any time."""
    row = alumni.profile_of(db.session, user())
    if request.method == "GET":
        db.session.commit()
        answer = None if alumni.needs_consent_answer(row) else (alumni.YES if row.consent_given else alumni.NO)
        return render_template("alumni/consent.html", form=ConsentForm(formdata=None, data={"answer": answer}),
                               alumnus=row)
    form = ConsentForm()
    form.validate()
    try:
        alumni.answer_consent(db.session, user(), form.answer.data or "")
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(form, exc)
        return render_template("alumni/consent.html", form=form, alumnus=row), 400
    db.session.commit()
    flash(_("Thank you: your answer is saved.") if form.answer.data == alumni.YES
          else _("Thank you: nothing about you is shown to coaches or employers."), "success")
    return redirect(url_for("alumnus.home"))


def _choices(form: AlumnusForm) -> None:
    form.organization_id.choices = [("", _("Not in the list"))] + alumni.organization_choices(db.session)
    form.municipality_id.choices = [("", "—")] + catalogue.municipality_choices(db.session)


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> str | Response | tuple[str, int]:
    """Where the alumnus works, whether they stayed in the region, and what they are open to."""
    row = alumni.profile_of(db.session, user())
    if request.method == "GET":
        edit = alumni.edit_of(row)
        form = AlumnusForm(formdata=None, data={
            **edit.__dict__, "organization_id": str(edit.organization_id or ""),
            "municipality_id": str(edit.municipality_id or "")})
        _choices(form)
        return render_template("alumni/profile.html", form=form, alumnus=row)
    form = AlumnusForm()
    _choices(form)
    form.validate()
    try:
        alumni.update_profile(db.session, user(), form.edit())
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(form, exc)
        return render_template("alumni/profile.html", form=form, alumnus=row), 400
    db.session.commit()
    flash(_("Your alumni profile is saved."), "success")
    return redirect(url_for("alumnus.home"))
