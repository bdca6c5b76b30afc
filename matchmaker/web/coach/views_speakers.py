"""Coach views: alumni as speakers of an event (added and removed on the coach's event page)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.services.events import editing, speakers

from ..access import user
from ..event_labels import show_errors
from ..extensions import db
from .blueprint import bp
from .forms_speakers import SpeakerForm
from .views_events import event_page


@bp.route("/events/<int:event_id>/speakers", methods=["POST"])
def event_speaker_add(event_id: int) -> BaseResponse | tuple[str, int]:
    """Add a consenting alumnus who is open to speaking; a refusal keeps the form with the reason on the field."""
    found = editing.get_event(db.session, event_id)
    form = SpeakerForm()
    if form.validate_on_submit():
        try:
            speakers.add_speaker(db.session, user(), found, form.user_id(), form.topic.data or "")
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The speaker is added."), "success")
            return redirect(url_for("coach.event", event_id=found.id) + "#speakers")
    return event_page(found, speaker_form=form), 400


@bp.route("/events/<int:event_id>/speakers/<int:user_id>/remove", methods=["POST"])
def event_speaker_remove(event_id: int, user_id: int) -> BaseResponse:
    """Remove a speaker from the event."""
    found = editing.get_event(db.session, event_id)
    try:
        speakers.remove_speaker(db.session, user(), found, user_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(_("The speaker is removed."), "success")
    return redirect(url_for("coach.event", event_id=found.id) + "#speakers")
