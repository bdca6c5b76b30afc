"""The coach's forms for programme councils: the council with its goals, a member, a meeting with minutes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.core.validation import parse_int
from matchmaker.services.councils.editing import CouncilInput, MemberInput
from matchmaker.services.councils.meetings import MeetingInput

from ..council_labels import COUNCIL_MEMBER_KINDS
from ..event_labels import PHASES

MEMBER_KINDS = COUNCIL_MEMBER_KINDS
# Numbers outside this range are not goals anyone means; the service says why on the field.
_ANY = NumberRange(min=-10**6, max=10**6)


class CouncilForm(FlaskForm):
    """A council: its program, name, the phase it serves and its measurable goals."""

    program = SelectField(_l("Study program"), choices=[], validate_choice=False)
    name = StringField(_l("Name"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    phase = SelectField(_l("Phase it serves"), choices=[(p.value, label) for p, label in PHASES.items()],
                        default="develop")
    goal_meetings_per_year = IntegerField(_l("Goal: meetings in 12 months"), validators=[Optional(), _ANY])
    goal_employer_members = IntegerField(_l("Goal: employer representatives (optional)"),
                                         validators=[Optional(), _ANY])

    def to_input(self) -> CouncilInput:
        """The form's values as the service's input."""
        return CouncilInput(
            program_id=parse_int(self.program.data), name=self.name.data or "",
            description=self.description.data or "", phase=self.phase.data or "",
            goal_meetings_per_year=self.goal_meetings_per_year.data,
            goal_employer_members=self.goal_employer_members.data)

    @staticmethod
    def data_of(data: CouncilInput) -> dict[str, object]:
        """Prefill values for an existing council."""
        return {"program": str(data.program_id), "name": data.name, "description": data.description,
                "phase": data.phase, "goal_meetings_per_year": data.goal_meetings_per_year,
                "goal_employer_members": data.goal_employer_members}


class MemberForm(FlaskForm):
    """A new member of a council."""

    kind = SelectField(_l("Member"), choices=[(k.value, label) for k, label in MEMBER_KINDS.items()])
    name = StringField(_l("Name"), validators=[Length(max=200)])
    organization = SelectField(_l("Organisation (employer representatives)"), choices=[], validate_choice=False)
    email = StringField(_l("Account e-mail (optional: lets an employer or student member read the minutes)"),
                        validators=[Optional(), Length(max=254)])

    def to_input(self) -> MemberInput:
        """The form's values as the service's input."""
        return MemberInput(kind=self.kind.data or "", name=self.name.data or "",
                           organization_id=parse_int(self.organization.data), email=self.email.data or "")


class MeetingForm(FlaskForm):
    """A meeting held, with its minutes."""

    title = StringField(_l("Title"), validators=[Length(max=200)])
    held_on = DateField(_l("Date held"), validators=[Optional()])
    attendees = SelectMultipleField(_l("Members who attended"), choices=[], validate_choice=False,
                                    widget=widgets.ListWidget(prefix_label=False),
                                    option_widget=widgets.CheckboxInput())
    guests = TextAreaField(_l("Other attendees (guests)"), validators=[Optional(), Length(max=20000)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    decisions = TextAreaField(_l("Decisions"), validators=[Optional(), Length(max=20000)])

    def to_input(self) -> MeetingInput:
        """The form's values as the service's input."""
        return MeetingInput(
            title=self.title.data or "", held_on=self.held_on.data,
            attendee_ids=[i for i in (parse_int(v) for v in self.attendees.data or []) if i is not None],
            guests=self.guests.data or "", notes=self.notes.data or "", decisions=self.decisions.data or "")
