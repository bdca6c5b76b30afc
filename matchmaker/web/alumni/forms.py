"""The alumni forms: the consent question and the self-reported profile."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField

from matchmaker.core.validation import parse_int
from matchmaker.services.alumni.profile import NO, YES, AlumnusEdit


class ConsentForm(FlaskForm):
    """Yes or no to the alumni purpose."""

    answer = RadioField(_l("May we keep in touch with you as an alumnus?"),
                        choices=[(YES, _l("Yes, I agree")), (NO, _l("No, thank you"))], validate_choice=False)


class AlumnusForm(FlaskForm):
    """Where the alumnus works and what they are open to; the service checks every value."""

    employer_name = StringField(_l("Employer"))
    organization_id = SelectField(_l("Organisation in Matchmaker"), validate_choice=False)
    municipality_id = SelectField(_l("Municipality where you work"), validate_choice=False)
    stayed_in_region = RadioField(_l("Did you stay in the region after your degree?"), validate_choice=False,
                                  choices=[(YES, _l("Yes")), (NO, _l("No")), ("", _l("I would rather not say"))])
    open_to_mentoring = BooleanField(_l("I am open to being a mentor"))
    open_to_speaking = BooleanField(_l(
        "I am open to speaking at events (if a coach adds me as a speaker, the event's page shows my name, employer "
        "and topic to everyone who may see the event)"))
    contact_for_employer = BooleanField(_l("Staff of my organisation may see my name and email as an alumni contact"))

    def edit(self) -> AlumnusEdit:
        """The posted values for the service; an id that is no number becomes 0, which the service refuses."""
        return AlumnusEdit(
            employer_name=self.employer_name.data or "",
            organization_id=_choice(self.organization_id.data),
            municipality_id=_choice(self.municipality_id.data),
            stayed_in_region=self.stayed_in_region.data or "",
            open_to_mentoring=bool(self.open_to_mentoring.data), open_to_speaking=bool(self.open_to_speaking.data),
            contact_for_employer=bool(self.contact_for_employer.data),
        )


def _choice(raw: str | None) -> int | None:
    if not raw:
        return None
    return parse_int(raw) or 0
