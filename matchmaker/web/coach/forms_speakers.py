"""The coach's form to add an alumnus as a speaker of an event."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from matchmaker.core.validation import parse_int


class SpeakerForm(FlaskForm):
    """An eligible alumnus and an optional topic; the service checks consent, openness and length."""

    alumnus = SelectField(_l("Alumnus"), validate_choice=False)
    topic = StringField(_l("Topic (optional, at most 200 characters)"))

    def user_id(self) -> int | None:
        """The chosen alumnus's account id, None when nothing (or no number) was chosen."""
        return parse_int(self.alumnus.data or "")
