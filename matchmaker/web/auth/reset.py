"""Forgotten password: request a reset mail, then set a new password with the mailed single-use link."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from matchmaker.core.errors import ValidationError
from matchmaker.models import User
from matchmaker.services.accounts import password_reset

from ..extensions import db, limiter
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..urls import external_url
from .blueprint import bp


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("New password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("Passwords differ"))],
    )


def _reset_limit_key() -> str:
    # Per target account too, so nobody can flood one person's mailbox from many addresses.
    return "reset:" + (request.form.get("email", "") or "").strip().lower()[:254]


def _compose(user: User | None, address: str, raw: str) -> tuple[str, str]:
    if user is None:
        # Nobody has an account with this address: say so (the person asking may have used another one).
        with force_locale(current_locale()):
            subject = _("Reset your Matchmaker password")
            body = _(
                "Someone asked to reset the password of a Matchmaker account with this address, but no account "
                "uses it. If it was you, perhaps you registered with another address; you can also register "
                "here:\n\n%(link)s\n\nIf it was not you, ignore this mail.",
                link=external_url("auth.register"),
            )
        return subject, body
    link = external_url("auth.reset_password", token=raw)
    minutes = int(password_reset.TOKEN_LIFETIME.total_seconds() // 60)
    with force_locale(user.locale.value):
        subject = _("Reset your Matchmaker password")
        body = _(
            "Someone asked to reset the password of your Matchmaker account. If it was you, open this link "
            "within %(minutes)s minutes and choose a new password:\n\n%(link)s\n\n"
            "The link works once. If it was not you, ignore this mail; your password stays as it is.",
            minutes=minutes, link=link,
        )
    return subject, body


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_reset_limit_key)
def forgot_password() -> str | Response:
    """Ask for a reset link; the answer is the same whether or not the email has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_reset(db.session, form.email.data or "", _compose)
        db.session.commit()
        flash(_("If an account has this email, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("auth.login"))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/forgot_password.html", form=form), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password with a valid reset link; all sessions of the account end."""
    if password_reset.user_for_token(db.session, token) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(db.session, token, form.new_password.data or "")
        except ValidationError as exc:
            db.session.rollback()
            if "token" in exc.errors:
                return render_template("auth/reset_invalid.html"), 404
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Your password is changed. Log in with the new password."), "success")
            return redirect(url_for("auth.login"))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/reset_password.html", form=form), status
