"""Registration: the form, the "check your mail" page, and the mailed link that creates the account."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Locale, Role
from matchmaker.services import catalogue
from matchmaker.services.accounts import registration
from matchmaker.services.accounts import users as accounts

from ..access import home_url
from ..extensions import db, limiter
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..urls import external_url
from .blueprint import bp
from .forms import RegisterForm


def _register_form() -> RegisterForm:
    form = RegisterForm()
    locale = current_locale()
    form.program.choices = [("", _("Choose later"))] + catalogue.program_choices(db.session, locale)
    form.municipality.choices = [("", "—")] + catalogue.municipality_choices(db.session)
    return form


def _compose(kind: str, address: str, locale: Locale, raw: str) -> tuple[str, str]:
    hours = int(registration.LIFETIME.total_seconds() // 3600)
    with force_locale(locale.value):
        subject = _("Your Matchmaker registration")
        if kind == "taken":
            body = _(
                "Someone tried to register a Matchmaker account with this address, but it already has one. If it "
                "was you, log in here:\n\n%(login)s\n\nForgot your password? Choose a new one here:\n\n%(reset)s"
                "\n\nIf it was not you, ignore this mail; nothing has changed.",
                login=external_url("auth.login"), reset=external_url("auth.forgot_password"),
            )
        else:
            body = _(
                "Welcome to Matchmaker! Open this link within %(hours)s hours to create your account:\n\n"
                "%(link)s\n\nIf you did not register, ignore this mail; no account is created.",
                hours=hours, link=external_url("auth.confirm_registration", token=raw),
            )
    return subject, body


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register() -> str | Response | tuple[str, int]:
    """Register as a student or an employer: the account is created from the link mailed to the address."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    form = _register_form()
    if form.validate_on_submit():
        employer = form.role.data == Role.EMPLOYER.value
        data = registration.RegistrationInput(
            role=Role.EMPLOYER if employer else Role.STUDENT, email=form.email.data or "",
            password=form.password.data or "", name=form.name.data or "", locale=Locale(current_locale()),
            program_slug="" if employer else form.program.data or "",
            org=accounts.OrganizationInput(
                name=form.org_name.data or "", org_number=form.org_number.data or "", sector=form.sector.data or "",
                municipality_id=parse_int(form.municipality.data),
            ) if employer else None,
        )
        try:
            registration.request_registration(db.session, data, _compose)
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc, {"municipality": "municipality"})
        else:
            db.session.commit()
            # The same answer whether or not the address already has an account.
            return redirect(url_for("auth.registration_sent"))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/register.html", form=form), status


@bp.route("/register/sent")
def registration_sent() -> str:
    """Check your mail."""
    return render_template("auth/registration_sent.html")


@bp.route("/register/confirm/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def confirm_registration(token: str) -> str | Response | tuple[str, int]:
    """The mailed link: GET asks (mail scanners open links), POST creates the account and logs in."""
    if registration.pending_for_token(db.session, token) is None:
        return render_template("auth/registration_invalid.html"), 404
    if request.method == "GET":
        return render_template("auth/registration_confirm.html")
    try:
        new_user = registration.confirm_registration(db.session, token)
    except ValidationError as exc:
        db.session.rollback()
        if "token" in exc.errors:
            return render_template("auth/registration_invalid.html"), 404
        # e.g. somebody registered the organisation number meanwhile
        return render_template("auth/registration_invalid.html", reasons=exc.errors), 400
    db.session.commit()
    session.clear()
    login_user(new_user)
    flash(_("Welcome to Matchmaker!"), "success")
    return redirect(home_url(new_user.role))
