"""Views of the auth blueprint."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Locale, Role
from matchmaker.services import catalogue
from matchmaker.services.accounts import users as accounts

from ..access import home_url, safe_next, user
from ..extensions import db, limiter, login_manager
from ..forms import apply_service_errors
from ..i18n import current_locale
from .blueprint import bp
from .forms import ChangePasswordForm, LoginForm, RegisterForm

login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page explains itself
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(token: str) -> accounts.User | None:
    return accounts.load_session_user(db.session, token)


def _login_limit_key() -> str:
    # Throttle per account as well as per address, so one address cannot try many accounts quickly.
    return "login:" + (request.form.get("email", "") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=_login_limit_key)
def login() -> str | Response:
    """Log in by email and password."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    form = LoginForm()
    if form.validate_on_submit():
        found = accounts.authenticate(db.session, form.email.data or "", form.password.data or "")
        if found is None:
            form.form_errors.append(_("Wrong email or password."))
        else:
            db.session.commit()
            lang = session.get("lang")
            session.clear()  # a fresh session at login: no fixation
            if lang:
                session["lang"] = lang
            session.permanent = True
            login_user(found)
            return redirect(safe_next(request.args.get("next")) or home_url(found.role))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/logout", methods=["GET", "POST"])
def logout() -> str | Response:
    """Log out by POST (CSRF-checked), which also ends the user's other sessions; GET only asks to confirm.

    A GET must change nothing, so a link or an image on another site cannot log anybody out.
    """
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("main.index"))
        return render_template("auth/logout.html")
    if current_user.is_authenticated:
        accounts.end_other_sessions(db.session, user())
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


def _register_form() -> RegisterForm:
    form = RegisterForm()
    locale = current_locale()
    form.program.choices = [("", _("Choose later"))] + catalogue.program_choices(db.session, locale)
    form.municipality.choices = [("", "—")] + catalogue.municipality_choices(db.session)
    return form


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register() -> str | Response:
    """Register as a student or an employer."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    form = _register_form()
    if form.validate_on_submit():
        locale = Locale(current_locale())
        try:
            if form.role.data == Role.EMPLOYER.value:
                municipality = form.municipality.data
                new_user = accounts.register_employer(
                    db.session, email=form.email.data or "", password=form.password.data or "",
                    name=form.name.data or "", locale=locale,
                    org=accounts.OrganizationInput(
                        name=form.org_name.data or "", org_number=form.org_number.data or "",
                        sector=form.sector.data or "", municipality_id=parse_int(municipality),
                    ),
                )
            else:
                new_user = accounts.register_student(
                    db.session, email=form.email.data or "", password=form.password.data or "",
                    name=form.name.data or "", program_slug=form.program.data or "", locale=locale,
                )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc, {"municipality": "municipality"})
        else:
            db.session.commit()
            session.clear()
            login_user(new_user)
            flash(_("Welcome to Matchmaker!"), "success")
            return redirect(home_url(new_user.role))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/register.html", form=form), status


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change one's password; other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        me = user()
        try:
            accounts.change_password(db.session, me, form.current_password.data or "", form.new_password.data or "")
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            login_user(me)  # this session carries the new session version; the others are now stale
            flash(_("Your password is changed."), "success")
            return redirect(home_url(me.role))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/change_password.html", form=form), status
