"""Forms of the employer area. Business rules are checked by the services; forms only convert types."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from matchmaker.core.validation import parse_int
from matchmaker.models import Locale

from ..labels import OFFER_KINDS, SECTORS


class OrganizationForm(FlaskForm):
    name = StringField(_l("Organisation name"), validators=[Length(max=200)])
    sector = SelectField(_l("Sector"), choices=[(k.value, v) for k, v in SECTORS.items()])
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    website = StringField(_l("Website"), validators=[Length(max=300)], render_kw={"type": "url"})
    description = TextAreaField(_l("About the organisation"), validators=[Length(max=5000)])


class ColleagueForm(FlaskForm):
    colleague_name = StringField(_l("Colleague's name"), validators=[Length(max=120)])
    colleague_email = EmailField(_l("Colleague's email"), validators=[Length(max=254)])


class OfferForm(FlaskForm):
    kind = SelectField(_l("Kind of offer"), choices=[(k.value, v) for k, v in OFFER_KINDS.items()])
    title = StringField(_l("Title"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    skills = StringField(_l("Skills"), validators=[Length(max=3000)])
    programs = SelectMultipleField(_l("Target study programs"), choices=[], validators=[Optional()])
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    remote = BooleanField(_l("Remote work possible"))
    language = SelectField(
        _l("Language"), choices=[(Locale.SV.value, _l("Swedish")), (Locale.EN.value, _l("English"))]
    )
    period_start = DateField(_l("Period starts"), validators=[Optional()])
    period_end = DateField(_l("Period ends"), validators=[Optional()])
    places = IntegerField(_l("Places"), validators=[Optional()], default=1, render_kw={"min": 1})
    application_deadline = DateField(_l("Application deadline"), validators=[Optional()])
    commitment = SelectField(_l("Counts towards contract commitment"), choices=[], validators=[Optional()])
    version_id = HiddenField()
    # One token per new-offer form: sending the same form twice creates one offer (services/offers/drafts.py).
    form_token = HiddenField()


class VersionForm(FlaskForm):
    """The CSRF token and the version a button was shown for (close, fill, submit)."""

    version_id = HiddenField()


class MoveForm(FlaskForm):
    status = SelectField(_l("New status"), choices=[])
    message = TextAreaField(_l("Message to the student (optional)"), validators=[Length(max=5000)])
    placement_start = DateField(_l("Placement starts (if not the offer's period)"), validators=[Optional()])
    placement_end = DateField(_l("Placement ends"), validators=[Optional()])
    version_id = HiddenField()


class NotesForm(FlaskForm):
    notes = TextAreaField(
        _l("Private notes (not shown on the student's pages; included if the student asks for a copy of their data)"),
        validators=[Length(max=10000)],
    )
    version_id = HiddenField()


class InviteForm(FlaskForm):
    message = TextAreaField(_l("Message with the invitation (optional)"), validators=[Length(max=2000)])


def version_of(field: HiddenField) -> int:
    """The version number a form carried; 0 (matching no version, so a conflict) when missing or garbled."""
    return parse_int(field.data, 0) or 0
