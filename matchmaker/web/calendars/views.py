"""Calendar feeds: make, show once, revoke a private feed address; serve it; serve Karriärsök's deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from matchmaker.core.ical import as_response, write_calendar
from matchmaker.models import Notification, Role
from matchmaker.services.calendars import feeds
from matchmaker.services.karriarsok.search import SearchParams

from ..access import user
from ..extensions import db
from ..notification_links import link_for
from ..urls import external_url
from .blueprint import bp


def _link_for(role: Role) -> feeds.Link:
    """(object type, id) -> the absolute URL of that object's page for this role ("" when there is none)."""
    base = str(current_app.config["PUBLIC_URL"]).rstrip("/")

    def link(object_type: str, object_id: int) -> str:
        # The same pages a notification about the object leads to (web/notification_links.py).
        path = link_for(Notification(object_type=object_type, object_id=object_id), role)
        return base + path if path else ""

    return link


@bp.route("/account/calendar", methods=["GET", "POST"])
@login_required
def calendar_settings() -> Any:
    """The private feed: make a new address (the old one stops), or switch it off."""
    me = user()
    token = ""
    if request.method == "POST":
        action = request.form.get("action", "")
        if action == "create":
            token = feeds.create_feed(db.session, me)
            db.session.commit()
        elif action == "revoke":
            feeds.revoke_feed(db.session, me)
            db.session.commit()
            flash(_("Your calendar feed is switched off; its address no longer works."), "success")
            return redirect(url_for("calendars.calendar_settings"), 303)
        else:
            abort(400)
    feed = feeds.feed_of(db.session, me)
    url = external_url("calendars.private_feed", token=token) if token else ""
    return render_template("calendars/settings.html", feed=feed, url=url,
                           public_url=external_url("calendars.public_deadlines"))


@bp.route("/calendar/<token>.ics")
def private_feed(token: str) -> Any:
    """A user's private feed (no login: calendar apps cannot log in); a revoked or unknown token is a 404."""
    owner = feeds.owner_of(db.session, token)
    if owner is None:
        db.session.rollback()
        abort(404)
    events = feeds.personal_events(db.session, owner, date.today(), _link_for(owner.role))
    db.session.commit()  # last_fetched_at
    return as_response(write_calendar(events, name="Matchmaker"), "matchmaker.ics")


@bp.route("/karriarsok/deadlines.ics")
def public_deadlines() -> Any:
    """Upcoming application deadlines of Karriärsök's open offers, with the filters of the current search."""
    params = SearchParams.from_args(request.args)
    events = feeds.public_deadlines(db.session, params, date.today(), _link_for(Role.STUDENT))
    return as_response(write_calendar(events, name="Karriärsök"), "karriarsok-deadlines.ics")
