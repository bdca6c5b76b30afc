"""Views of the auth blueprint."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.services.accounts import users as accounts

from ..access import home_url, safe_next, user
from ..extensions import db, limiter, login_manager
from ..forms import apply_service_errors
from .blueprint import bp
from .forms import ChangePasswordForm, LoginForm

login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page explains itself
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(token: str) -> accounts.User | None:
    return accounts.load_session_user(db.session, token)


def _login_limit_key() -> str:
    # Per account AND address: guessing one password from one place slows down step by step, while the owner,
    # elsewhere, can still log in (a per-account key would let anybody lock anybody out).
    email = (request.form.get("email", "") or "").strip().lower()[:254]
    return f"login:{email}|{get_remote_address()}"


def _login_failed(response: Response) -> bool:
    return response.status_code != 302  # only failed attempts count towards the lock-out


# Back-off: 5 failures in a minute, then 20 in an hour, then 50 in a day.
LOCKOUT = "5 per minute;20 per hour;50 per day"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit(LOCKOUT, methods=["POST"], key_func=_login_limit_key, deduct_when=_login_failed)
def login() -> str | Response:
    """Log in by email and password."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    form = LoginForm()
    if form.validate_on_submit():
        found = accounts.authenticate(db.session, form.email.data or "", form.password.data or "")
        if found is None:
            db.session.commit()  # the failed attempt stays in the audit trail
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
