"""Coach views: check-in at the door from the QR code on a student's registration, or by the typed code."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Event, EventRegistration
from matchmaker.services.events import checkin, editing

from .. import checkin_codes
from ..access import user
from ..event_labels import local_time
from ..extensions import db
from .blueprint import bp
from .forms_events import CheckInCodeForm, CheckInConfirmForm
from .views_events import event_page


def _other_event(event_id: int) -> str:
    try:
        title = editing.get_event(db.session, event_id).title
    except NotFound:
        return _("This check-in code is for another event, which no longer exists.")
    return _("This check-in code is for another event: %(title)s.", title=title)


def _resolve(event_id: int, token: str) -> tuple[Event | None, EventRegistration | None, str]:
    """The event and registration a token names, or the reason it names none."""
    found = checkin_codes.read_token(token)
    if found is None:
        return None, None, _("This check-in link is not valid: it was changed or copied incompletely. "
                             "Type the student's check-in code in the check-in list instead.")
    token_event, registration_id = found
    if token_event != event_id:
        return None, None, _other_event(token_event)
    event = editing.get_event(db.session, event_id)
    registration = checkin.registration_at(event, registration_id)
    if registration is None:
        return event, None, _("No registration for this event matches this check-in code.")
    return event, registration, ""


def _done_message(registration: EventRegistration, new: bool) -> str:
    name = registration.student.name
    if new:
        return _("%(name)s is checked in.", name=name)
    return _("%(name)s is already checked in (since %(time)s); nothing was changed.", name=name,
             time=local_time(registration.checked_in_at, "%H:%M"))


@bp.route("/events/<int:event_id>/check-in/<token>", methods=["GET", "POST"])
def event_check_in_token(event_id: int, token: str) -> str | BaseResponse | tuple[str, int]:
    """The page a scanned QR code opens: who and which event; the coach confirms the check-in (POST)."""
    event, registration, error = _resolve(event_id, token)
    form = CheckInConfirmForm()
    if registration is not None and event is not None and request.method == "POST":
        try:
            new = checkin.check_in_once(db.session, user(), event, registration)
        except ValidationError as exc:
            db.session.rollback()
            error = _(exc.errors["code"])
        else:
            db.session.commit()
            flash(_done_message(registration, new), "success" if new else "info")
            return redirect(url_for("coach.event_check_in_token", event_id=event_id, token=token))
    refusal = checkin.refusal(registration) if registration is not None else None
    status = 400 if error or (refusal and request.method == "POST") else 200
    return render_template("coach/check_in.html", event=event, registration=registration, form=form,
                           error=error, refusal=_(refusal) if refusal else ""), status


@bp.route("/events/<int:event_id>/check-in-code", methods=["POST"])
def event_check_in_code(event_id: int) -> str | BaseResponse | tuple[str, int]:
    """Check a student in by the code shown under their QR code (when the camera fails)."""
    event = editing.get_event(db.session, event_id)
    form = CheckInCodeForm()
    if form.validate_on_submit():
        reason = _check_in_typed(event, form.code.data or "")
        if reason is None:
            return redirect(url_for("coach.event", event_id=event.id) + "#check-in")
        form.code.errors = [*form.code.errors, reason]
    return event_page(event, form), 400


def _check_in_typed(event: Event, typed: str) -> str | None:
    """Check in the registration a typed code names (flashing the outcome); the reason on the field if none."""
    parsed = checkin_codes.parse_code(typed)
    if parsed is None:
        return _("Write the code as it is shown under the QR code, like 42-7KQ9-M2XD.")
    registration_id, check = parsed
    registration = checkin.registration_at(event, registration_id)
    if registration is None or not checkin_codes.code_matches(event.id, registration_id, check):
        try:
            other = checkin.registration_by_id(db.session, registration_id)
        except NotFound:
            other = None
        if other is not None and other.event_id != event.id and checkin_codes.code_matches(
                other.event_id, other.id, check):
            return _other_event(other.event_id)
        return _("No registration for this event has this code: check what you typed.")
    try:
        new = checkin.check_in_once(db.session, user(), event, registration)
    except ValidationError as exc:
        db.session.rollback()
        return str(_(exc.errors["code"]))
    db.session.commit()
    flash(_done_message(registration, new), "success" if new else "info")
    return None
