"""Meeting places in the UI: translated kinds and statuses, and Swedish local time for the forms and pages.

Times are stored in UTC; people type and read them in Swedish time (Europe/Stockholm).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from matchmaker.core.errors import ValidationError
from matchmaker.models import EventKind, LifecyclePhase, ProgramLevel, RegistrationStatus

STOCKHOLM = ZoneInfo("Europe/Stockholm")

EVENT_KINDS = {
    EventKind.FAIR: _l("Fair"),
    EventKind.CAREER_WEEK: _l("Career week session"),
    EventKind.COMPANY_VISIT: _l("Company visit"),
    EventKind.GUEST_LECTURE: _l("Guest lecture"),
    EventKind.INFORMATION_MEETING: _l("Information meeting"),
}
REGISTRATION_STATUSES = {
    RegistrationStatus.REGISTERED: _l("Registered"),
    RegistrationStatus.WAITING: _l("On the waiting list"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}
PHASES = {
    LifecyclePhase.ATTRACT: _l("Attract"),
    LifecyclePhase.STIMULATE: _l("Stimulate"),
    LifecyclePhase.RETAIN: _l("Retain"),
    LifecyclePhase.DEVELOP: _l("Develop"),
}
PROGRAM_LEVELS = {
    ProgramLevel.BACHELOR: _l("Bachelor"),
    ProgramLevel.MASTER: _l("Master"),
    ProgramLevel.PROFESSIONAL: _l("Professional degree"),
    ProgramLevel.VOCATIONAL: _l("Vocational"),
}


def to_utc(local: datetime | None) -> datetime | None:
    """A naive Swedish local time from a form as an aware UTC datetime."""
    if local is None:
        return None
    return local.replace(tzinfo=STOCKHOLM).astimezone(UTC)


def to_local(value: datetime | None) -> datetime | None:
    """An aware UTC datetime as naive Swedish local time (to prefill a datetime-local field)."""
    if value is None:
        return None
    return value.astimezone(STOCKHOLM).replace(tzinfo=None)


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Template filter: a UTC time shown in Swedish time."""
    local = to_local(value)
    return local.strftime(fmt) if local else ""


def init_app(app: Flask) -> None:
    """The `local_time` filter and the label tables for every template."""
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals.update(event_kinds=EVENT_KINDS, registration_statuses=REGISTRATION_STATUSES,
                                 phase_labels=PHASES, program_levels=PROGRAM_LEVELS)


def show_errors(form: FlaskForm, exc: ValidationError) -> None:
    """A service's reasons on the fields they name; a reason about the whole request above the form."""
    for key, reason in exc.errors.items():
        field = getattr(form, key, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors), gettext(reason)]
        else:
            form.form_errors.append(gettext(reason))
