"""Mail preferences: the settings page, and the one-click unsubscribe that works without logging in."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.services.notifications import delivery
from matchmaker.services.notifications import preferences as prefs

from ..access import user
from ..extensions import csrf, db
from ..notification_mail import read_unsubscribe_token
from .blueprint import bp


def _choices() -> list[tuple[str, str]]:
    return [(mode, _(prefs.MODE_LABELS[mode])) for mode in prefs.MODES]


@bp.route("/account/notifications/settings", methods=["GET", "POST"])
@login_required
def mail_settings() -> str | Response:
    """Choose per category: mail immediately, a daily or weekly digest, or only in the app."""
    me = user()
    errors: dict[str, str] = {}
    current = prefs.modes_of(db.session, me.id)
    if request.method == "POST":
        chosen = {c: request.form.get(c, "") for c in prefs.switchable_categories()}
        try:
            prefs.set_modes(db.session, me, chosen)
        except ValidationError as exc:
            db.session.rollback()
            errors = exc.errors
            current.update(chosen)  # the form keeps what was chosen
        else:
            db.session.commit()
            flash(_("Your mail settings are saved."), "success")
            return redirect(url_for("auth.mail_settings"), 303)
    rows = [(c, _(prefs.CATEGORY_LABELS[c]), current[c]) for c in prefs.switchable_categories()]
    return render_template("auth/mail_settings.html", rows=rows, choices=_choices(), errors=errors), (
        400 if errors else 200)


def _scope_label(scope: str) -> str:
    if scope in prefs.CATEGORY_LABELS:
        return _(prefs.CATEGORY_LABELS[scope])
    return _("the daily digest") if scope == "digest-daily" else _("the weekly digest")


@csrf.exempt
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> str | tuple[str, int]:
    """One click from a mail: GET asks (link scanners must not unsubscribe anyone), POST switches the mail off.

    POST is also the RFC 8058 one-click request mail clients send (List-Unsubscribe-Post), without a session
    or CSRF token: the signed token is the authority, and it can only switch mail off.
    """
    found = read_unsubscribe_token(current_app, token)
    result = delivery.unsubscribe_scope(db.session, *found, apply=request.method == "POST") if found else None
    if result is None:
        db.session.rollback()
        return render_template("auth/unsubscribe_invalid.html"), 404
    target, _categories = result
    if request.method == "POST":
        db.session.commit()
    # In the language of the person the mail went to (no one is logged in here).
    with force_locale(target.locale.value):
        if request.method == "POST":
            return render_template("auth/unsubscribe_done.html", what=_scope_label(found[1]))
        return render_template("auth/unsubscribe.html", what=_scope_label(found[1]), token=token,
                               email=target.email)
