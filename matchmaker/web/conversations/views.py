"""The thread of an application: read, write, propose interview times, book one, download the invitation."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import Forbidden, ServiceError, ValidationError
from matchmaker.core.ical import TIME_ZONE, as_response
from matchmaker.models import Role
from matchmaker.services.conversations import interviews, thread

from ..access import user
from ..extensions import db
from ..notification_links import register_link
from ..urls import external_url
from .blueprint import bp

SLOT_ROWS = 3
_ZONE = ZoneInfo(TIME_ZONE)

for _role in (Role.STUDENT, Role.EMPLOYER, Role.COACH):
    register_link("conversation", _role, "conversations.thread", "application_id")


def _local(value: str) -> datetime | None:
    """A datetime-local field (Swedish time) as an aware datetime; None when empty or unreadable."""
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=_ZONE) if value.strip() else None
    except ValueError:
        return None


def _slots_from_form() -> tuple[list[tuple[datetime, datetime]], dict[str, str]]:
    slots, errors = [], {}
    for n in range(1, SLOT_ROWS + 1):
        raw_start, raw_end = request.form.get(f"slot{n}_start", ""), request.form.get(f"slot{n}_end", "")
        if not raw_start.strip() and not raw_end.strip():
            continue
        start, end = _local(raw_start), _local(raw_end)
        if start is None:
            errors[f"slot{n}_start"] = "is not a date and time"
        if end is None:
            errors[f"slot{n}_end"] = "is not a date and time"
        if start is not None and end is not None:
            slots.append((start, end))
    return slots, errors


def _label(field: str) -> str:
    """The form's name for a field in an error message."""
    if field.startswith("slot") and field[4:].split("_")[0].isdigit():
        n, _sep, end = field[4:].partition("_")
        return _("Time %(n)s starts", n=n) if end == "start" else _("Time %(n)s ends", n=n)
    names = {"body": _("Message"), "slots": _("Interview times"), "location": _("Place or video link"),
             "note": _("Note (optional)"), "slot": _("Interview time")}
    return names.get(field, field)


def _page(application_id: int, errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    me = user()
    errors = {_label(field): reason for field, reason in (errors or {}).items()}
    view = thread.open_thread(db.session, me, application_id)
    db.session.commit()  # the read mark, or the coach's audited reading
    return render_template("conversations/thread.html", thread=view, errors=errors, form=request.form,
                           slot_rows=SLOT_ROWS, when=interviews.when_text, body_max=thread.BODY_MAX), status


@bp.route("/<int:application_id>/conversation", endpoint="thread")
def thread_page(application_id: int) -> Any:
    """The thread: messages oldest first, proposed and booked interview times."""
    return _page(application_id)


def _refused(application_id: int, exc: ServiceError) -> Any:
    db.session.rollback()
    if isinstance(exc, ValidationError):
        return _page(application_id, exc.errors, 400)
    abort(403)  # a coach: reads, never writes


@bp.route("/<int:application_id>/conversation", methods=["POST"])
def post_message(application_id: int) -> Any:
    """Write a message."""
    try:
        thread.post(db.session, user(), application_id, request.form.get("body"))
    except (ValidationError, Forbidden) as exc:
        return _refused(application_id, exc)
    db.session.commit()
    flash(_("Your message is sent."), "success")
    return redirect(url_for("conversations.thread", application_id=application_id) + "#latest", 303)


@bp.route("/<int:application_id>/conversation/slots", methods=["POST"])
def propose_slots(application_id: int) -> Any:
    """Propose interview times."""
    slots, errors = _slots_from_form()
    if errors:
        try:
            thread.writable(db.session, user(), application_id)  # a stranger still gets 404, a coach 403
        except (ValidationError, Forbidden) as exc:
            return _refused(application_id, exc)
        return _page(application_id, errors, 400)
    try:
        interviews.propose(db.session, user(), application_id, slots, request.form.get("location", ""),
                           request.form.get("note", ""))
    except (ValidationError, Forbidden) as exc:
        return _refused(application_id, exc)
    db.session.commit()
    flash(_("The interview times are proposed."), "success")
    return redirect(url_for("conversations.thread", application_id=application_id) + "#latest", 303)


@bp.route("/<int:application_id>/conversation/slots/<int:slot_id>/book", methods=["POST"])
def book_slot(application_id: int, slot_id: int) -> Any:
    """Book one of the proposed times."""
    try:
        interviews.book(db.session, user(), application_id, slot_id)
    except (ValidationError, Forbidden) as exc:
        return _refused(application_id, exc)
    db.session.commit()
    flash(_("The interview is booked. Add it to your calendar with the invitation below."), "success")
    return redirect(url_for("conversations.thread", application_id=application_id) + "#latest", 303)


@bp.route("/<int:application_id>/conversation/slots/<int:slot_id>/invitation.ics")
def slot_invitation(application_id: int, slot_id: int) -> Response | tuple[bytes, int, dict[str, str]]:
    """The booked interview as an iCalendar file (text/calendar) to add to one's calendar."""
    link = external_url("conversations.thread", application_id=application_id)
    try:
        body = interviews.invitation(db.session, user(), application_id, slot_id, link)
    except ServiceError:
        abort(404)
    return as_response(body, f"interview-{slot_id}.ics", inline=False)
