"""Event pages in Karriärsök: what, where and when; students register and book interview slots here."""

from __future__ import annotations

from typing import Any

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.core import ical
from matchmaker.models import EventKind, RegistrationStatus, Role, utcnow
from matchmaker.services.events import queries, registrations, slots, speakers

from .. import checkin_codes
from ..extensions import db
from .blueprint import bp


@bp.route("/events/<int:event_id>")
def event_detail(event_id: int) -> Any:
    """One event, for whoever may see it (others get 404); students see their registration and the slots."""
    viewer = current_user if current_user.is_authenticated else None
    event = queries.event_for_viewer(db.session, viewer, event_id)
    now = utcnow()
    profile = viewer.student_profile if viewer is not None and viewer.role == Role.STUDENT else None
    registration = registrations.registration_of(event, profile) if profile is not None else None
    registered = registration is not None and registration.status == RegistrationStatus.REGISTERED
    bookings = slots.student_schedule(db.session, profile, event) if registered and profile else []
    booked_with = {b.exhibitor_id for b in bookings}
    card = None
    if registered and registration is not None and event.cancelled_at is None:
        card = checkin_codes.card_for(registration, _(
            "QR code for checking in at %(title)s. Check-in code: %(code)s", title=event.title,
            code=checkin_codes.short_code(event.id, registration.id)))
    return render_template(
        "main/event_detail.html", event=event, is_student=profile is not None, registration=registration,
        registered=registered, window_open=registrations.window_open(event.registration_opens,
                                                                     event.registration_closes, now),
        has_started=now >= event.starts_at, counts=registrations.attendance(event),
        open_slots=[s for s in slots.open_slots(event) if s.exhibitor_id not in booked_with and s.starts_at > now]
        if registered and event.kind == EventKind.FAIR else [],
        bookings=bookings, check_in_card=card, speakers=speakers.speakers_shown(db.session, event),
    )


@bp.route("/events/<int:event_id>.ics")
def event_ics(event_id: int) -> Any:
    """The event as an iCalendar file, for whoever may see the event."""
    viewer = current_user if current_user.is_authenticated else None
    event = queries.event_for_viewer(db.session, viewer, event_id)
    body = queries.calendar_of(event, url_for("main.event_detail", event_id=event.id, _external=True))
    return ical.as_response(body, f"event-{event.id}.ics", inline=False)
