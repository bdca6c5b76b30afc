"""Student views: register for events and cancel, book and cancel interview slots, my events and interviews."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import RegistrationStatus, Role, StudentProfile
from matchmaker.services.events import queries, registrations, slots

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..notification_links import register_link
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.events", _l("My events"))
register_link("event", Role.STUDENT, "main.event_detail", "event_id")


def _profile() -> StudentProfile:
    profile = user().student_profile
    if profile is None:
        raise NotFound("profile")
    return profile


def _back(event_id: int) -> BaseResponse:
    return redirect(url_for("main.event_detail", event_id=event_id))


@bp.route("/events")
def events() -> str:
    """The student's registrations and booked interviews."""
    profile = _profile()
    return render_template("student/events.html", registrations=registrations.my_registrations(db.session, profile),
                           bookings=slots.student_schedule(db.session, profile))


@bp.route("/events/<int:event_id>/register", methods=["POST"])
def event_register(event_id: int) -> BaseResponse:
    """Register for an event (a place, or the waiting list when it is full)."""
    event = queries.event_for_viewer(db.session, user(), event_id)
    try:
        found = registrations.register(db.session, _profile(), event)
    except ValidationError as exc:
        db.session.rollback()
        flash(_(exc.errors["registration"]), "error")
        return _back(event_id)
    db.session.commit()
    if found.status == RegistrationStatus.WAITING:
        flash(_("The event is full: you are on the waiting list and move up by yourself when a place opens."),
              "success")
    else:
        flash(_("You are registered."), "success")
    return _back(event_id)


@bp.route("/events/<int:event_id>/cancel", methods=["POST"])
def event_cancel(event_id: int) -> BaseResponse:
    """Cancel the registration (the first on the waiting list moves up)."""
    event = queries.event_for_viewer(db.session, user(), event_id)
    try:
        registrations.cancel(db.session, _profile(), event)
    except ValidationError as exc:
        db.session.rollback()
        flash(_(exc.errors["registration"]), "error")
        return _back(event_id)
    db.session.commit()
    flash(_("Your registration is cancelled."), "success")
    return _back(event_id)


@bp.route("/slots/<int:slot_id>/book", methods=["POST"])
def slot_book(slot_id: int) -> BaseResponse:
    """Book an interview slot at a fair."""
    slot = slots.get_slot(db.session, slot_id)
    event = queries.event_for_viewer(db.session, user(), slot.exhibitor.event_id)
    try:
        slots.book(db.session, _profile(), slot)
    except ValidationError as exc:
        db.session.rollback()
        flash(_(exc.errors["slot"]), "error")
        return _back(event.id)
    db.session.commit()
    flash(_("The interview is booked."), "success")
    return _back(event.id)


@bp.route("/slots/<int:slot_id>/cancel", methods=["POST"])
def slot_cancel(slot_id: int) -> BaseResponse:
    """Cancel a booked interview slot before the deadline."""
    slot = slots.get_slot(db.session, slot_id)
    event_id = slot.exhibitor.event_id
    try:
        slots.cancel_booking(db.session, _profile(), slot)
    except ValidationError as exc:
        db.session.rollback()
        flash(_(exc.errors["slot"]), "error")
        return _back(event_id)
    db.session.commit()
    flash(_("The interview is cancelled."), "success")
    return _back(event_id)
