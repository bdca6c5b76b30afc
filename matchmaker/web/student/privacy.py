"""The student's own data: export everything as JSON, delete the account."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.accounts import privacy

from ..access import user
from ..context import add_menu_item
from ..extensions import db, limiter
from ..forms import apply_service_errors
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.my_data", _l("My data"))


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=128)])


@bp.route("/privacy")
def my_data() -> str:
    """What we hold about the student, with export and deletion."""
    return render_template("student/privacy.html")


@bp.route("/export")
def export() -> Response:
    """All data held about the student, as a JSON download."""
    data = privacy.export_student(db.session, user())
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return Response(
        body, mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="matchmaker-my-data.json"', "Cache-Control": "no-store"},
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def delete_account() -> str | Response | tuple[str, int]:
    """Delete the account after confirming the password; only anonymous placement statistics remain."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            privacy.delete_student_account(db.session, user(), form.password.data or "")
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            logout_user()
            lang = session.get("lang")
            session.clear()
            if lang:
                session["lang"] = lang
            flash(_("Your account and your data are deleted."), "info")
            return redirect(url_for("main.index"))
    status = 200 if request.method == "GET" else 400
    return render_template("student/privacy_delete.html", form=form), status
