"""The notification centre: the list behind the bell, mark read, and follow a notification to its object."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

from matchmaker.core.validation import page_number
from matchmaker.services.notifications import operations as notifications

from ..access import user
from ..extensions import db
from ..notification_links import link_for, text_of
from .blueprint import bp


@bp.route("/notifications")
@login_required
def notifications_list() -> str:
    """The user's notifications, newest first, unread ones marked."""
    me = user()
    page = notifications.page_for(db.session, me.id, page_number(request.args.get("page")))
    items = [(note, text_of(note), link_for(note, me.role)) for note in page.items]
    return render_template("auth/notifications.html", page=page, items=items,
                           unread=notifications.unread_count(db.session, me.id))


@bp.route("/notifications/<int:notification_id>")
@login_required
def notification_open(notification_id: int) -> Response:
    """Mark a notification read and go to what it is about (or back to the list)."""
    me = user()
    note = notifications.mark_read(db.session, me.id, notification_id)
    db.session.commit()
    return redirect(link_for(note, me.role) or url_for("auth.notifications_list"), 303)


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def notification_read(notification_id: int) -> Response:
    """Mark one notification read without leaving the list."""
    notifications.mark_read(db.session, user().id, notification_id)
    db.session.commit()
    return redirect(url_for("auth.notifications_list"), 303)


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def notifications_read_all() -> Response:
    """Mark all of the user's notifications read."""
    notifications.mark_all_read(db.session, user().id)
    db.session.commit()
    return redirect(url_for("auth.notifications_list"), 303)
