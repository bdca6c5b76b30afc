"""Views of the public blueprint."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker import __version__
from matchmaker.core.health import database_round_trip
from matchmaker.models import Locale

from ..access import safe_next
from ..extensions import db
from ..i18n import LOCALES
from .blueprint import bp


@bp.route("/")
def index() -> str:
    """The start page."""
    return render_template("main/index.html")


@bp.route("/healthz")
def healthz() -> Any:
    """Liveness and database round trip."""
    database_round_trip(db.session)
    return jsonify({"status": "ok", "database": "ok", "version": __version__})


@bp.route("/lang", methods=["POST"])
def set_language() -> Response:
    """Switch the interface language (remembered on the account when logged in)."""
    lang = request.form.get("lang", "")
    if lang in LOCALES:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = Locale(lang)
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@bp.route("/privacy")
def privacy() -> str:
    """What personal data is processed and why."""
    return render_template("main/privacy.html")
