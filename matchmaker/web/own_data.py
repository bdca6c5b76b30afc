"""One's own data, the same way in every area that offers it (students, alumni): the export, deleting the account."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Response as FlaskResponse
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import logout_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from matchmaker.core.errors import ValidationError
from matchmaker.models import User

from .access import user
from .extensions import db
from .forms import apply_service_errors


def json_download(data: dict[str, Any]) -> FlaskResponse:
    """Everything held about the user as a JSON attachment, never cached."""
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return FlaskResponse(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="matchmaker-my-data.json"', "Cache-Control": "no-store"})


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=128)])


def delete_own_account(delete: Callable[[Session, User, str], None], export_endpoint: str, removes: str
                       ) -> str | Response | tuple[str, int]:
    """The password-confirmed deletion page (`removes`: what goes): on success the user is logged out (the
    language kept) and sent home."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            delete(db.session, user(), form.password.data or "")
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
    return render_template("own_data/delete.html", form=form, removes=removes,
                           export_url=url_for(export_endpoint)), status
