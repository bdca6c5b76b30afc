"""The coach's event form (times in Swedish local time)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.core.validation import parse_int
from matchmaker.services.events.editing import EventInput

from ..event_labels import EVENT_KINDS, PHASES, PROGRAM_LEVELS, to_local, to_utc

_DT = "%Y-%m-%dT%H:%M"


def _when(label: str) -> DateTimeLocalField:
    return DateTimeLocalField(label, format=_DT, validators=[Optional()])


class EventForm(FlaskForm):
    """An event: what, where, when, how many, who may come (rules are checked by the service)."""

    kind = SelectField(_l("Kind"), choices=[(k.value, label) for k, label in EVENT_KINDS.items()])
    title = StringField(_l("Title"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    campus = StringField(_l("Campus"), validators=[Optional(), Length(max=120)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    online_url = StringField(_l("Online link"), validators=[Optional(), Length(max=300)])
    starts_at = _when(_l("Starts"))
    ends_at = _when(_l("Ends"))
    capacity = IntegerField(_l("Capacity (empty: no limit)"),
                            validators=[Optional(), NumberRange(min=-10**6, max=10**6)])
    registration_opens = _when(_l("Student registration opens"))
    registration_closes = _when(_l("Student registration closes"))
    employer_registration_opens = _when(_l("Employer registration opens (fairs)"))
    employer_registration_closes = _when(_l("Employer registration closes (fairs)"))
    slot_cancel_deadline = _when(_l("Students may cancel interview slots until (fairs)"))
    programs = SelectMultipleField(_l("Study programs (none: all)"), choices=[], validate_choice=False)
    levels = SelectMultipleField(_l("Program levels (none: all)"),
                                 choices=[(lv.value, label) for lv, label in PROGRAM_LEVELS.items()])
    graduation_terms = StringField(_l("Graduation terms, e.g. VT2027, HT2027 (empty: all)"),
                                   validators=[Optional(), Length(max=200)])
    phase = SelectField(_l("Phase it serves"), choices=[(p.value, label) for p, label in PHASES.items()],
                        default="attract")
    goal_attendance = IntegerField(_l("Goal: students attending"),
                                   validators=[Optional(), NumberRange(min=-10**6, max=10**6)])

    def to_input(self) -> EventInput:
        """The form's values as the service's input."""
        return EventInput(
            kind=self.kind.data or "", title=self.title.data or "", description=self.description.data or "",
            campus=self.campus.data or "", place=self.place.data or "", online_url=self.online_url.data or "",
            starts_at=to_utc(self.starts_at.data), ends_at=to_utc(self.ends_at.data), capacity=self.capacity.data,
            registration_opens=to_utc(self.registration_opens.data),
            registration_closes=to_utc(self.registration_closes.data),
            employer_registration_opens=to_utc(self.employer_registration_opens.data),
            employer_registration_closes=to_utc(self.employer_registration_closes.data),
            slot_cancel_deadline=to_utc(self.slot_cancel_deadline.data),
            program_ids=[i for i in (parse_int(v) for v in self.programs.data or []) if i is not None],
            levels=list(self.levels.data or []),
            graduation_terms=[t.strip().upper() for t in (self.graduation_terms.data or "").replace(";", ",")
                              .split(",") if t.strip()],
            goal_attendance=self.goal_attendance.data, phase=self.phase.data or "",
        )

    @classmethod
    def data_of(cls, data: EventInput) -> dict[str, object]:
        """Prefill values for an existing event."""
        return {
            "kind": data.kind, "title": data.title, "description": data.description, "campus": data.campus,
            "place": data.place, "online_url": data.online_url, "starts_at": to_local(data.starts_at),
            "ends_at": to_local(data.ends_at), "capacity": data.capacity,
            "registration_opens": to_local(data.registration_opens),
            "registration_closes": to_local(data.registration_closes),
            "employer_registration_opens": to_local(data.employer_registration_opens),
            "employer_registration_closes": to_local(data.employer_registration_closes),
            "slot_cancel_deadline": to_local(data.slot_cancel_deadline),
            "programs": [str(i) for i in data.program_ids], "levels": data.levels,
            "graduation_terms": ", ".join(data.graduation_terms), "phase": data.phase,
            "goal_attendance": data.goal_attendance,
        }


class CheckInCodeForm(FlaskForm):
    """The check-in code a student shows under the QR code, typed when the camera fails."""

    code = StringField(_l("Check-in code"), validators=[Length(max=40)])


class CheckInConfirmForm(FlaskForm):
    """Confirming a check-in reached by a QR code's link (the form only carries the CSRF token)."""
