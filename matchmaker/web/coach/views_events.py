"""Coach views: events (fairs, career weeks, visits, lectures, meetings), their check-in lists and counts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import ValidationError
from matchmaker.models import Event, Role
from matchmaker.services import catalogue
from matchmaker.services.events import editing, exhibitors, queries, registrations, speakers

from ..access import user
from ..context import add_menu_item
from ..event_labels import show_errors
from ..extensions import db
from ..i18n import current_locale
from ..notification_links import register_link
from .blueprint import bp
from .forms_events import CheckInCodeForm, EventForm
from .forms_speakers import SpeakerForm

add_menu_item(Role.COACH, "coach.events", _l("Events"))
register_link("event", Role.COACH, "coach.event", "event_id")

_PRESENT = {"yes": True, "no": False}


@bp.route("/events")
def events() -> str:
    """Every event with its counts."""
    found = queries.all_events(db.session)
    return render_template("coach/events.html", events=found,
                           counts={e.id: registrations.attendance(e) for e in found})


def _prepare(form: EventForm) -> None:
    locale = current_locale()
    form.programs.choices = [(str(p.id), p.name(locale)) for p in catalogue.programs(db.session)]


def _save(form: EventForm, found: Event | None) -> str | BaseResponse | tuple[str, int]:
    if request.method == "POST" and form.validate_on_submit():
        try:
            if found is None:
                saved = editing.create_event(db.session, user(), form.to_input())
            else:
                saved = editing.update_event(db.session, user(), found, form.to_input())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("coach.event", event_id=saved.id))
    status = 200 if request.method == "GET" else 400
    return render_template("coach/event_form.html", form=form, event=found), status


@bp.route("/events/new", methods=["GET", "POST"])
def event_new() -> str | BaseResponse | tuple[str, int]:
    """Create an event."""
    form = EventForm()
    _prepare(form)
    return _save(form, None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def event_edit(event_id: int) -> str | BaseResponse | tuple[str, int]:
    """Edit an event; a raised capacity moves the waiting list up."""
    found = editing.get_event(db.session, event_id)
    form = EventForm(data=EventForm.data_of(editing.input_of(found))) if request.method == "GET" else EventForm()
    _prepare(form)
    return _save(form, found)


def event_page(found: Event, code_form: CheckInCodeForm | None = None,
               speaker_form: SpeakerForm | None = None) -> str:
    """The coach's page of one event (also re-rendered with a typed check-in code's or a speaker's error)."""
    locale = current_locale()
    if speaker_form is None:
        speaker_form = SpeakerForm(formdata=None)
    added = speakers.speakers_for_coach(db.session, found)
    taken = {s.user_id for s in added}
    speaker_form.alumnus.choices = [("", "—")] + [
        (str(a.user_id), f"{a.user.display_name} ({a.employer_name})" if a.employer_name else a.user.display_name)
        for a in speakers.eligible_alumni(db.session) if a.user_id not in taken]
    return render_template(
        "coach/event.html", event=found, counts=registrations.attendance(found),
        registered=[r for r in found.registrations if r.status.value == "registered"],
        waiting=registrations.waiting_list(found),
        program_names={p.id: p.name(locale) for p in catalogue.programs(db.session)},
        code_form=code_form or CheckInCodeForm(formdata=None),
        speaker_form=speaker_form, speakers=added,
    )


@bp.route("/events/<int:event_id>")
def event(event_id: int) -> str:
    """One event: the check-in list, the waiting list, exhibitors and attendance per program."""
    return event_page(editing.get_event(db.session, event_id))


@bp.route("/events/<int:event_id>/registrations/<int:registration_id>/check-in", methods=["POST"])
def event_check_in(event_id: int, registration_id: int) -> BaseResponse:
    """Mark a registered student present (or not)."""
    present = _PRESENT.get(request.form.get("present", ""))
    if present is None:
        abort(400)
    found = editing.get_event(db.session, event_id)
    registrations.check_in(db.session, user(), found, registration_id, present)
    db.session.commit()
    return redirect(url_for("coach.event", event_id=found.id) + "#check-in")


@bp.route("/events/<int:event_id>/exhibitors/<int:exhibitor_id>/check-in", methods=["POST"])
def exhibitor_check_in(event_id: int, exhibitor_id: int) -> BaseResponse:
    """Mark an exhibitor arrived (or not)."""
    present = _PRESENT.get(request.form.get("present", ""))
    if present is None:
        abort(400)
    found = editing.get_event(db.session, event_id)
    exhibitors.check_in_exhibitor(db.session, user(), found, exhibitor_id, present)
    db.session.commit()
    return redirect(url_for("coach.event", event_id=found.id) + "#exhibitors")
