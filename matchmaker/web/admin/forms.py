"""Forms of the admin area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from matchmaker.models import ProgramLevel, Role

ROLE_LABELS = {
    Role.STUDENT: _l("Student"),
    Role.EMPLOYER: _l("Employer"),
    Role.COACH: _l("Career coach"),
    Role.ADMIN: _l("Administrator"),
    Role.ALUMNUS: _l("Alumnus"),
}
LEVEL_LABELS = {
    ProgramLevel.BACHELOR: _l("Bachelor"),
    ProgramLevel.MASTER: _l("Master"),
    ProgramLevel.PROFESSIONAL: _l("Professional degree"),
    ProgramLevel.VOCATIONAL: _l("Vocational"),
}


class UserSearchForm(FlaskForm):
    """GET filter of the user list."""

    class Meta:
        csrf = False

    q = StringField(_l("Search email or name"), validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[], validators=[Optional()])


class NewUserForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[], validators=[DataRequired()])
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(max=128)])
    organization = SelectField(_l("Organisation (employers only)"), choices=[], validators=[Optional()])


class ProgramForm(FlaskForm):
    slug = StringField(_l("Short name (slug)"), validators=[Optional(), Length(max=64)])
    name_sv = StringField(_l("Name in Swedish"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=200)])
    level = SelectField(_l("Level"), choices=[], validators=[DataRequired()])


class MunicipalityForm(FlaskForm):
    county = StringField(_l("County"), validators=[DataRequired(), Length(max=100)])
    sparsely_populated = BooleanField(_l("Sparsely populated"))


class AuditFilterForm(FlaskForm):
    """GET filter of the audit trail."""

    class Meta:
        csrf = False

    actor = StringField(_l("Actor (email or name)"), validators=[Optional(), Length(max=254)])
    action = StringField(_l("Action (or its beginning, like offer.)"), validators=[Optional(), Length(max=64)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


class ButtonForm(FlaskForm):
    """A POST with nothing but CSRF (activate, deactivate)."""


class EditUserForm(FlaskForm):
    """An admin's edit of one account."""

    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[], validators=[DataRequired()])
    organization = SelectField(_l("Organisation (employers only)"), choices=[], validators=[Optional()])
    active = BooleanField(_l("Active (can log in)"))


class OrganizationSearchForm(FlaskForm):
    """GET filter of the organisations list."""

    class Meta:
        csrf = False

    q = StringField(_l("Search name or organisation number"), validators=[Optional(), Length(max=200)])
    state = SelectField(_l("Status"), choices=[], validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A destructive step: the admin ticks that they understand what happens."""

    confirm = BooleanField(_l("Yes, I understand what happens"), validators=[DataRequired(_l("Tick to confirm"))])


class MergeForm(ConfirmForm):
    """Merge a duplicate into the organisation on the page."""

    duplicate = SelectField(_l("Duplicate to merge into this organisation"), choices=[], validators=[DataRequired()])
