"""Saved-search alerts: switch a search's alert to daily, weekly or off (and back on after it switched off)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.karriarsok import alerts, saved_searches

from ..access import user
from ..extensions import db
from ..notification_links import register_link
from .blueprint import bp

register_link("saved_search", Role.STUDENT, "student.search_alert", "search_id")

REASONS = {
    alerts.OFF_NOTHING: "The alert switched itself off: it found no new offers for 90 days.",
    alerts.OFF_INACTIVE: "The alert switched itself off: you had not logged in for 90 days.",
}


@bp.route("/searches/<int:search_id>/alert", methods=["GET", "POST"])
def search_alert(search_id: int) -> Any:
    """A saved search's alert: how often new matching offers are sent."""
    me = user()
    saved = saved_searches.get_own(db.session, me, search_id)
    error = ""
    if request.method == "POST":
        frequency = request.form.get("frequency", "")
        try:
            alerts.set_alert(db.session, me, search_id, frequency)
        except ValidationError as exc:
            db.session.rollback()
            error = exc.errors.get("frequency", "")
        else:
            db.session.commit()
            flash(_("The alert is switched off.") if not frequency else
                  _("You get new offers for this search daily.") if frequency == "daily" else
                  _("You get new offers for this search weekly."), "success")
            return redirect(url_for("student.search_alert", search_id=search_id), 303)
    reason = REASONS.get(saved.alert_off_reason, "")
    return render_template("student/search_alert.html", saved=saved, reason=_(reason) if reason else "",
                           error=_(error) if error else ""), (400 if error else 200)
