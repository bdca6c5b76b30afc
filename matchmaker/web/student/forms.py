"""Forms of the student area (validation rules live in the services; these keep what was typed)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import Length, Optional

from matchmaker.models import StudyMode

from ..labels import OFFER_KINDS

TOO_LONG = _l("is too long")


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one list value."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=120, message=TOO_LONG)])
    program = SelectField(_l("Study program"), choices=[], validate_choice=False)
    study_mode = RadioField(
        _l("Study mode"), choices=[(StudyMode.CAMPUS.value, _l("Campus")), (StudyMode.DISTANCE.value, _l("Distance"))],
        default=StudyMode.CAMPUS.value, validate_choice=False,
    )
    grad_season = SelectField(
        _l("Expected graduation term"),
        choices=[("", "—"), ("HT", _l("Autumn term (HT)")), ("VT", _l("Spring term (VT)"))], validate_choice=False,
    )
    grad_year = StringField(_l("Graduation year"), validators=[Length(max=4, message=TOO_LONG)])
    skills = StringField(_l("Skills"), validators=[Length(max=3000, message=TOO_LONG)])
    interests = TextAreaField(_l("Interests"), validators=[Length(max=2000, message=TOO_LONG)])
    about = TextAreaField(_l("About you and your CV"), validators=[Length(max=20000, message=TOO_LONG)])
    cv_file = FileField(_l("Or upload your CV"))
    # What was read from an uploaded CV: shown for review and editing; saved only if the student chooses it.
    cv_text = TextAreaField(_l("Text read from your CV"), validators=[Length(max=20000, message=TOO_LONG)])
    languages = StringField(_l("Languages"), validators=[Length(max=1000, message=TOO_LONG)])
    preferred_kinds = MultiCheckboxField(_l("What are you looking for?"), choices=list(OFFER_KINDS.items()),
                                         validate_choice=False)
    municipalities = SelectMultipleField(_l("Preferred municipalities"), choices=[], validate_choice=False)
    willing_to_relocate = BooleanField(_l("I am willing to relocate"))
    remote_ok = BooleanField(_l("Remote work suits me"))
    prefers_sparse = BooleanField(_l("I would like to work in a sparsely populated municipality"))
    phone = StringField(_l("Phone"), validators=[Length(max=40, message=TOO_LONG)])


class ApplyForm(FlaskForm):
    message = TextAreaField(_l("Message to the employer"), validators=[Optional(), Length(max=5000, message=TOO_LONG)])
